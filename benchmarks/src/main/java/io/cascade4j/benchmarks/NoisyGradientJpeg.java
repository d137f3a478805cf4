package io.cascade4j.benchmarks;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import java.util.Random;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The test picture of the image benchmarks: a colour gradient with noise, so a JPEG decoder's entropy stage has real
 * work (a flat image decodes unrealistically fast), encoded at quality 75 as SN72 validators send challenges.
 */
final class NoisyGradientJpeg {
  private NoisyGradientJpeg() {}

  /** A {@code size} ("WIDTHxHEIGHT") JPEG q75 from {@code seed}. */
  static byte[] of(String size, long seed) {
    int width = Integer.parseInt(size.substring(0, size.indexOf('x')));
    int height = Integer.parseInt(size.substring(size.indexOf('x') + 1));
    byte[] rgb = new byte[width * height * 3];
    Random random = new Random(seed);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int i = (y * width + x) * 3;
        int noise = random.nextInt(24);
        rgb[i] = (byte) (x * 200 / width + noise);
        rgb[i + 1] = (byte) (y * 200 / height + noise);
        rgb[i + 2] = (byte) (90 + noise);
      }
    }
    try (Mat mat = new Mat(height, width, CV_8UC3); BytePointer out = new BytePointer();
        IntPointer options = new IntPointer(IMWRITE_JPEG_QUALITY, 75)) {
      mat.data().put(rgb);
      imencode(".jpg", mat, out, options);
      byte[] jpeg = new byte[(int) out.limit()];
      out.get(jpeg);
      return jpeg;
    }
  }
}
