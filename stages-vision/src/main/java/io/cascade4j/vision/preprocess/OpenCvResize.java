package io.cascade4j.vision.preprocess;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST;

import io.cascade4j.vision.image.RgbImage;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * {@code cv2.resize}, by OpenCV itself (the build the image decoder already loads): what Ultralytics' {@code LetterBox}
 * does ({@code INTER_LINEAR}) and so what YOLO models were trained on. Not re-implemented: OpenCV's fixed-point
 * bilinear is its own (11-bit weights, its own rounding), and calling it is the only way to be identical.
 */
final class OpenCvResize {
  private OpenCvResize() {}

  static RgbImage resize(RgbImage in, int width, int height, Interpolation mode) {
    if (width == in.width() && height == in.height()) {
      return in;
    }
    int flag = switch (mode) {
      case NEAREST -> INTER_NEAREST;
      case BILINEAR -> INTER_LINEAR;
      case BICUBIC -> INTER_CUBIC;
      case AREA -> INTER_AREA;
    };
    byte[] out = new byte[width * height * 3];
    try (BytePointer pixels = new BytePointer(in.sharedPixels());
        Mat src = new Mat(in.height(), in.width(), CV_8UC3, pixels);
        Mat dst = new Mat();
        Size size = new Size(width, height)) {
      opencv_imgproc.resize(src, dst, size, 0, 0, flag);
      dst.data().get(out);
    }
    return RgbImage.wrap(width, height, out);
  }
}
