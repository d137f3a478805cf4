package io.cascade4j.detection.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.Evidence;
import io.cascade4j.api.Query;
import io.cascade4j.api.Settings;
import io.cascade4j.api.Stage;
import io.cascade4j.testkit.TestImages;
import io.cascade4j.testkit.TestQueryContext;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The detector stage end to end on the pixel-driven tiny YOLO of {@code scripts/fixtures/detection_models.py}. */
class DetectorStageTest {
  static Map<String, Object> settings(String model) {
    try {
      return Map.of("model", Path.of(DetectorStageTest.class.getResource("/models/" + model).toURI()).toString(),
          "input-size", 128, "classes", Map.of("0", "cone", "1", "worker"), "confidence", 0.5,
          "rule", Map.of("at-least", Map.of("cone", 3)));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A grey 256x192 street with orange squares at the given top-left corners (64 px, on the model's 32 px grid). */
  static BufferedImage street(int... corners) {
    BufferedImage image = TestImages.solid(256, 192, new Color(120, 120, 120));
    Graphics2D g = image.createGraphics();
    g.setColor(TestImages.SAFETY_ORANGE);
    for (int i = 0; i < corners.length; i += 2) {
      g.fillRect(corners[i], corners[i + 1], 64, 64);
    }
    g.dispose();
    return image;
  }

  /** The same pixel-driven cells in each YOLO layout: raw v8 (TorchScript and ONNX), v5 and end-to-end. */
  @ParameterizedTest
  @ValueSource(strings = {"tiny-yolo.pt yolov8", "tiny-yolo.onnx yolov8", "tiny-yolov5.onnx yolov5",
      "tiny-yolo-e2e.onnx yolo-end-to-end"})
  void findsConesMapsBoxesBackAndAppliesTheRule(String variant) throws Exception {
    String[] parts = variant.split(" ");
    Map<String, Object> settings = new java.util.HashMap<>(settings(parts[0]));
    settings.put("layout", parts[1]);
    try (Stage stage = new DetectorStageProvider().create(Settings.of(settings))) {
      Evidence cones = stage.evaluate(TestQueryContext.of(Query.of(TestImages.png(street(64, 64)))));
      assertThat(cones.probability()).isEqualTo(0.9);
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> objects = (List<Map<String, Object>>) cones.extras().get("objects");
      assertThat(objects).hasSize(4).allSatisfy(o -> assertThat(o).containsEntry("role", "cone"));
      // Letterbox 256x192 -> 128x96 + 16 rows of padding on top; the 16 px cells map back to 32 px squares.
      assertThat(objects).anySatisfy(o -> assertThat(o.get("box")).isEqualTo(List.of(64.0, 64.0, 96.0, 96.0)));

      Evidence empty = stage.evaluate(TestQueryContext.of(Query.of(TestImages.png(street()))));
      assertThat(empty.probability()).isEqualTo(0.1);
      assertThat((List<?>) empty.extras().get("objects")).isEmpty();
    }
  }

  /** An orange 64x96 block at (64, 48) on a grey 256x192 street. */
  static BufferedImage tallBlock() {
    BufferedImage image = TestImages.solid(256, 192, new Color(120, 120, 120));
    Graphics2D g = image.createGraphics();
    g.setColor(TestImages.SAFETY_ORANGE);
    g.fillRect(64, 48, 64, 96);
    g.dispose();
    return image;
  }

  static Map<String, Object> detrSettings(String model, Map<String, Object> more) {
    Map<String, Object> s = new java.util.HashMap<>(settings(model));
    s.put("layout", model.contains("ultralytics") ? "rtdetr-ultralytics" : "detr");
    s.put("rule", Map.of("at-least", Map.of("cone", 8)));
    s.putAll(more);
    return s;
  }

  /**
   * The tiny DETR scores an adaptive 8x8 grid of the tensor it is given. However the image reaches the model, the
   * block must come back as the same 8 cells in original pixels, the first at (64, 48, 96, 72): a stretch to 128x128
   * (gains 0.5 and 2/3), a stride-aligned letterbox (128x96, no padding) and a shorter-side resize (to 128x96).
   */
  @ParameterizedTest
  @ValueSource(strings = {"tiny-detr.pt", "tiny-detr.onnx", "tiny-rtdetr-ultralytics.onnx", "tiny-detr.pt letterbox",
      "tiny-detr.pt shorter-side"})
  void detrFamilyMapsNormalisedBoxesBackThroughEachResize(String variant) throws Exception {
    String[] parts = variant.split(" ");
    Map<String, Object> more = parts.length == 1 ? Map.of()
        : parts[1].equals("letterbox") ? Map.of("resize", "letterbox", "stride", 32)
        : Map.of("resize", "shorter-side", "shorter-side", 96, "max-size", 0);
    try (Stage stage = new DetectorStageProvider().create(Settings.of(detrSettings(parts[0], more)))) {
      Evidence cones = stage.evaluate(TestQueryContext.of(Query.of(TestImages.png(tallBlock()))));
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> objects = (List<Map<String, Object>>) cones.extras().get("objects");
      assertThat(objects).hasSize(8).allSatisfy(o -> assertThat(o).containsEntry("role", "cone"));
      assertThat(objects).anySatisfy(o -> assertThat(o.get("box")).isEqualTo(List.of(64.0, 48.0, 96.0, 72.0)));
      assertThat(cones.probability()).isEqualTo(0.9);
      Evidence empty = stage.evaluate(TestQueryContext.of(Query.of(TestImages.png(street()))));
      assertThat((List<?>) empty.extras().get("objects")).isEmpty();
    }
  }

  @Test
  void aPreprocessingSectionOrAProcessorConfigGivesWhatTheFlatKeysGive(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path config = java.nio.file.Files.writeString(dir.resolve("preprocessor_config.json"), """
        {"image_processor_type": "RTDetrImageProcessor", "size": {"height": 128, "width": 128}, "resample": 2,
         "do_rescale": true, "rescale_factor": 0.00392156862745098, "do_normalize": false, "do_pad": false}""");
    Map<String, Object> flat = detrSettings("tiny-detr.onnx", Map.of());
    Map<String, Object> section = new java.util.HashMap<>(flat);
    section.remove("input-size");
    section.put("preprocessing", Map.of("resize", "exact", "width", 128, "height", 128, "interpolation", "bilinear",
        "antialias", true, "normalization", "none"));
    Map<String, Object> imported = new java.util.HashMap<>(section);
    imported.put("preprocessing", Map.of("from-huggingface", config.toString()));
    List<Object> expected = objects(flat);
    assertThat(expected).hasSize(8);
    assertThat(objects(section)).isEqualTo(expected);
    assertThat(objects(imported)).isEqualTo(expected);

    Map<String, Object> both = new java.util.HashMap<>(section);
    both.put("input-size", 128);
    assertThatThrownBy(() -> new DetectorStageProvider().create(Settings.of(both)))
        .hasMessageContaining("not both").hasMessageContaining("input-size");
    Map<String, Object> cropped = new java.util.HashMap<>(section);
    cropped.put("preprocessing", Map.of("resize", "shorter-side", "size", 160, "crop", 128));
    assertThatThrownBy(() -> new DetectorStageProvider().create(Settings.of(cropped)))
        .hasMessageContaining("a crop would cut objects off");
  }

  @SuppressWarnings("unchecked")
  private static List<Object> objects(Map<String, Object> settings) throws Exception {
    try (Stage stage = new DetectorStageProvider().create(Settings.of(settings))) {
      return (List<Object>) stage.evaluate(TestQueryContext.of(Query.of(TestImages.png(tallBlock())))).extras()
          .get("objects");
    }
  }

  @Test
  void boxesAreClippedWhereTheExportersOwnPostProcessingClips() throws Exception {
    Map<String, Boolean> expected = Map.of("tiny-yolo.onnx", true, "tiny-detr.onnx", false,
        "tiny-rtdetr-ultralytics.onnx", false);
    for (Map.Entry<String, Boolean> e : expected.entrySet()) {
      Map<String, Object> s = e.getKey().contains("detr") ? detrSettings(e.getKey(), Map.of())
          : settings(e.getKey());
      try (DetectorStage stage = (DetectorStage) new DetectorStageProvider().create(Settings.of(s))) {
        assertThat(stage.clipsBoxes()).as(e.getKey()).isEqualTo(e.getValue());
      }
    }
    try (DetectorStage stage = (DetectorStage) new DetectorStageProvider().create(
        Settings.of(detrSettings("tiny-detr.onnx", Map.of("clip-boxes", true))))) {
      assertThat(stage.clipsBoxes()).isTrue();
    }
  }

  @Test
  void aLayoutThatDoesNotFitTheExportFailsTheQueryWithBothNamed() throws Exception {
    Map<String, Object> yoloAsDetr = detrSettings("tiny-yolo.onnx", Map.of());
    try (Stage stage = new DetectorStageProvider().create(Settings.of(yoloAsDetr))) {
      assertThatThrownBy(() -> stage.evaluate(TestQueryContext.of(Query.of(TestImages.png(street())))))
          .hasMessageContaining("two outputs").hasMessageContaining("[1, 6, 64]");
    }
  }

  @Test
  void badSettingsAreAllReported() {
    Map<String, Object> bad = Map.of("model", "/nowhere/yolo.onnx", "layout", "ssd", "classes", Map.of("x", "cone"),
        "rule", Map.of("at-least", Map.of()));
    assertThatThrownBy(() -> new DetectorStageProvider().create(Settings.of(bad)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("layout").hasMessageContaining("classes.x").hasMessageContaining("rule");
    Map<String, Object> badResize = new java.util.HashMap<>(settings("tiny-yolo.onnx"));
    badResize.putAll(Map.of("resize", "crop", "normalization", "vgg", "boxes-output", 3));
    assertThatThrownBy(() -> new DetectorStageProvider().create(Settings.of(badResize)))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("resize")
        .hasMessageContaining("normalization").hasMessageContaining("boxes-output");
  }

  @Test
  void oneMistakeNeverMakesTheModelKeysLookUnknown() {
    Map<String, Object> noRule = new java.util.HashMap<>(settings("tiny-yolo.pt"));
    noRule.remove("rule");
    noRule.putAll(Map.of("engine", "pytorch", "pool-size", 1));
    assertThatThrownBy(() -> new DetectorStageProvider().create(Settings.of(noRule)))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
            .extracting(io.cascade4j.api.Problem::path).containsExactly("rule.at-least"));
  }
}
