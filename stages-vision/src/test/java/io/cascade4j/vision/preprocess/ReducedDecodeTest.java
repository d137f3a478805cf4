package io.cascade4j.vision.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import io.cascade4j.api.EncodedImage;
import io.cascade4j.api.Query;
import io.cascade4j.testkit.TestQueryContext;
import io.cascade4j.vision.image.ImageDecoder;
import io.cascade4j.vision.image.RgbImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/**
 * {@code decode: reduced}: which scale a pipeline lets a JPEG decode at, that stages asking for the same scale share
 * one decode, and what it costs in pixels against the exact path (a photo-like frame always; the shared real photos
 * when they are here). The deviation printed is the figure docs/performance.md quotes.
 */
class ReducedDecodeTest {
  private static final Path PHOTOS = Path.of("..", "..", "shared", "data", "real-roads");
  private static final ImageDecoder DECODER = ImageDecoder.standard();

  private static Preprocessing.Builder timmLike() {
    return Preprocessing.builder().resizeShorterSide(256).interpolation(Interpolation.BICUBIC).centerCrop(224, 224)
        .normalization(Normalization.IMAGENET);
  }

  @Test
  void theFactorIsTheLargestThatStillOnlyShrinks() {
    Preprocessing reduced = timmLike().reducedDecode(true).build();
    assertThat(reduced.decodeScale().factor(1920, 1080)).isEqualTo(4); // 480x270 >= 455x256
    assertThat(reduced.decodeScale().factor(1024, 1024)).isEqualTo(4); // 256x256 >= 256x256
    assertThat(reduced.decodeScale().factor(4000, 3000)).isEqualTo(8); // 500x375 >= 341x256
    assertThat(reduced.decodeScale().factor(1000, 1000)).isEqualTo(2); // 500 >= 256, 250 < 256
    assertThat(reduced.decodeScale().factor(224, 224)).isEqualTo(1); // upscaled anyway
    assertThat(timmLike().build().decodeScale().factor(1920, 1080)).as("off by default").isEqualTo(1);
    assertThat(timmLike().build().decodeScale()).isSameAs(ImageDecoder.Reduction.EXACT);
  }

  @Test
  void stagesAskingForTheSameScaleShareOneDecodeAndExactStagesGetTheirOwn() throws IOException {
    Preprocessing reduced = timmLike().reducedDecode(true).build();
    byte[] frame = photoLikeFrame(1920, 1080);
    try (TestQueryContext context = TestQueryContext.of(Query.of(EncodedImage.of("image/jpeg", frame)))) {
      RgbImage first = DECODER.decodeOnce(context, reduced.decodeScale());
      assertThat(first.width()).isEqualTo(480);
      assertThat(first.height()).isEqualTo(270);
      assertThat(DECODER.decodeOnce(context, reduced.decodeScale())).isSameAs(first);
      RgbImage exact = DECODER.decodeOnce(context);
      assertThat(exact.width()).isEqualTo(1920);
      assertThat(DECODER.decodeOnce(context, ImageDecoder.Reduction.EXACT)).isSameAs(exact);
    }
  }

  @Test
  void reducedDecodeKeepsTheShapeAndStaysCloseToTheExactPath() throws IOException {
    Preprocessing exact = timmLike().build();
    Preprocessing reduced = timmLike().reducedDecode(true).build();
    List<byte[]> images = new ArrayList<>(List.of(photoLikeFrame(1920, 1080)));
    if (Files.isDirectory(PHOTOS)) {
      try (Stream<Path> files = Files.list(PHOTOS)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList()) {
          images.add(Files.readAllBytes(f));
        }
      }
    }
    double sum = 0;
    long values = 0;
    int max = 0;
    int reducedImages = 0;
    for (byte[] jpeg : images) {
      RgbImage full = exact.geometry(DECODER.decode(jpeg));
      RgbImage small = reduced.geometry(DECODER.decode(jpeg, reduced.decodeScale()));
      assertThat(small.width()).isEqualTo(full.width());
      assertThat(small.height()).isEqualTo(full.height());
      byte[] a = full.sharedPixels();
      byte[] b = small.sharedPixels();
      for (int i = 0; i < a.length; i++) {
        int d = Math.abs((a[i] & 0xFF) - (b[i] & 0xFF));
        sum += d;
        max = Math.max(max, d);
      }
      values += a.length;
      reducedImages += DECODER.decode(jpeg, reduced.decodeScale()).width() < DECODER.decode(jpeg).width() ? 1 : 0;
    }
    double mean = sum / values;
    System.out.printf(Locale.ROOT, "reduced decode against exact, %d images (%d decoded reduced): mean %.2f levels, "
        + "max %d%n", images.size(), reducedImages, mean, max);
    assertThat(reducedImages).isPositive();
    assertThat(mean).as("mean absolute difference in 8-bit levels").isLessThan(2.5);
  }

  /** The committed road photo stretched to a frame size and saved as JPEG q75: smooth like a camera frame. */
  private static byte[] photoLikeFrame(int width, int height) throws IOException {
    byte[] small;
    try (InputStream in = ReducedDecodeTest.class.getResourceAsStream("/preprocess/road_0.jpg")) {
      small = in.readAllBytes();
    }
    RgbImage frame = AntialiasedResize.resize(DECODER.decode(small), width, height, Interpolation.BICUBIC);
    try (Mat mat = new Mat(height, width, CV_8UC3); BytePointer out = new BytePointer();
        IntPointer options = new IntPointer(IMWRITE_JPEG_QUALITY, 75)) {
      byte[] bgr = frame.pixels();
      for (int i = 0; i < bgr.length; i += 3) {
        byte r = bgr[i];
        bgr[i] = bgr[i + 2];
        bgr[i + 2] = r;
      }
      mat.data().put(bgr);
      imencode(".jpg", mat, out, options);
      byte[] bytes = new byte[(int) out.limit()];
      out.get(bytes);
      return bytes;
    }
  }
}
