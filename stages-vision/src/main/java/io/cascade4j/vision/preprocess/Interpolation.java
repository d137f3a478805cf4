package io.cascade4j.vision.preprocess;

import java.util.Locale;

/** Resize filters, named as torchvision's {@code InterpolationMode}; {@link #AREA} is PIL's {@code BOX}. */
public enum Interpolation {
  NEAREST(0, 0.0),
  BILINEAR(2, 1.0),
  BICUBIC(3, 2.0),
  AREA(4, 0.5);

  private final int pilCode;
  private final double support;

  Interpolation(int pilCode, double support) {
    this.pilCode = pilCode;
    this.support = support;
  }

  /** Half-width of the filter in source pixels at scale 1, as PIL's {@code filter.support}. */
  double support() {
    return support;
  }

  /** The filter's weight at distance {@code x}, exactly as PIL's Resample.c computes it. */
  double weight(double x) {
    double d = Math.abs(x);
    return switch (this) {
      case BILINEAR -> d < 1.0 ? 1.0 - d : 0.0;
      case BICUBIC -> {
        double a = -0.5; // PIL's cubic constant; torch's non-antialiased bicubic uses -0.75
        if (d < 1.0) {
          yield ((a + 2.0) * d - (a + 3.0)) * d * d + 1;
        }
        yield d < 2.0 ? (((d - 5) * d + 8) * d - 4) * a : 0.0;
      }
      case AREA -> (x > -0.5 && x <= 0.5) ? 1.0 : 0.0;
      case NEAREST -> throw new IllegalStateException("nearest is not a convolution filter");
    };
  }

  /**
   * The mode for a PIL resample code as stored in Hugging Face's {@code preprocessor_config.json}
   * ({@code "resample": 3}).
   */
  public static Interpolation fromPilCode(int code) {
    for (Interpolation i : values()) {
      if (i.pilCode == code) {
        return i;
      }
    }
    throw new IllegalArgumentException("unsupported PIL resample code " + code
        + " (supported: 0 nearest, 2 bilinear, 3 bicubic, 4 box)");
  }

  /** The mode for a name as timm and configs spell it: {@code bicubic}, {@code bilinear}, {@code nearest}, ... */
  public static Interpolation fromName(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    return switch (n) {
      case "nearest" -> NEAREST;
      case "bilinear", "linear" -> BILINEAR;
      case "bicubic", "cubic" -> BICUBIC;
      case "area", "box" -> AREA;
      default -> throw new IllegalArgumentException(
          "unknown interpolation '" + name + "' (use nearest, bilinear, bicubic or area)");
    };
  }
}
