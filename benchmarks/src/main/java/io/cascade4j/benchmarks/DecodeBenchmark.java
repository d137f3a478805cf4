package io.cascade4j.benchmarks;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import io.cascade4j.vision.image.ImageDecoder;
import io.cascade4j.vision.image.RgbImage;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What decoding one SN72 challenge costs since validators send native sizes (May 2026): JPEG quality 75 at 224x224
 * (the January challenges), 1024x1024 (synthetic images), 1920x1080 (camera frames), and 6300x6300 (40 Mpx, the
 * pixel limit: decoded at 1/2 scale by the decode budget, 3150x3150). The picture is a gradient with noise, so the
 * entropy decoder has real work. Run: {@code ./cascade4j bench --jmh DecodeBenchmark -f 1 -wi 3 -i 5}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DecodeBenchmark {
  @Param({"224x224", "1024x1024", "1920x1080", "6300x6300"})
  public String size;

  private final ImageDecoder decoder = ImageDecoder.standard();
  private byte[] jpeg;

  @Setup(Level.Trial)
  public void encode() {
    int width = Integer.parseInt(size.substring(0, size.indexOf('x')));
    int height = Integer.parseInt(size.substring(size.indexOf('x') + 1));
    byte[] rgb = new byte[width * height * 3];
    Random random = new Random(7);
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
      jpeg = new byte[(int) out.limit()];
      out.get(jpeg);
    }
  }

  @Benchmark
  public RgbImage decode() {
    return decoder.decode(jpeg);
  }
}
