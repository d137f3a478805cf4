package io.cascade4j.vision.head;

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
    String key = sha256(backbone.fingerprint().getBytes(StandardCharsets.UTF_8), image.toByteArray());
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

  /** The key Guava's Hashing.sha256() gave for the same input (the fingerprint's UTF-8, then the bytes). */
  private static String sha256(byte[] fingerprint, byte[] image) {
    try {
      java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
      digest.update(fingerprint);
      digest.update(image);
      return java.util.HexFormat.of().formatHex(digest.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
