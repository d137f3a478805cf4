package io.cascade4j.detection.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade4j.api.Evidence;
import io.cascade4j.api.Query;
import io.cascade4j.api.Settings;
import io.cascade4j.api.Stage;
import io.cascade4j.core.config.CascadeConfig;
import io.cascade4j.core.config.CascadeConfigLoader;
import io.cascade4j.core.evaluation.LabelledImages;
import io.cascade4j.detection.stage.DetectorStageProvider;
import io.cascade4j.testkit.TestImages;
import io.cascade4j.testkit.TestQueryContext;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fit-rule end to end on the tiny YOLO: labelled streets where roadwork means two or more orange blocks (one block is
 * a hard negative), the rule fitted from the detector's objects, written, and read back by a detector stage.
 */
class FitObjectRuleTest {
  /** A grey street with {@code blocks} orange 64 px blocks on the tiny model's grid, placed by {@code random}. */
  static BufferedImage street(int blocks, Random random) {
    BufferedImage image = TestImages.solid(256, 192, new Color(120, 120, 120));
    Graphics2D g = image.createGraphics();
    g.setColor(TestImages.SAFETY_ORANGE);
    List<Integer> cells = new java.util.ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7));
    java.util.Collections.shuffle(cells, random);
    for (int cell : cells.subList(0, blocks)) { // distinct places, so n blocks show as n blocks
      g.fillRect(64 * (cell % 4), 32 + 64 * (cell / 4), 64, 64);
    }
    g.dispose();
    return image;
  }

  @Test
  void fitsWritesAndReloadsARuleThatSeparatesTheLabels(@TempDir Path dir) throws Exception {
    Random random = new Random(7);
    for (String label : List.of("0", "1")) {
      Files.createDirectories(dir.resolve("images").resolve(label));
    }
    for (int i = 0; i < 16; i++) {
      int blocks = i % 4; // 0 and 1 block: no roadwork; 2 and 3 blocks: roadwork
      String label = blocks >= 2 ? "1" : "0";
      Files.write(dir.resolve("images").resolve(label).resolve("street-" + i + ".png"),
          TestImages.png(street(blocks, random)).toByteArray());
    }
    String model = Path.of(getClass().getResource("/models/tiny-yolo.onnx").toURI()).toString();
    Path yaml = Files.writeString(dir.resolve("cascade.yaml"), """
        cascade: fit
        stages:
          - name: yolo
            type: detector
            model: %s
            input-size: 128
            classes: {0: cone, 1: worker}
            confidence: 0.5
            rule: {at-least: {cone: 1}}
        """.formatted(model));
    CascadeConfig config = new CascadeConfigLoader().load(yaml);
    List<LabelledImages.Item> items = LabelledImages.read(dir.resolve("images"));
    Path out = dir.resolve("rules").resolve("yolo-rule.json");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    LogisticRule rule = FitObjectRule.run(config, "yolo", items, List.of(), 1.0, out,
        new PrintStream(log, true, StandardCharsets.UTF_8));

    assertThat(rule.weights()).containsOnlyKeys("cone"); // roles seen; the model found no green "workers"
    assertThat(rule.weights().get("cone").count()).isPositive();
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("fitted on 16 images (8 positive)")
        .contains("rule: {fitted: " + out + "}");
    assertThat(Files.readString(out)).contains("\"training-accuracy\" : 1.0").contains("\"stage\" : \"yolo\"");

    Map<String, Object> settings = new HashMap<>(Map.of("model", model, "input-size", 128,
        "classes", Map.of("0", "cone"), "num-classes", 2, "confidence", 0.5, "rule", Map.of("fitted", out.toString())));
    try (Stage stage = new DetectorStageProvider().create(Settings.of(settings))) {
      for (LabelledImages.Item item : items) {
        Evidence e = stage.evaluate(TestQueryContext.of(Query.of(item.image())));
        assertThat(e.probability()).as(item.name()).matches(p -> (p > 0.5) == (item.label() == 1));
      }
    }
    assertThatThrownBy(() -> FitObjectRule.run(config, "ocr", items, List.of(), 1.0, out, System.err))
        .hasMessageContaining("no stage or group named 'ocr'").hasMessageContaining("[yolo]");
  }
}
