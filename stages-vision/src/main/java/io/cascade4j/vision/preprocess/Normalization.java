package io.cascade4j.vision.preprocess;

import java.util.Arrays;
import java.util.Locale;

/**
 * Per-channel {@code (x - mean) / std} on values already scaled to [0, 1], in R, G, B order, computed in float32 as
 * torchvision's {@code Normalize} does (so results are identical, not just close).
 */
public final class Normalization {
  /** torchvision / timm ImageNet statistics. */
  public static final Normalization IMAGENET =
      new Normalization(new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225});
  /** OpenAI CLIP statistics (also SigLIP-era CLIP ports). */
  public static final Normalization CLIP = new Normalization(
      new double[] {0.48145466, 0.4578275, 0.40821073}, new double[] {0.26862954, 0.26130258, 0.27577711});
  /** Mean 0.5, std 0.5: maps [0, 1] to [-1, 1] (Inception, many ViTs, SigLIP). */
  public static final Normalization HALF = new Normalization(new double[] {0.5, 0.5, 0.5}, new double[] {0.5, 0.5, 0.5});
  /** Leaves [0, 1] values as they are. */
  public static final Normalization NONE = new Normalization(new double[] {0, 0, 0}, new double[] {1, 1, 1});

  private final float[] mean;
  private final float[] std;
  private volatile float @org.jspecify.annotations.Nullable [][] lookup;
  private volatile float @org.jspecify.annotations.Nullable [][] fusedLookup;

  public Normalization(double[] mean, double[] std) {
    if (mean.length != 3 || std.length != 3) {
      throw new IllegalArgumentException("mean and std need three values (R, G, B), got "
          + Arrays.toString(mean) + " and " + Arrays.toString(std));
    }
    this.mean = new float[3];
    this.std = new float[3];
    for (int c = 0; c < 3; c++) {
      if (!(std[c] > 0) || !Double.isFinite(mean[c])) {
        throw new IllegalArgumentException("std must be positive and mean finite, got mean "
            + Arrays.toString(mean) + ", std " + Arrays.toString(std));
      }
      this.mean[c] = (float) mean[c];
      this.std[c] = (float) std[c];
    }
  }

  /** A preset by name: {@code imagenet}, {@code clip}, {@code half} or {@code none}. */
  public static Normalization preset(String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "imagenet" -> IMAGENET;
      case "clip", "openai-clip" -> CLIP;
      case "half", "inception" -> HALF;
      case "none" -> NONE;
      default -> throw new IllegalArgumentException(
          "unknown normalization preset '" + name + "' (use imagenet, clip, half or none, or give mean and std)");
    };
  }

  /** {@code value} of channel {@code c} in 0..255 to the normalised float32 torchvision produces. */
  float apply(int value, int c) {
    return ((float) value / 255f - mean[c]) / std[c];
  }

  /**
   * {@link #apply} for every 8-bit value of every channel, {@code [channel][value]}: the same float expression
   * evaluated once per value instead of once per pixel, so results are bit for bit the same.
   */
  float[][] table() {
    float[][] t = lookup;
    if (t == null) {
      t = new float[3][256];
      for (int c = 0; c < 3; c++) {
        for (int v = 0; v < 256; v++) {
          t[c][v] = apply(v, c);
        }
      }
      lookup = t;
    }
    return t;
  }

  /**
   * {@code [channel][value]} as transformers' torchvision backend computes it: rescale and normalise fused into
   * {@code (x - mean * 255) / (std * 255)} in float32 (its {@code _fuse_mean_std_and_rescale_factor}); without
   * normalisation, {@code x * (1/255)} with the factor rounded to float32 (its {@code rescale}).
   */
  float[][] fusedTable() {
    float[][] t = fusedLookup;
    if (t == null) {
      t = new float[3][256];
      for (int c = 0; c < 3; c++) {
        float m = mean[c] * 255f;
        float s = std[c] * 255f;
        for (int v = 0; v < 256; v++) {
          t[c][v] = isIdentity() ? v * (float) (1 / 255.0) : (v - m) / s;
        }
      }
      fusedLookup = t;
    }
    return t;
  }

  /** torchvision's {@code Normalize} on a value already on the [0, 1] scale: {@code (x - mean) / std} in float32. */
  float normalise(float value, int c) {
    return (value - mean[c]) / std[c];
  }

  boolean isIdentity() {
    return mean[0] == 0 && mean[1] == 0 && mean[2] == 0 && std[0] == 1 && std[1] == 1 && std[2] == 1;
  }

  @Override
  public String toString() {
    return "Normalization[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
  }
}
