package io.cascade4j.vision.image;

import java.util.Objects;

/**
 * An 8-bit RGB image, rows top to bottom, pixels interleaved as R, G, B: the layout PIL's {@code Image.tobytes()}
 * gives for an {@code RGB} image, which is what every preprocessing step here starts from.
 *
 * <p>Immutable to its users: the constructor copies nothing for speed, so only code in this module builds one from
 * an array it owns; {@link #pixels()} returns a copy, {@link #sharedPixels()} the array itself for readers on the
 * query path.
 */
public final class RgbImage {
  private final int width;
  private final int height;
  private final byte[] rgb;

  RgbImage(int width, int height, byte[] rgb) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("an image needs a positive size, got " + width + "x" + height);
    }
    if (rgb.length != Math.multiplyExact(Math.multiplyExact(width, height), 3)) {
      throw new IllegalArgumentException(
          "expected " + width + "x" + height + "x3 = " + (3L * width * height) + " bytes, got " + rgb.length);
    }
    this.width = width;
    this.height = height;
    this.rgb = rgb;
  }

  /** An image from interleaved RGB bytes (copied). */
  public static RgbImage of(int width, int height, byte[] rgb) {
    return new RgbImage(width, height, Objects.requireNonNull(rgb, "rgb").clone());
  }

  /** Wraps an array this module just filled and will not touch again. */
  public static RgbImage wrap(int width, int height, byte[] rgb) {
    return new RgbImage(width, height, rgb);
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** The value of channel {@code c} (0 = R) at column {@code x}, row {@code y}, as 0..255. */
  public int get(int x, int y, int c) {
    return rgb[(y * width + x) * 3 + c] & 0xFF;
  }

  /** A copy of the interleaved RGB bytes. */
  public byte[] pixels() {
    return rgb.clone();
  }

  /**
   * The backing array itself, not a copy: for preprocessing, which reads a decoded frame (megabytes at 1080p) once
   * per stage and must not copy it each time. Callers must not modify it.
   */
  public byte[] sharedPixels() {
    return rgb;
  }

  /** The rectangle at ({@code left}, {@code top}) of the given size; it must lie inside the image. */
  public RgbImage crop(int left, int top, int cropWidth, int cropHeight) {
    if (left < 0 || top < 0 || cropWidth <= 0 || cropHeight <= 0
        || left + cropWidth > width || top + cropHeight > height) {
      throw new IllegalArgumentException("crop " + cropWidth + "x" + cropHeight + " at (" + left + ", " + top
          + ") does not fit in a " + width + "x" + height + " image");
    }
    byte[] out = new byte[cropWidth * cropHeight * 3];
    for (int y = 0; y < cropHeight; y++) {
      System.arraycopy(rgb, ((top + y) * width + left) * 3, out, y * cropWidth * 3, cropWidth * 3);
    }
    return new RgbImage(cropWidth, cropHeight, out);
  }

  /**
   * This image placed at ({@code left}, {@code top}) on a canvas of the given size filled with {@code fill}
   * (R, G, B); parts that fall outside the canvas are cut off. Used for letterboxing and for crops larger than the
   * image (torchvision pads those with zeros).
   */
  public RgbImage placeOn(int canvasWidth, int canvasHeight, int left, int top, int[] fill) {
    byte[] out = new byte[canvasWidth * canvasHeight * 3];
    if (fill[0] != 0 || fill[1] != 0 || fill[2] != 0) {
      for (int i = 0; i < out.length; i += 3) {
        out[i] = (byte) fill[0];
        out[i + 1] = (byte) fill[1];
        out[i + 2] = (byte) fill[2];
      }
    }
    int x0 = Math.max(0, left);
    int x1 = Math.min(canvasWidth, left + width);
    for (int y = Math.max(0, top); y < Math.min(canvasHeight, top + height) && x1 > x0; y++) {
      System.arraycopy(rgb, ((y - top) * width + (x0 - left)) * 3, out, (y * canvasWidth + x0) * 3, (x1 - x0) * 3);
    }
    return new RgbImage(canvasWidth, canvasHeight, out);
  }

  @Override
  public String toString() {
    return "RgbImage[" + width + "x" + height + "]";
  }
}
