package io.cascade4j.vision.head;

import io.cascade4j.vision.image.RgbImage;
import io.cascade4j.vision.model.ModelOutput;
import io.cascade4j.vision.model.PooledModel;
import io.cascade4j.vision.preprocess.Preprocessing;
import java.util.Arrays;
import java.util.Locale;

/**
 * A frozen backbone export (DINOv2/DINOv3, CLIP vision tower, a timm model without its classifier) that turns an
 * image into one embedding. Exports differ in what they return, so {@link Pooling} says how to get one vector: a
 * {@code [N, D]} output is used as is; a {@code [N, T, D]} token sequence gives its first (CLS) token, the mean of its
 * patch tokens (timm's {@code global_pool='avg'}, which leaves out the class and register tokens) or the mean of all
 * of them. How many tokens lead the sequence ({@code num_prefix_tokens} in timm: 1 for ViT, DINOv2 and CLIP, 5 for
 * DINOv3 with four registers, 0 for SigLIP) is given, or read from the output's shape and the input size where only
 * one count fits a patch grid. {@link #pixels} is no backbone at all: the preprocessed pixels are the embedding, for heads that read
 * images themselves (the {@code cnn} head).
 */
public final class EmbeddingBackbone implements AutoCloseable {
  /** How a token sequence becomes one embedding. */
  public enum Pooling {
    /** {@code [N, D]} as is; {@code [N, T, D]}: {@link #MEAN_PATCH}, what timm's {@code avg} pooling gives. */
    AUTO,
    /** The first token of {@code [N, T, D]} (ViT's and DINO's class token; timm's {@code global_pool='token'}). */
    CLS,
    /** The mean over the patch tokens, the leading class and register tokens left out (timm's {@code 'avg'}). */
    MEAN_PATCH,
    /** The mean over every token, class and register tokens included. */
    MEAN_ALL,
    /** The output must already be one vector per image, {@code [N, D]}. */
    NONE;

    public static Pooling parse(String name) {
      String n = name.trim().toLowerCase(Locale.ROOT);
      if (n.equals("mean")) {
        throw new IllegalArgumentException("pooling: mean is ambiguous: mean-patch averages the patch tokens only "
            + "(timm's avg), mean-all every token including the class and register tokens");
      }
      for (Pooling p : values()) {
        if (p.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(n)) {
          return p;
        }
      }
      throw new IllegalArgumentException("pooling must be auto, cls, mean-patch, mean-all or none, got '" + name + "'");
    }

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** Patch sizes of the vision transformers in use (DINO 14 and 16, ViT and CLIP 16 and 32, small ones 8). */
  private static final int[] PATCH_SIZES = {8, 14, 16, 32};
  /** The most leading tokens inferred: a class token and up to 15 registers. */
  private static final int MAX_PREFIX_TOKENS = 16;

  private final @org.jspecify.annotations.Nullable PooledModel model;
  private final Preprocessing preprocessing;
  private final Pooling pooling;
  private final int prefixTokens;

  /** Leading tokens read from the output's shape where they can be ({@link #EmbeddingBackbone(PooledModel,
   * Preprocessing, Pooling, int)} with -1). */
  public EmbeddingBackbone(PooledModel model, Preprocessing preprocessing, Pooling pooling) {
    this(model, preprocessing, pooling, -1);
  }

  /**
   * @param prefixTokens class and register tokens leading a {@code [N, T, D]} output, or -1 to read them from its
   *     shape and the input size (refused where more than one count, or none, fits a patch grid)
   */
  public EmbeddingBackbone(PooledModel model, Preprocessing preprocessing, Pooling pooling, int prefixTokens) {
    this.model = model;
    this.preprocessing = preprocessing;
    this.pooling = pooling;
    this.prefixTokens = prefixTokens;
  }

