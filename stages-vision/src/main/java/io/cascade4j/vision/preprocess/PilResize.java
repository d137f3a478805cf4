package io.cascade4j.vision.preprocess;

import io.cascade4j.vision.image.RgbImage;

/**
 * PIL's {@code Image.resize} re-implemented bit for bit: what torchvision's {@code Resize} does to a PIL image (and so
 * what timm and Hugging Face image processors feed a model during training).
 *
 * <p>Bilinear, bicubic and box are PIL's separable, antialiased convolution (Resample.c): filter support widened by
 * the downscale factor, weights normalised per output pixel and rounded to 22-bit fixed point, a horizontal pass into
 * an 8-bit intermediate image then a vertical pass, each rounding and clipping to 0..255. Nearest is PIL's affine
 * nearest-neighbour sampling at pixel centres. Matching the integer arithmetic is what makes the result identical
 * rather than merely close.
 */
final class PilResize {
  private static final int PRECISION_BITS = 32 - 8 - 2;

  private PilResize() {}

  static RgbImage resize(RgbImage in, int width, int height, Interpolation mode) {
    if (width == in.width() && height == in.height()) {
      return in;
    }
    byte[] src = in.sharedPixels();
    if (mode == Interpolation.NEAREST) {
      return RgbImage.wrap(width, height, nearest(src, in.width(), in.height(), width, height));
    }
    Coefficients horizontal = Coefficients.of(in.width(), width, mode);
    Coefficients vertical = Coefficients.of(in.height(), height, mode);
    byte[] pixels = src;
    int rows = in.height();
    int firstRow = 0;
    if (width != in.width()) {
      // PIL only resamples the rows the vertical pass will read.
      firstRow = vertical.min[0];
      int lastRow = vertical.min[height - 1] + vertical.count[height - 1];
      pixels = horizontalPass(src, in.width(), firstRow, lastRow - firstRow, horizontal);
      rows = lastRow - firstRow;
    }
    if (height != in.height()) {
      pixels = verticalPass(pixels, width, firstRow, vertical);
    } else if (rows != height) {
      throw new IllegalStateException("row bookkeeping");
    }
    return RgbImage.wrap(width, height, pixels);
  }

  private static byte[] horizontalPass(byte[] src, int srcWidth, int firstRow, int rows, Coefficients k) {
    int outWidth = k.min.length;
    byte[] out = new byte[outWidth * rows * 3];
    for (int y = 0; y < rows; y++) {
      int rowBase = (y + firstRow) * srcWidth * 3;
      for (int x = 0; x < outWidth; x++) {
        int r = 1 << (PRECISION_BITS - 1);
        int g = r;
        int b = r;
        int base = x * k.size;
        for (int i = 0; i < k.count[x]; i++) {
          int p = rowBase + (k.min[x] + i) * 3;
          int w = k.fixed[base + i];
          r += (src[p] & 0xFF) * w;
          g += (src[p + 1] & 0xFF) * w;
          b += (src[p + 2] & 0xFF) * w;
        }
        int o = (y * outWidth + x) * 3;
        out[o] = clip8(r);
        out[o + 1] = clip8(g);
        out[o + 2] = clip8(b);
      }
    }
    return out;
  }

  private static byte[] verticalPass(byte[] src, int width, int firstRow, Coefficients k) {
    int outHeight = k.min.length;
    byte[] out = new byte[width * outHeight * 3];
    for (int y = 0; y < outHeight; y++) {
      int base = y * k.size;
      int top = k.min[y] - firstRow;
      for (int x = 0; x < width; x++) {
        int r = 1 << (PRECISION_BITS - 1);
        int g = r;
        int b = r;
        for (int i = 0; i < k.count[y]; i++) {
          int p = ((top + i) * width + x) * 3;
          int w = k.fixed[base + i];
          r += (src[p] & 0xFF) * w;
          g += (src[p + 1] & 0xFF) * w;
          b += (src[p + 2] & 0xFF) * w;
        }
        int o = (y * width + x) * 3;
        out[o] = clip8(r);
        out[o + 1] = clip8(g);
        out[o + 2] = clip8(b);
      }
    }
    return out;
  }

  private static byte clip8(int v) {
    if (v >= (1 << PRECISION_BITS) << 8) {
      return (byte) 255;
    }
    return v <= 0 ? 0 : (byte) (v >> PRECISION_BITS);
  }

  /** PIL resizes with NEAREST through an affine transform that samples the source at each output pixel's centre. */
  private static byte[] nearest(byte[] src, int srcWidth, int srcHeight, int width, int height) {
    double xScale = (double) srcWidth / width;
    double yScale = (double) srcHeight / height;
    byte[] out = new byte[width * height * 3];
    int[] sx = new int[width];
    for (int x = 0; x < width; x++) {
      sx[x] = Math.min(srcWidth - 1, (int) ((x + 0.5) * xScale));
    }
    for (int y = 0; y < height; y++) {
      int sy = Math.min(srcHeight - 1, (int) ((y + 0.5) * yScale));
      for (int x = 0; x < width; x++) {
        System.arraycopy(src, (sy * srcWidth + sx[x]) * 3, out, (y * width + x) * 3, 3);
      }
    }
    return out;
  }

  /** Per output pixel: the first source pixel, how many it reads, and the fixed-point weights (PIL's precompute). */
  private record Coefficients(int size, int[] min, int[] count, int[] fixed) {
    static Coefficients of(int inSize, int outSize, Interpolation mode) {
      double scale = (double) inSize / outSize;
      double filterScale = Math.max(1.0, scale);
      double support = mode.support() * filterScale;
      int size = (int) Math.ceil(support) * 2 + 1;
      int[] min = new int[outSize];
      int[] count = new int[outSize];
      int[] fixed = new int[outSize * size];
      double[] weights = new double[size];
      for (int x = 0; x < outSize; x++) {
        double center = (x + 0.5) * scale;
        double invScale = 1.0 / filterScale;
        int xmin = Math.max(0, (int) (center - support + 0.5));
        int xmax = Math.min(inSize, (int) (center + support + 0.5)) - xmin;
        double total = 0.0;
        for (int i = 0; i < xmax; i++) {
          double w = mode.weight((i + xmin - center + 0.5) * invScale);
          weights[i] = w;
          total += w;
        }
        for (int i = 0; i < xmax; i++) {
          double w = total != 0.0 ? weights[i] / total : weights[i];
          // C's (int) truncates toward zero, like Java's cast.
          fixed[x * size + i] = w < 0 ? (int) (-0.5 + w * (1 << PRECISION_BITS)) : (int) (0.5 + w * (1 << PRECISION_BITS));
        }
        min[x] = xmin;
        count[x] = xmax;
      }
      return new Coefficients(size, min, count, fixed);
    }
  }
}
