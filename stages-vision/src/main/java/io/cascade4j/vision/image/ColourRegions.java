package io.cascade4j.vision.image;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2HSV;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_OPEN;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_RECT;
import static org.bytedeco.opencv.global.opencv_imgproc.connectedComponentsWithStats;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.morphologyEx;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Colour regions with OpenCV, for detectors that need no weights (the hazard detector, the OCR stage's sign finder):
 * an image shrunk and converted to HSV, and the connected blobs of a mask built from it.
 */
public final class ColourRegions {
  private ColourRegions() {}

  /**
   * An image in OpenCV's 8-bit HSV (hue in degrees / 2, 0..179; saturation and value 0..255), interleaved.
   *
   * @param width width after shrinking
   * @param height height after shrinking
   * @param scale shrunk / original size (at most 1)
   * @param values H, S, V per pixel, row-major
   */
  public record Hsv(int width, int height, double scale, byte[] values) {
    /** Hue (0..179), saturation and value (0..255) of pixel {@code p}. */
    public int hue(int p) {
      return values[p * 3] & 0xFF;
    }

    public int saturation(int p) {
      return values[p * 3 + 1] & 0xFF;
    }

    public int value(int p) {
      return values[p * 3 + 2] & 0xFF;
    }
  }

  /**
   * A connected blob of a mask, in mask pixels.
   *
   * @param x left
   * @param y top
   * @param w width
   * @param h height
   * @param area pixels in the blob
   */
  public record Blob(int x, int y, int w, int h, int area) {
    public int right() {
      return x + w;
    }

    public int bottom() {
      return y + h;
    }
  }

  /** {@code image} shrunk (area interpolation) so its longer side is at most {@code maxSide}, in HSV. */
  public static Hsv hsv(RgbImage image, int maxSide) {
    double scale = Math.min(1.0, (double) maxSide / Math.max(image.width(), image.height()));
    int width = Math.max(1, (int) Math.round(image.width() * scale));
    int height = Math.max(1, (int) Math.round(image.height() * scale));
    byte[] out = new byte[width * height * 3];
    try (BytePointer data = new BytePointer(image.sharedPixels());
        Mat rgb = new Mat(image.height(), image.width(), CV_8UC3, data);
        Mat small = new Mat();
        Mat hsv = new Mat();
        Size size = new Size(width, height)) {
      if (width != image.width() || height != image.height()) {
        resize(rgb, small, size, 0, 0, INTER_AREA);
        cvtColor(small, hsv, COLOR_RGB2HSV);
      } else {
        cvtColor(rgb, hsv, COLOR_RGB2HSV);
      }
      hsv.data().get(out);
    }
    return new Hsv(width, height, (double) width / image.width(), out);
  }

  /**
   * The connected blobs (8-connected) of {@code mask} (non-zero = set) after a 2x2 opening that drops speckle, of at
   * least {@code minArea} pixels, in label order.
   */
  public static List<Blob> blobs(byte[] mask, int width, int height, int minArea) {
    List<Blob> blobs = new ArrayList<>();
    try (BytePointer data = new BytePointer(mask);
        Mat raw = new Mat(height, width, CV_8UC1, data);
        Mat opened = new Mat();
        Size two = new Size(2, 2);
        Mat kernel = getStructuringElement(MORPH_RECT, two);
        Mat labels = new Mat();
        Mat stats = new Mat();
        Mat centroids = new Mat()) {
      morphologyEx(raw, opened, MORPH_OPEN, kernel);
      int count = connectedComponentsWithStats(opened, labels, stats, centroids);
      int[] s = new int[count * 5]; // CC_STAT_LEFT, TOP, WIDTH, HEIGHT, AREA per label, int32
      try (IntPointer ints = new IntPointer(stats.data())) {
        ints.get(s);
      }
      for (int label = 1; label < count; label++) { // 0 is the background
        int o = label * 5;
        if (s[o + 4] >= minArea) {
          blobs.add(new Blob(s[o], s[o + 1], s[o + 2], s[o + 3], s[o + 4]));
        }
      }
    }
    return blobs;
  }
}
