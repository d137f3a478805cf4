package io.cascade4j.detection.stage;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade4j.api.Answer;
import io.cascade4j.api.Cascade;
import io.cascade4j.api.Query;
import io.cascade4j.core.Cascades;
import io.cascade4j.core.ProviderRegistry;
import io.cascade4j.testkit.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The YAML of docs/detection.md, shrunk to the tiny models: two detectors in parallel (TorchScript and ONNX), found
 * by ServiceLoader, ending the cascade when they agree.
 */
class DetectorCascadeTest {
  @Test
  void detectorGroupExitsWhenItsDetectorsAgree(@TempDir Path dir) throws Exception {
    Path models = Path.of(DetectorCascadeTest.class.getResource("/models/tiny-yolo.pt").toURI()).getParent();
    String detector = "{type: detector, input-size: 128, classes: {0: cone, 1: worker}, confidence: 0.5,"
        + " rule: {at-least: {cone: 3}}";
    Path yaml = Files.writeString(dir.resolve("cascade.yaml"), """
        cascade: detectors
        deadline: 30s
        fallback: prior
        stages:
          - name: detectors
            parallel:
              - %s, name: yolo-pt, model: %s}
              - %s, name: yolo-onnx, model: %s}
            ensemble: {type: weighted-mean}
            exit: {type: object-agreement, roles: [cone], min-objects: 3, min-score: 0.5}
          - name: never-reached
            type: detector
            model: %s
            input-size: 128
            classes: {0: cone}
            rule: {at-least: {cone: 100}}
        """.formatted(detector, models.resolve("tiny-yolo.pt"), detector, models.resolve("tiny-yolo.onnx"),
        models.resolve("tiny-yolo.onnx")));
    try (Cascade cascade = Cascades.load(yaml, ProviderRegistry.discover())) {
      Answer cones = cascade.evaluate(Query.of(TestImages.png(DetectorStageTest.street(64, 64, 160, 96))));
      assertThat(cones.decider()).contains("detectors");
      assertThat(cones.probability()).isGreaterThan(0.5);
      Answer empty = cascade.evaluate(Query.of(TestImages.png(DetectorStageTest.street())));
      assertThat(empty.decider()).contains("detectors");
      assertThat(empty.probability()).isLessThan(0.5);
    }
  }
}
