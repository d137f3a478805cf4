package io.cascade4j.detection.hazard;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade4j.api.Answer;
import io.cascade4j.api.Cascade;
import io.cascade4j.api.Query;
import io.cascade4j.core.Cascades;
import io.cascade4j.core.ProviderRegistry;
import io.cascade4j.detection.evidence.DetectedObjects;
import io.cascade4j.testkit.TestImages;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hazard stage as a member of a detector group: its objects fuse with a model's under box-fusion. */
class HazardInGroupTest {
  @Test
  void hazardObjectsFuseWithADetectorsInAGroup(@TempDir Path dir) throws Exception {
    Path model = Path.of(HazardInGroupTest.class.getResource("/models/tiny-yolo.onnx").toURI());
    Path yaml = Files.writeString(dir.resolve("cascade.yaml"), """
        cascade: hazards-and-yolo
        deadline: 30s
        stages:
          - name: detectors
            parallel:
              - {name: hazards, type: hazard}
              - {name: yolo, type: detector, model: %s, input-size: 128, classes: {0: cone}, num-classes: 2,
                 confidence: 0.5, rule: {at-least: {cone: 3}}}
            ensemble: {type: box-fusion, weights: {hazards: 1, yolo: 1}, min-score: 0.2, rule: {at-least: {cone: 2}}}
            exit: {type: always}
        """.formatted(model));
    BufferedImage road = TestImages.solid(640, 360, new Color(90, 90, 95));
    Graphics2D g = road.createGraphics();
    HazardDetectorTest.cone(g, 100, 200, 80);
    HazardDetectorTest.cone(g, 400, 150, 120);
    g.dispose();
    try (Cascade cascade = Cascades.load(yaml, ProviderRegistry.discover())) {
      Answer answer = cascade.evaluate(Query.of(TestImages.png(road)));
      assertThat(answer.outcome("hazards").orElseThrow().evidence().probability()).isEqualTo(0.9);
      List<DetectedObjects.Found> fused =
          DetectedObjects.read(answer.outcome("detectors").orElseThrow().evidence().extras().get("objects"));
      assertThat(fused).anySatisfy(f -> assertThat(f.box().x1()).isBetween(395.0, 405.0));
      assertThat(answer.probability()).isGreaterThan(0.5);
    }
  }
}
