package io.cascade4j.core.image;

/**
 * Bounds checked before a decoder allocates anything, so a small hostile file (a decompression bomb) cannot make the
 * process reserve gigabytes, and a huge but legitimate photograph costs what a moderate one does.
 *
 * @param maxEncodedBytes the largest encoded image accepted
 * @param maxPixels the largest width x height accepted, read from the file's header before decoding
 * @param maxDecodedPixels the decode budget: the most pixels one decode produces. A JPEG above it is decoded at 1/2,
 *     1/4 or 1/8 scale (libjpeg scales while decoding, so time and memory are those of the smaller image); formats
 *     whose decoders cannot scale (PNG, WebP, BMP) are refused above it
 */
public record ImageLimits(long maxEncodedBytes, long maxPixels, long maxDecodedPixels) {
  /**
   * Pixels one decode may produce by default: 16 M holds every native-size SN72 image (1024x1024 synthetic, 1080p
   * and 4K frames, 12 Mpx phone photos) at full size, exactly as PIL decodes it.
   */
  public static final long DEFAULT_DECODED_PIXELS = 16_000_000L;

  /** 16 MiB and 40 megapixels, decoded into at most 16 M pixels. */
  public static final ImageLimits DEFAULT = new ImageLimits(16L << 20, 40_000_000L, DEFAULT_DECODED_PIXELS);

  public ImageLimits {
    if (maxEncodedBytes <= 0 || maxPixels <= 0 || maxDecodedPixels <= 0) {
      throw new IllegalArgumentException("image limits must be positive, got maxEncodedBytes=" + maxEncodedBytes
          + ", maxPixels=" + maxPixels + ", maxDecodedPixels=" + maxDecodedPixels);
    }
  }

  /** Limits with the default decode budget (or {@code maxPixels} where that is smaller). */
  public ImageLimits(long maxEncodedBytes, long maxPixels) {
    this(maxEncodedBytes, maxPixels, Math.min(maxPixels, DEFAULT_DECODED_PIXELS));
  }

  /**
   * The scale divisor (1, 2, 4 or 8) at which a JPEG of {@code width} x {@code height} fits the decode budget, or 0
   * if even 1/8 does not. libjpeg rounds each reduced side up.
   */
  public int jpegReduction(int width, int height) {
    for (int divisor = 1; divisor <= 8; divisor *= 2) {
      long w = (width + divisor - 1) / divisor;
      long h = (height + divisor - 1) / divisor;
      if (w * h <= maxDecodedPixels) {
        return divisor;
      }
    }
    return 0;
  }
}
