package io.cascade4j.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade4j.api.Evidence;
import io.cascade4j.api.Query;
import io.cascade4j.api.Settings;
import io.cascade4j.api.Stage;
import io.cascade4j.testkit.TestImages;
import io.cascade4j.testkit.TestQueryContext;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OCR stage with its PP-OCR backend (the default once the models are installed): the 36 rendered ROAD WORK AHEAD
 * signs (the bar: at least 30 read), signs that must not count, no false alarm on the shared photos, and the
 * sign text of the shared photo that shows a ROAD WORK AHEAD sign.
 */
class PpOcrStageTest {
  private static Stage stage;

  @BeforeAll
  static void create() throws Exception {
    PpOcrModels.assumeInstalled();
    stage = new OcrStageProvider().create(Settings.of(Map.of()));
  }

  @AfterAll
  static void close() {
    if (stage != null) {
      stage.close();
    }
  }

  private static Evidence read(BufferedImage image) throws Exception {
    try (TestQueryContext context = TestQueryContext.of(Query.of(TestImages.png(image)))) {
      return stage.evaluate(context);
    }
  }

  @Test
  void theDefaultBackendIsPpOcrOnceItsModelsAreInstalled() throws Exception {
    Evidence e = read(SignImages.roadWorkAhead().get(0).image());
    assertThat((String) e.extras().get("ocr-text")).contains("ROAD").contains("WORK").contains("AHEAD");
    assertThat(new PpOcrBackendProvider().installed()).isTrue();
  }

  @Test
  void readsAtLeast30OfThe36RoadworkSigns() throws Exception {
    List<String> misses = new ArrayList<>();
    List<SignImages.Named> signs = SignImages.roadWorkAhead();
    long nanos = 0;
    for (SignImages.Named sign : signs) {
      long start = System.nanoTime();
      Evidence e = read(sign.image());
      nanos += System.nanoTime() - start;
      if (!(e.hasOpinion() && e.probability() > 0.5)) {
        misses.add(sign.name() + ": read '" + e.extras().get("ocr-text") + "'");
      }
    }
    System.out.printf("PP-OCR stage on %d rendered ROAD WORK AHEAD signs: %d read, %.1f ms per 640x480 frame "
        + "(whole image and sign regions), misses %s%n", signs.size(), signs.size() - misses.size(),
        nanos / 1e6 / signs.size(), misses);
    assertThat(signs.size() - misses.size()).as("signs read; misses: " + misses).isGreaterThanOrEqualTo(30);
  }

  /** Degenerate images read as nothing rather than failing: a pixel, a line, a flat colour, an extreme strip. */
  @Test
  void degenerateImagesReadAsNothing() throws Exception {
    try (PpOcrBackend backend = new PpOcrBackend(PpOcrModels.assumeInstalled(), 1)) {
      for (int[] size : new int[][] {{1, 1}, {1, 400}, {400, 1}, {3000, 8}, {64, 64}}) {
        io.cascade4j.vision.image.RgbImage image = io.cascade4j.vision.image.RgbImage.wrap(size[0], size[1],
            new byte[size[0] * size[1] * 3]);
        assertThat(backend.read(image)).as("%dx%d black", size[0], size[1]).isEmpty();
      }
    }
  }

  @Test
  void endOfRoadworkAndOtherSignsDoNotCount() throws Exception {
    Evidence end = read(SignImages.frame(new String[] {"END", "ROAD WORK"}, false, SignImages.ORANGE, "SansSerif",
        300, 300, 40, 0, 0, 3));
    assertThat(end.probability()).as("%s", end.extras()).isEqualTo(0.2);
    Evidence speed = read(SignImages.frame(new String[] {"SPEED", "LIMIT 50"}, false, SignImages.YELLOW,
        "SansSerif", 220, 380, 40, 0, 0, 4));
    assertThat(speed.hasOpinion()).isFalse();
    assertThat((String) speed.extras().get("ocr-text")).contains("SPEED");
  }

  /**
   * The shared photos: no roadwork read on a photo without roadwork, and the ROAD WORK AHEAD diamond of r2_0016
   * (a dashcam frame, the sign about 40 pixels wide) read as far as PP-OCR reads it.
   */
  @Test
  void theSharedPhotos() throws Exception {
    Path shared = Path.of("..", "..", "shared", "data");
    if (System.getenv("CI") == null) {
      org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(shared.resolve("real-roads-2")));
    }
    StringBuilder read = new StringBuilder();
    int falseAlarms = 0;
    int found = 0;
    int positives = 0;
    int photos = 0;
    long nanos = 0;
    for (String set : List.of("real-roads", "real-roads-2")) {
      for (io.cascade4j.core.evaluation.LabelledImages.Item item
          : io.cascade4j.core.evaluation.LabelledImages.read(shared.resolve(set))) {
        try (TestQueryContext context = TestQueryContext.of(Query.of(item.image()))) {
          long start = System.nanoTime();
          Evidence e = stage.evaluate(context);
          nanos += System.nanoTime() - start;
          photos++;
          boolean roadwork = e.hasOpinion() && e.probability() > 0.5;
          String text = String.valueOf(e.extras().get("ocr-text")).replace('\n', ' ');
          if (!text.isBlank()) {
            read.append(set).append('/').append(item.name()).append(" (label ").append(item.label()).append("): ")
                .append(text).append(roadwork ? "  => roadwork" : "").append('\n');
          }
          falseAlarms += item.label() == 0 && roadwork ? 1 : 0;
          found += item.label() == 1 && roadwork ? 1 : 0;
          positives += item.label();
          if (item.name().equals("r2_0016.jpg")) {
            assertThat(text).as("the ROAD WORK AHEAD diamond of r2_0016").contains("WORK").contains("AHEAD");
          }
        }
      }
    }
    System.out.printf("PP-OCR stage on the %d shared photos: %.1f ms per photo; roadwork read on %d of %d roadwork "
        + "photos, %d false alarms; text read:%n%s", photos, nanos / 1e6 / photos, found, positives, falseAlarms,
        read);
    assertThat(falseAlarms).as("photos without roadwork read as roadwork").isZero();
  }
}
