package io.cascade4j.vision.head;

import io.cascade4j.vision.image.RgbImage;
import io.cascade4j.vision.model.ModelOutput;
import io.cascade4j.vision.model.PooledModel;
import io.cascade4j.vision.preprocess.Preprocessing;
import java.util.Locale;

/**
 * A frozen backbone export (DINOv2/DINOv3, CLIP vision tower, a timm model without its classifier) that turns an
 * image into one embedding. Exports differ in what they return, so {@link Pooling} says how to get one vector: a
 * {@code [N, D]} output is used as is; a {@code [N, T, D]} token sequence gives its first (CLS) token or the mean of
 * its tokens. {@link #pixels} is no backbone at all: the preprocessed pixels are the embedding, for heads that read
 * images themselves (the {@code cnn} head).
 */
public final class EmbeddingBackbone implements AutoCloseable {
  /** How a token sequence becomes one embedding. */
  public enum Pooling {
    /** {@code [N, D]} as is; {@code [N, T, D]}: the CLS token. */
    AUTO,
    /** The first token of {@code [N, T, D]} (DINO's and ViT's class token). */
    CLS,
    /** The mean over all tokens of {@code [N, T, D]}. */
    MEAN;

    public static Pooling parse(String name) {
      try {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("pooling must be auto, cls or mean, got '" + name + "'", e);
      }
    }
  }

  private final @org.jspecify.annotations.Nullable PooledModel model;
  private final Preprocessing preprocessing;
  private final Pooling pooling;

  public EmbeddingBackbone(PooledModel model, Preprocessing preprocessing, Pooling pooling) {
    this.model = model;
    this.preprocessing = preprocessing;
    this.pooling = pooling;
  }

  private EmbeddingBackbone(Preprocessing preprocessing) {
    this.model = null;
    this.preprocessing = preprocessing;
    this.pooling = Pooling.AUTO;
  }

  /** The backbone's warm latency from its warm-up at load; empty for pixels or without warm-up. */
  public java.util.Optional<java.time.Duration> warmLatency() {
    return model == null ? java.util.Optional.empty() : model.warmLatency();
  }

  /** No model: the embedding is the preprocessed image tensor, channels first, flattened. */
  public static EmbeddingBackbone pixels(Preprocessing preprocessing) {
    return new EmbeddingBackbone(preprocessing);
  }

  /** The embedding of one image. */
  public float[] embed(RgbImage image) throws InterruptedException {
    if (model == null) {
      return preprocessing.apply(image).floats();
    }
    Preprocessing.Prepared prepared = preprocessing.prepare(image); // written straight into the model's buffer
    return pool(model.run(prepared.batchShape(), prepared::writeInto), pooling);
  }

  /** What identifies the embeddings this backbone makes, for caches: model file, preprocessing, pooling. */
  public String fingerprint() {
    return (model == null ? "pixels" : model.path().toAbsolutePath()) + "|" + preprocessing + "|" + pooling;
  }

  static float[] pool(ModelOutput out, Pooling pooling) {
    long[] s = out.shape();
    float[] v = out.values();
    if (s.length == 2) {
      if (pooling != Pooling.AUTO) {
        throw new IllegalArgumentException("the backbone returns one vector per image " + java.util.Arrays.toString(s)
            + "; pooling " + pooling + " needs tokens [N, T, D]; use pooling: auto");
      }
      return v.clone();
    }
    if (s.length != 3) {
      throw new IllegalArgumentException("expected a backbone output [N, D] or [N, T, D], got "
          + java.util.Arrays.toString(s));
    }
    int tokens = (int) s[1];
    int dim = (int) s[2];
    float[] e = new float[dim];
    if (pooling == Pooling.MEAN) {
      for (int t = 0; t < tokens; t++) {
        for (int d = 0; d < dim; d++) {
          e[d] += v[t * dim + d];
        }
      }
      for (int d = 0; d < dim; d++) {
        e[d] /= tokens;
      }
    } else {
      System.arraycopy(v, 0, e, 0, dim);
    }
    return e;
  }

  @Override
  public void close() {
    if (model != null) {
      model.close();
    }
  }
}
