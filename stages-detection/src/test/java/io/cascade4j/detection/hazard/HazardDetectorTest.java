package io.cascade4j.detection.hazard;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade4j.api.Evidence;
import io.cascade4j.api.Query;
import io.cascade4j.api.Settings;
import io.cascade4j.api.Stage;
import io.cascade4j.detection.evidence.DetectedObjects;
import io.cascade4j.testkit.TestImages;
import io.cascade4j.testkit.TestQueryContext;
import io.cascade4j.vision.image.ImageDecoder;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hazard detector on drawn scenes: each cue alone, and the red things that must not count. */
class HazardDetectorTest {
  private static final Color ROAD = new Color(90, 90, 95);
  private static final Color VEST = new Color(200, 255, 0);

  /** A cone: an orange trapezoid from (x, y) of the given height, crossed by two white bands. */
  static void cone(Graphics2D g, int x, int y, int h) {
    int w = h / 2;
    g.setColor(TestImages.SAFETY_ORANGE);
    g.fillPolygon(new int[] {x + w / 2 - 3, x + w / 2 + 3, x + w, x}, new int[] {y, y, y + h, y + h}, 4);
    g.setColor(Color.WHITE);
    g.fillRect(x, y + h / 4, w, h / 8);
    g.fillRect(x, y + h / 2, w, h / 8);
  }

  static List<DetectedObjects.Found> detect(BufferedImage image) {
    return HazardDetector.DEFAULT.detect(
        ImageDecoder.standard().decodeOnce(TestQueryContext.of(Query.of(TestImages.png(image)))));
  }

  static BufferedImage road() {
    return TestImages.solid(640, 360, ROAD);
  }

  @Test
  void stripedConesAreFoundWhereTheyWereDrawn() {
    BufferedImage image = road();
    Graphics2D g = image.createGraphics();
    cone(g, 100, 200, 80);
    cone(g, 400, 150, 120);
    g.dispose();
    List<DetectedObjects.Found> found = detect(image);
    assertThat(found).extracting(DetectedObjects.Found::role).containsExactly("cone", "cone");
    DetectedObjects.Found tall = found.stream().filter(f -> f.box().x1() > 300).findFirst().orElseThrow();
    assertThat(tall.box().x1()).isBetween(395.0, 405.0);
    assertThat(tall.box().y1()).isBetween(145.0, 155.0);
    assertThat(tall.box().y2()).isBetween(265.0, 275.0);
    assertThat(tall.box().score()).isGreaterThan(0.5);
  }

  @Test
  void redThingsWithoutStripesAreNotHazards() {
    BufferedImage image = road();
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(200, 20, 20)); // a red car
    g.fillRect(60, 180, 220, 90);
    g.setColor(TestImages.SAFETY_ORANGE); // an orange warning diamond
    g.fillPolygon(new int[] {450, 500, 450, 400}, new int[] {60, 110, 160, 110}, 4);
    g.setColor(new Color(255, 140, 0)); // an orange car with a white number plate
    g.fillRect(330, 250, 160, 60);
    g.setColor(Color.WHITE);
    g.fillRect(390, 290, 40, 10);
    g.dispose();
    assertThat(detect(image)).isEmpty();
  }

  @Test
  void barrierBoardsAndVestsAreFound() {
    BufferedImage image = road();
    Graphics2D g = image.createGraphics();
    for (int i = 0; i < 8; i++) { // a board of alternating orange and white stripes
      g.setColor(i % 2 == 0 ? TestImages.SAFETY_ORANGE : Color.WHITE);
      g.fillRect(80 + i * 16, 120, 16, 40);
    }
    g.setColor(VEST);
    g.fillRect(420, 140, 40, 60);
    g.dispose();
    assertThat(detect(image)).extracting(DetectedObjects.Found::role).containsExactlyInAnyOrder("barrier", "worker");
  }

  @Test
  void theStageJudgesWithItsRuleAndReportsTheObjects() throws Exception {
    BufferedImage coneAndVest = road();
    Graphics2D g = coneAndVest.createGraphics();
    cone(g, 100, 200, 80);
    g.setColor(VEST);
    g.fillRect(420, 140, 40, 60);
    g.dispose();
    BufferedImage vest = road();
    Graphics2D h = vest.createGraphics();
    h.setColor(VEST);
    h.fillRect(420, 140, 40, 60);
    h.dispose();
    try (Stage stage = new HazardStageProvider().create(Settings.of(Map.of()))) {
      Evidence yes = stage.evaluate(TestQueryContext.of(Query.of(TestImages.png(coneAndVest))));
      assertThat(yes.probability()).isEqualTo(0.9);
      assertThat(DetectedObjects.read(yes.extras().get("objects"))).extracting(DetectedObjects.Found::role)
          .containsExactlyInAnyOrder("cone", "worker");
      assertThat(stage.evaluate(TestQueryContext.of(Query.of(TestImages.png(vest)))).probability())
          .as("a lone vest may be a cyclist").isEqualTo(0.1);
    }
    try (Stage stage = new HazardStageProvider().create(Settings.of(Map.of("rule", Map.of("at-least",
        Map.of("worker", 1)))))) {
      assertThat(stage.evaluate(TestQueryContext.of(Query.of(TestImages.png(vest)))).probability()).isEqualTo(0.9);
    }
  }
}
