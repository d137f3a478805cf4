package io.cascade4j.vision.head;

import com.google.common.hash.Hashing;
import io.cascade4j.api.EncodedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Embeddings on disk, so training a head again (other settings, more epochs) does not run the backbone again. The key
 * hashes the backbone's fingerprint with the image bytes; a different model, preprocessing or pooling misses.
 * Entries are written to a temporary file and moved into place, so an interrupted run leaves no torn entry.
 */
public final class EmbeddingCache {
  private final Path dir;

  public EmbeddingCache(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
  }

  /** The cached embedding of {@code image} by {@code backbone}, computing and storing it on a miss. */
  public float[] get(EmbeddingBackbone backbone, EncodedImage image, Computation compute)
      throws IOException, InterruptedException {
    String key = Hashing.sha256().newHasher()
        .putString(backbone.fingerprint(), StandardCharsets.UTF_8)
        .putBytes(image.toByteArray())
        .hash().toString();
    Path file = dir.resolve(key + ".f32");
    if (Files.isRegularFile(file)) {
      byte[] bytes = Files.readAllBytes(file);
      float[] e = new float[bytes.length / 4];
      ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(e);
      return e;
    }
    float[] e = compute.embed();
    ByteBuffer b = ByteBuffer.allocate(e.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(e);
    Path tmp = Files.createTempFile(dir, key, ".tmp");
    Files.write(tmp, b.array());
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return e;
  }

  /** Computes an embedding on a cache miss. */
  public interface Computation {
    float[] embed() throws InterruptedException;
  }
}
