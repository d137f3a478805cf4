package io.cascade4j.vision.preprocess;

import io.cascade4j.vision.image.RgbImage;

/**
 * The image processors that rescale to [0, 1] before they resize (transformers' {@code DINOv3ViTImageProcessor}):
 * {@code x * (1/255)} in float32, then ATen's antialiased float {@code interpolate} (the separable convolution of
 * {@link AntialiasedResize}, widths first, with weights computed and normalised in float32 and the sums kept in
 * float32 rather than rounded to 8 bits).
 *
 * <p>Close, not identical: ATen's vectorised kernel orders and fuses some float operations differently, which moves
 * values by a few units in the last place (measured against the processor itself: docs/vision.md).
 */
final class FloatResize {
  private FloatResize() {}

  /** Three float planes (R, G, B) of {@code width x height}, values on the [0, 1] scale. */
  record Planes(int width, int height, float[] chw) {
    /**
     * Hugging Face's torchvision centre crop: zero padding split with the smaller half first where the crop is larger,
     * then the window starting at {@code (size - crop) / 2} rounded down.
     */
    Planes centerCrop(int cropWidth, int cropHeight) {
      int padLeft = cropWidth > width ? (cropWidth - width) / 2 : 0;
      int padTop = cropHeight > height ? (cropHeight - height) / 2 : 0;
      int fullWidth = Math.max(width, cropWidth);
      int fullHeight = Math.max(height, cropHeight);
      int left = (fullWidth - cropWidth) / 2 - padLeft;
      int top = (fullHeight - cropHeight) / 2 - padTop;
      float[] out = new float[3 * cropWidth * cropHeight];
      for (int c = 0; c < 3; c++) {
        for (int y = 0; y < cropHeight; y++) {
          int sy = y + top;
          if (sy < 0 || sy >= height) {
            continue; // padding stays 0
          }
          for (int x = 0; x < cropWidth; x++) {
            int sx = x + left;
            if (sx >= 0 && sx < width) {
              out[(c * cropHeight + y) * cropWidth + x] = chw[(c * height + sy) * width + sx];
            }
          }
        }
      }
      return new Planes(cropWidth, cropHeight, out);
    }
  }

  /** {@code image} scaled to [0, 1] and, where the size changes, resized to {@code width x height}. */
  static Planes rescaleAndResize(RgbImage image, int width, int height, Interpolation mode) {
    if (mode != Interpolation.BILINEAR && mode != Interpolation.BICUBIC) {
      throw new IllegalArgumentException("the float resize supports bilinear and bicubic, not " + mode);
    }
    int inWidth = image.width();
    int inHeight = image.height();
    byte[] rgb = image.sharedPixels();
    float scale = (float) (1 / 255.0); // torch: uint8 tensor * Python float -> float32 product
    float[] planes = new float[3 * inWidth * inHeight];
    int plane = inWidth * inHeight;
    for (int p = 0; p < plane; p++) {
      planes[p] = (rgb[p * 3] & 0xFF) * scale;
      planes[plane + p] = (rgb[p * 3 + 1] & 0xFF) * scale;
      planes[2 * plane + p] = (rgb[p * 3 + 2] & 0xFF) * scale;
    }
    Planes current = new Planes(inWidth, inHeight, planes);
    if (width != inWidth) {
      current = horizontal(current, Weights.of(inWidth, width, mode));
    }
    if (height != inHeight) {
      current = vertical(current, Weights.of(inHeight, height, mode));
    }
    return current;
  }

  private static Planes horizontal(Planes in, Weights k) {
    int outWidth = k.min.length;
    float[] out = new float[3 * in.height * outWidth];
    for (int row = 0; row < 3 * in.height; row++) {
      int from = row * in.width;
      for (int x = 0; x < outWidth; x++) {
        out[row * outWidth + x] = k.sum(in.chw, from + k.min[x], 1, x);
      }
    }
    return new Planes(outWidth, in.height, out);
  }

  private static Planes vertical(Planes in, Weights k) {
    int outHeight = k.min.length;
    float[] out = new float[3 * outHeight * in.width];
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < outHeight; y++) {
        int from = (c * in.height + k.min[y]) * in.width;
        for (int x = 0; x < in.width; x++) {
          out[(c * outHeight + y) * in.width + x] = k.sum(in.chw, from + x, in.width, y);
        }
      }
    }
    return new Planes(in.width, outHeight, out);
  }

  /**
   * ATen's {@code _compute_indices_min_size_weights_aa} with {@code scalar_t = float}: the scale, centre, filter
   * argument and weights in float32 where ATen's C++ keeps them in float, double where its expressions promote.
   */
  private record Weights(int size, int[] min, int[] count, float[] weights) {
    static Weights of(int inSize, int outSize, Interpolation mode) {
      float scale = (float) inSize / outSize;
      double halfTaps = mode == Interpolation.BICUBIC ? 2.0 : 1.0; // interp_size * 0.5
      float support = (float) (scale >= 1.0 ? halfTaps * scale : halfTaps);
      float invScale = (float) (scale >= 1.0 ? 1.0 / scale : 1.0);
      int size = (int) Math.ceil(support) * 2 + 1;
      int[] min = new int[outSize];
      int[] count = new int[outSize];
      float[] weights = new float[outSize * size];
      for (int i = 0; i < outSize; i++) {
        float center = (float) (scale * (i + 0.5));
        int xmin = Math.max((int) ((center - support) + 0.5), 0);
        int taps = Math.clamp(Math.min((int) ((center + support) + 0.5), inSize) - xmin, 0, size);
        float total = 0f;
        for (int j = 0; j < taps; j++) {
          float w = filter(mode, (float) (((j + xmin) - center + 0.5) * invScale));
          weights[i * size + j] = w;
          total += w;
        }
        if (total != 0f) {
          for (int j = 0; j < taps; j++) {
            weights[i * size + j] /= total;
          }
        }
        min[i] = xmin;
        count[i] = taps;
      }
      return new Weights(size, min, count, weights);
    }

    /** ATen's {@code aa_filter}s: the triangle, and the cubic with a = -0.5 (PIL's, for antialiasing). */
    private static float filter(Interpolation mode, float x) {
      float d = Math.abs(x);
      if (mode == Interpolation.BILINEAR) {
        return d < 1.0f ? (float) (1.0 - d) : 0f;
      }
      double a = -0.5;
      if (d < 1.0f) {
        return (float) (((a + 2) * d - (a + 3)) * d * d + 1);
      }
      return d < 2.0f ? (float) ((((d - 5) * d + 8) * d - 4) * a) : 0f;
    }

    /** ATen's {@code interpolate_aa_single_dim}: {@code src[0] * w[0] + src[stride] * w[1] + ...} in float32. */
    float sum(float[] src, int from, int stride, int index) {
      int base = index * size;
      if (count[index] == 0) {
        return 0f;
      }
      float t = src[from] * weights[base];
      for (int j = 1; j < count[index]; j++) {
        t += src[from + j * stride] * weights[base + j];
      }
      return t;
    }
  }
}
