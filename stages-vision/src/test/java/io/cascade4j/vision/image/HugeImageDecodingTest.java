package io.cascade4j.vision.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.cascade4j.api.EncodedImage;
import io.cascade4j.api.Query;
import io.cascade4j.core.image.ImageDecodingException;
import io.cascade4j.core.image.ImageLimits;
import io.cascade4j.testkit.TestQueryContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;

/**
 * The pixel limit is a cost budget (issue 16, defect 5): a 6300x6300 file of a few kilobytes must not cost a full
 * 40-megapixel decode per query, and many of them at once must queue for bounded memory.
 */
class HugeImageDecodingTest {
  /** A smooth gradient: compresses to a small file, and shows whether a reduced decode keeps the picture. */
  private static byte[] encoded(int width, int height, String extension, int... params) {
    byte[] rgb = new byte[width * height * 3];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int i = (y * width + x) * 3;
        rgb[i] = (byte) (x * 255 / width);
        rgb[i + 1] = (byte) (y * 255 / height);
        rgb[i + 2] = (byte) 90;
      }
    }
    try (Mat mat = new Mat(height, width, CV_8UC3); BytePointer out = new BytePointer();
        IntPointer options = new IntPointer(params)) {
      mat.data().put(rgb);
      assertThat(imencode(extension, mat, out, options)).isTrue();
      byte[] bytes = new byte[(int) out.limit()];
      out.get(bytes);
      return bytes;
    }
  }

  private static byte[] jpeg(int width, int height) {
    return encoded(width, height, ".jpg", IMWRITE_JPEG_QUALITY, 75);
  }

  @Test
  void aJpegAboveTheDecodeBudgetIsDecodedAtReducedScaleCloseToAFullDecode() {
    byte[] huge = jpeg(6300, 6300);
    assertThat(huge.length).isLessThan(1 << 20);
    RgbImage half = ImageDecoder.standard().decode(huge); // 39.7 Mpx > 16 Mpx: 1/2 fits
    assertThat(half.width()).isEqualTo(3150);
    assertThat(half.height()).isEqualTo(3150);

    ImageDecoder tight = new ImageDecoder(new ImageLimits(16 << 20, 40_000_000, 1_000_000), ExifOrientation.IGNORE);
    RgbImage eighth = tight.decode(huge); // 1/4 gives 2.5 Mpx, too many; 1/8 gives 788x788
    assertThat(eighth.width()).isEqualTo(788);
    assertThat(eighth.height()).isEqualTo(788);

    // The same picture as a full decode shrunk by area averaging, within a few levels.
    RgbImage full = new ImageDecoder(new ImageLimits(16 << 20, 40_000_000, 40_000_000), ExifOrientation.IGNORE)
        .decode(huge);
    assertThat(full.width()).isEqualTo(6300);
    byte[] shrunk = new byte[788 * 788 * 3];
    try (Mat big = new Mat(6300, 6300, CV_8UC3); Mat small = new Mat()) {
      big.data().put(full.sharedPixels());
      resize(big, small, new Size(788, 788), 0, 0, INTER_AREA);
      small.data().get(shrunk);
    }
    byte[] ours = eighth.sharedPixels();
    long sum = 0;
    for (int i = 0; i < ours.length; i++) {
      sum += Math.abs((ours[i] & 0xFF) - (shrunk[i] & 0xFF));
    }
    assertThat((double) sum / ours.length).as("mean difference in levels").isLessThan(2.0);
  }

  @Test
  void formatsThatCannotScaleWhileDecodingAreRefusedAboveTheBudgetBeforeDecoding() {
    ImageDecoder tight = new ImageDecoder(new ImageLimits(16 << 20, 40_000_000, 1_000_000), ExifOrientation.IGNORE);
    byte[] webp = encoded(1200, 1000, ".webp");
    byte[] png = encoded(1200, 1000, ".png");
    assertThatThrownBy(() -> tight.decode(webp)).isInstanceOf(ImageDecodingException.class)
        .hasMessageContaining("WEBP of 1200x1000").hasMessageContaining("cannot scale");
    assertThatThrownBy(() -> tight.decode(png)).isInstanceOf(ImageDecodingException.class)
        .hasMessageContaining("PNG of 1200x1000").hasMessageContaining("max-decoded-pixels");
    assertThat(ImageDecoder.standard().decode(webp).width()).isEqualTo(1200); // within the default budget: exact
  }

  @Test
  void decodedImagesHoldTheirPixelsUntilTheirQueryEndsAndLaterQueriesWaitAtMostUntilTheirDeadline() {
    DecodeBudget budget = new DecodeBudget(2_000_000, 2);
    ImageDecoder decoder = ImageDecoder.standard();
    Query first = Query.of(EncodedImage.of("image/jpeg", jpeg(1200, 1200)));
    Query second = Query.of(EncodedImage.of("image/jpeg", jpeg(1000, 1000)));
    try (TestQueryContext a = TestQueryContext.of(first)) {
      assertThat(decoder.decodeOnce(a, budget).width()).isEqualTo(1200);
      assertThat(budget.availablePixels()).isLessThan(2_000_000 - 1_440_000 + 1024);
      try (TestQueryContext b = TestQueryContext.of(second, Duration.ofMillis(50), List.of())) {
        assertThatThrownBy(() -> decoder.decodeOnce(b, budget))
            .as("load, not a bad image").isInstanceOf(java.util.concurrent.RejectedExecutionException.class)
            .hasMessageContaining("held-pixels");
      }
      assertThat(budget.availablePixels()).as("a refused decode keeps nothing").isGreaterThan(500_000);
    }
    assertThat(budget.availablePixels()).as("the ended query gave its pixels back").isEqualTo(2_000_000 / 1024 * 1024);
    try (TestQueryContext b = TestQueryContext.of(second)) {
      assertThat(decoder.decodeOnce(b, budget).width()).isEqualTo(1000);
    }
  }

  @Test
  void theDecodeBudgetIsSetFromTheEngineSectionWithEveryProblemNamed() throws Exception {
    DecodeBudget before = DecodeBudget.shared();
    try {
      io.cascade4j.core.EngineSections.apply(Map.of("decoding", Map.of("held-pixels", 50_000_000, "threads", 3)),
          "engine");
      assertThat(DecodeBudget.shared().heldPixels()).isEqualTo(50_000_000);
      assertThat(DecodeBudget.shared().threads()).isEqualTo(3);
      assertThatThrownBy(() -> io.cascade4j.core.EngineSections.apply(Map.of("decoding", Map.of("held-pixels", 10,
          "threads", 0, "thread", 2)), "engine"))
          .isInstanceOf(io.cascade4j.api.ConfigurationException.class)
          .hasMessageContaining("engine.decoding.held-pixels").hasMessageContaining("engine.decoding.threads")
          .hasMessageContaining("engine.decoding.thread: unknown setting");
    } finally {
      DecodeBudget.setShared(before);
    }
  }

  @Test
  void sixtyFourConcurrentHugeImagesNeverHoldMoreThanTheBudget() throws Exception {
    byte[] huge = jpeg(6300, 6300); // each decodes to 3150x3150 = 9.9 Mpx
    long capacity = 40_000_000; // four of them at a time
    DecodeBudget budget = new DecodeBudget(capacity, 2);
    ImageDecoder decoder = ImageDecoder.standard();
    AtomicLong leastHeld = new AtomicLong(Long.MAX_VALUE);
    AtomicLong mostHeld = new AtomicLong();
    List<Callable<Integer>> queries = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      queries.add(() -> {
        try (TestQueryContext context = TestQueryContext.of(Query.of(EncodedImage.of("image/jpeg", huge)),
            Duration.ofMinutes(2), List.of())) {
          int width = decoder.decodeOnce(context, budget).width();
          long held = capacity / 1024 * 1024 - budget.availablePixels(); // this query's image included
          leastHeld.accumulateAndGet(held, Math::min);
          mostHeld.accumulateAndGet(held, Math::max);
          return width;
        }
      });
    }
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Future<Integer> answer : pool.invokeAll(queries)) {
        assertThat(answer.get()).isEqualTo(3150);
      }
    }
    assertThat(leastHeld.get()).as("a decoded image holds its pixels").isGreaterThanOrEqualTo(3150L * 3150);
    assertThat(mostHeld.get()).as("held pixels stay within the budget").isLessThanOrEqualTo(capacity);
    assertThat(budget.availablePixels()).isEqualTo(capacity / 1024 * 1024);
  }
}
