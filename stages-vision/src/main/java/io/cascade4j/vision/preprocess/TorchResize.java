package io.cascade4j.vision.preprocess;

import io.cascade4j.vision.image.RgbImage;

/**
 * torchvision's {@code Resize(..., antialias=False)} on a uint8 tensor: {@code torch.nn.functional.interpolate} with
 * {@code align_corners=False} in float32, then rounded half to even (and clamped, for bicubic) back to uint8. This is
 * also what OpenCV's {@code INTER_LINEAR} approximates, and what detector pipelines (YOLO letterboxing) use.
 *
 * <p>Source coordinates follow ATen's {@code area_pixel_compute_source_index}: {@code scale * (dst + 0.5) - 0.5},
 * clamped at zero for bilinear; bicubic uses the cubic constant -0.75 with edge-clamped taps; nearest is ATen's
 * legacy {@code floor(dst * scale)}.
 */
final class TorchResize {
  private static final float CUBIC_A = -0.75f;

  private TorchResize() {}

  static RgbImage resize(RgbImage in, int width, int height, Interpolation mode) {
    if (width == in.width() && height == in.height()) {
      return in;
    }
    if (mode == Interpolation.AREA) {
      throw new IllegalArgumentException("area interpolation is always antialiased; set antialias: true");
    }
    byte[] src = in.sharedPixels();
    int srcW = in.width();
    int srcH = in.height();
    float scaleX = (float) srcW / width;
    float scaleY = (float) srcH / height;
    byte[] out = new byte[width * height * 3];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        for (int c = 0; c < 3; c++) {
          float v = switch (mode) {
            case NEAREST -> sample(src, srcW,
                Math.min((int) Math.floor(x * scaleX), srcW - 1), Math.min((int) Math.floor(y * scaleY), srcH - 1), c);
            case BILINEAR -> bilinear(src, srcW, srcH, scaleX, scaleY, x, y, c);
            case BICUBIC -> bicubic(src, srcW, srcH, scaleX, scaleY, x, y, c);
            case AREA -> throw new AssertionError();
          };
          out[(y * width + x) * 3 + c] = (byte) Math.max(0, Math.min(255, (int) Math.rint(v)));
        }
      }
    }
    return RgbImage.wrap(width, height, out);
  }

  private static float bilinear(byte[] src, int w, int h, float sx, float sy, int x, int y, int c) {
    float realX = Math.max(0f, sx * (x + 0.5f) - 0.5f);
    float realY = Math.max(0f, sy * (y + 0.5f) - 0.5f);
    int x0 = (int) realX;
    int y0 = (int) realY;
    int x1 = x0 < w - 1 ? x0 + 1 : x0;
    int y1 = y0 < h - 1 ? y0 + 1 : y0;
    float lx = realX - x0;
    float ly = realY - y0;
    return (1f - ly) * ((1f - lx) * sample(src, w, x0, y0, c) + lx * sample(src, w, x1, y0, c))
        + ly * ((1f - lx) * sample(src, w, x0, y1, c) + lx * sample(src, w, x1, y1, c));
  }

  private static float bicubic(byte[] src, int w, int h, float sx, float sy, int x, int y, int c) {
    float realX = sx * (x + 0.5f) - 0.5f;
    float realY = sy * (y + 0.5f) - 0.5f;
    int ix = (int) Math.floor(realX);
    int iy = (int) Math.floor(realY);
    float[] wx = cubicWeights(realX - ix);
    float[] wy = cubicWeights(realY - iy);
    float total = 0f;
    for (int j = 0; j < 4; j++) {
      int yy = Math.max(0, Math.min(h - 1, iy - 1 + j));
      float row = 0f;
      for (int i = 0; i < 4; i++) {
        int xx = Math.max(0, Math.min(w - 1, ix - 1 + i));
        row += wx[i] * sample(src, w, xx, yy, c);
      }
      total += wy[j] * row;
    }
    return total;
  }

  /** ATen's get_cubic_upsample_coefficients. */
  private static float[] cubicWeights(float t) {
    float x1 = t;
    float x2 = 1f - t;
    return new float[] {
      ((CUBIC_A * (x1 + 1f) - 5f * CUBIC_A) * (x1 + 1f) + 8f * CUBIC_A) * (x1 + 1f) - 4f * CUBIC_A,
      ((CUBIC_A + 2f) * x1 - (CUBIC_A + 3f)) * x1 * x1 + 1f,
      ((CUBIC_A + 2f) * x2 - (CUBIC_A + 3f)) * x2 * x2 + 1f,
      ((CUBIC_A * (x2 + 1f) - 5f * CUBIC_A) * (x2 + 1f) + 8f * CUBIC_A) * (x2 + 1f) - 4f * CUBIC_A
    };
  }

  private static float sample(byte[] src, int w, int x, int y, int c) {
    return src[(y * w + x) * 3 + c] & 0xFF;
  }
}
