package io.cascade4j.ocr;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_OTSU;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.medianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import io.cascade4j.vision.image.RgbImage;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Black text on white for a sign crop: grey, a 3x3 median that removes sensor noise, then Otsu's threshold. A sign is
 * two colours, so one global threshold separates them; Tesseract reads the result more reliably than a noisy colour
 * crop.
 */
final class Binarisation {
  private Binarisation() {}

  static RgbImage of(RgbImage image) {
    byte[] out = new byte[image.width() * image.height() * 3];
    try (BytePointer data = new BytePointer(image.sharedPixels());
        Mat rgb = new Mat(image.height(), image.width(), CV_8UC3, data);
        Mat grey = new Mat();
        Mat smooth = new Mat();
        Mat binary = new Mat();
        Mat back = new Mat()) {
      cvtColor(rgb, grey, COLOR_RGB2GRAY);
      medianBlur(grey, smooth, 3);
      threshold(smooth, binary, 0, 255, THRESH_BINARY | THRESH_OTSU);
      cvtColor(binary, back, COLOR_GRAY2RGB);
      back.data().get(out);
    }
    return RgbImage.wrap(image.width(), image.height(), out);
  }
}
