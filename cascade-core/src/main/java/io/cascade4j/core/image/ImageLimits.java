package io.cascade4j.core.image;

/**
 * Bounds checked before a decoder allocates anything, so a small hostile file (a decompression bomb) cannot make the
 * process reserve gigabytes.
 *
 * @param maxEncodedBytes the largest encoded image accepted
 * @param maxPixels the largest width x height accepted, read from the file's header before decoding
 */
public record ImageLimits(long maxEncodedBytes, long maxPixels) {
  /** 16 MiB and 40 megapixels: far beyond SN72's 224x224 to 1080p street images, far below what hurts. */
  public static final ImageLimits DEFAULT = new ImageLimits(16L << 20, 40_000_000L);

  public ImageLimits {
    if (maxEncodedBytes <= 0 || maxPixels <= 0) {
      throw new IllegalArgumentException(
          "image limits must be positive, got maxEncodedBytes=" + maxEncodedBytes + ", maxPixels=" + maxPixels);
    }
  }
}
