package io.cascade4j.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade4j.api.Evidence;
import io.cascade4j.api.Query;
import io.cascade4j.api.Settings;
import io.cascade4j.api.Stage;
import io.cascade4j.testkit.TestImages;
import io.cascade4j.testkit.TestQueryContext;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OCR stage with its Tesseract backend on rendered signs: three fonts, large and small signs, tilts up to 8 degrees, noise,
 * and signs that must not count (END ROAD WORK, a speed limit). Needs Tesseract's English data (Debian's {@code
 * tesseract-ocr-eng}, installed by {@code .ci/run}); skipped without it, except under CI.
 */
class OcrStageTest {
  private static Stage stage;

  @BeforeAll
  static void create() throws Exception {
    Tessdata.assumeInstalled();
    stage = new OcrStageProvider().create(Settings.of(Map.of("backend", Map.of("type", "tesseract"))));
  }

  @AfterAll
  static void close() {
    if (stage != null) {
      stage.close();
    }
  }

  static Evidence read(BufferedImage image) throws Exception {
    try (TestQueryContext context = TestQueryContext.of(Query.of(TestImages.png(image)))) {
      return stage.evaluate(context);
    }
  }

  @Test
  void readsRoadworkSignsInSeveralFontsSizesTiltsAndNoise() throws Exception {
    List<String> misses = new ArrayList<>();
    int total = 0;
    for (SignImages.Named sign : SignImages.roadWorkAhead()) {
      total++;
      Evidence e = read(sign.image());
      if (!(e.hasOpinion() && e.probability() > 0.5)) {
        misses.add(sign.name() + ": read '" + e.extras().get("ocr-text") + "'");
      }
    }
    System.out.printf("OCR on %d rendered ROAD WORK AHEAD signs: %d read, misses %s%n", total,
        total - misses.size(), misses);
    assertThat(total - misses.size()).as("signs read, of " + total + "; misses: " + misses)
        .isGreaterThanOrEqualTo(total * 9 / 10); // 35 of 36 when measured; the miss is a tilted W read as "Wwor"
  }

  @Test
  void otherLanguagesAndShapesAreRead() throws Exception {
    Evidence german = read(SignImages.frame(new String[] {"BAUSTELLE"}, false, SignImages.YELLOW, "SansSerif", 280,
        320, 60, 0, 0, 1));
    assertThat(german.probability()).isEqualTo(0.95);
    assertThat(german.extras().get("ocr-phrases")).isEqualTo(List.of("BAUSTELLE"));
    Evidence french = read(SignImages.frame(new String[] {"TRAVAUX"}, false, SignImages.ORANGE, "Serif", 240, 60, 80,
        3, 6, 2));
    assertThat(french.probability()).isEqualTo(0.95);
  }

  @Test
  void endOfRoadworkAndOtherSignsDoNotCount() throws Exception {
    Evidence end = read(SignImages.frame(new String[] {"END", "ROAD WORK"}, false, SignImages.ORANGE, "SansSerif",
        300, 300, 40, 0, 0, 3));
    assertThat(end.probability()).isEqualTo(0.2);
    assertThat(end.extras().get("ocr-cancelled-by").toString()).contains("END ROAD WORK");
    Evidence speed = read(SignImages.frame(new String[] {"SPEED", "LIMIT 50"}, false, SignImages.YELLOW,
        "SansSerif", 220, 380, 40, 0, 0, 4));
    assertThat(speed.hasOpinion()).isFalse();
    assertThat((String) speed.extras().get("ocr-text")).contains("SPEED");
    Evidence plain = read(TestImages.scene(320, 240, false, 5));
    assertThat(plain.hasOpinion()).isFalse();
  }

  /**
   * The shared road photos hold no roadwork text (their roadwork is cones and a road roller), but they hold warning
   * signs, shop signs and a text overlay: none may read as roadwork.
   */
  @Test
  void noFalseAlarmOnTheSharedRoadPhotos() throws Exception {
    java.nio.file.Path photos = java.nio.file.Path.of("..", "..", "shared", "data", "real-roads");
    if (System.getenv("CI") == null) {
      org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(photos));
    }
    StringBuilder read = new StringBuilder();
    for (io.cascade4j.core.evaluation.LabelledImages.Item item
        : io.cascade4j.core.evaluation.LabelledImages.read(photos)) {
      try (TestQueryContext context = TestQueryContext.of(Query.of(item.image()))) {
        Evidence e = stage.evaluate(context);
        read.append(item.name()).append(": ").append(e.probabilityIfAny()).append(' ')
            .append(String.valueOf(e.extras().get("ocr-text")).replace('\n', ' ')).append('\n');
        if (item.label() == 0) {
          assertThat(e.hasOpinion() && e.probability() > 0.5).as(item.name() + " read " + e.extras()).isFalse();
        }
      }
    }
    System.out.println("OCR on shared/data/real-roads:\n" + read);
  }

  @Test
  void missingLanguageDataIsAClearConfigurationError() {
    assertThatThrownBy(() -> new OcrStageProvider().create(Settings.of(Map.of("backend",
        Map.of("type", "tesseract", "tessdata", "/nowhere")))))
        .hasMessageContaining("eng.traineddata").hasMessageContaining("tesseract-ocr-eng");
    assertThatThrownBy(() -> new OcrStageProvider().create(Settings.of(Map.of("languages", List.of("en", "xx"),
        "no-match", "maybe")))).hasMessageContaining("'xx'").hasMessageContaining("no-match");
    assertThatThrownBy(() -> new OcrStageProvider().create(Settings.of(Map.of("backend", Map.of("type", "cloud")))))
        .hasMessageContaining("no OCR backend 'cloud'").hasMessageContaining("tesseract");
  }
}