  private EmbeddingBackbone(Preprocessing preprocessing) {
    this.model = null;
    this.preprocessing = preprocessing;
    this.pooling = Pooling.AUTO;
    this.prefixTokens = -1;
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
    return pool(model.run(prepared.batchShape(), prepared::writeInto), pooling, prefixTokens, prepared.width(),
        prepared.height());
  }

  /** What identifies the embeddings this backbone makes, for caches: model file, preprocessing, pooling. */
  public String fingerprint() {
    return (model == null ? "pixels" : model.path().toAbsolutePath()) + "|" + preprocessing + "|" + pooling
        + (prefixTokens >= 0 ? "|prefix " + prefixTokens : "");
  }

  /**
   * One embedding from a backbone's output for one image of {@code width x height}.
   *
   * @throws IllegalArgumentException when the output's shape does not fit the pooling, naming what would
   */
  static float[] pool(ModelOutput out, Pooling pooling, int prefixTokens, int width, int height) {
    long[] s = out.shape();
    float[] v = out.values();
    if (s.length == 2) {
      if (pooling != Pooling.AUTO && pooling != Pooling.NONE) {
        throw new IllegalArgumentException("the backbone returns one vector per image " + Arrays.toString(s)
            + "; pooling " + pooling + " needs tokens [N, T, D]; use pooling: auto or none");
      }
      return v.clone();
    }
    if (s.length != 3) {
      throw new IllegalArgumentException("expected a backbone output [N, D] or [N, T, D], got " + Arrays.toString(s));
    }
    int tokens = (int) s[1];
    int dim = (int) s[2];
    float[] e = new float[dim];
    switch (pooling) {
      case NONE -> throw new IllegalArgumentException("the backbone returns " + tokens + " tokens " + Arrays.toString(s)
          + ", not one vector: choose pooling cls, mean-patch (timm's avg) or mean-all");
      case CLS -> System.arraycopy(v, 0, e, 0, dim);
      case MEAN_ALL -> mean(v, 0, tokens, dim, e);
      case AUTO, MEAN_PATCH -> {
        int first = prefixTokens >= 0 ? prefixTokens : inferPrefixTokens(tokens, width, height);
        if (first >= tokens) {
          throw new IllegalArgumentException("prefix-tokens " + first + " leaves none of the " + tokens
              + " tokens to average");
        }
        mean(v, first, tokens, dim, e);
      }
    }
    return e;
  }

  private static void mean(float[] v, int from, int to, int dim, float[] e) {
    for (int t = from; t < to; t++) {
      for (int d = 0; d < dim; d++) {
        e[d] += v[t * dim + d];
      }
    }
    for (int d = 0; d < dim; d++) {
      e[d] /= to - from;
    }
  }

  /**
   * The class and register tokens leading {@code tokens}: the one count p (at most 16) for which {@code tokens - p}
   * is the patch grid of a {@code width x height} input at a usual patch size.
   */
  static int inferPrefixTokens(int tokens, int width, int height) {
    int found = -1;
    for (int p = 0; p <= Math.min(MAX_PREFIX_TOKENS, tokens - 1); p++) {
      for (int patch : PATCH_SIZES) {
        if (width % patch == 0 && height % patch == 0 && (width / patch) * (height / patch) == tokens - p) {
          if (found >= 0 && found != p) {
            throw new IllegalArgumentException(ambiguous(tokens, width, height));
          }
          found = p;
        }
      }
    }
    if (found < 0) {
      throw new IllegalArgumentException(ambiguous(tokens, width, height));
    }
    return found;
  }

  private static String ambiguous(int tokens, int width, int height) {
    return "cannot tell how many of the backbone's " + tokens + " tokens (for a " + width + "x" + height
        + " input) are class and register tokens: set prefix-tokens (1 for ViT, DINOv2 and CLIP, 5 for DINOv3 with "
        + "four registers, 0 for SigLIP: timm's num_prefix_tokens)";
  }

  @Override
  public void close() {
    if (model != null) {
      model.close();
    }
  }
}
