package io.cascade4j.detection.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.EncodedImage;
import io.cascade4j.api.Evidence;
import io.cascade4j.api.Query;
import io.cascade4j.api.Settings;
import io.cascade4j.api.Stage;
import io.cascade4j.detection.stage.DetectorStageProvider;
import io.cascade4j.testkit.TestQueryContext;
import io.cascade4j.vision.image.ImageDecoder;
import io.cascade4j.vision.image.RgbImage;
import io.cascade4j.vision.preprocess.Preprocessing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance suite's detectors, each export through the real {@code detector} stage from its settings, from the
 * PNG bytes of real photos, against what the exporter's own pipeline computes on the original image:
 *
 * <ul>
 *   <li>Hugging Face RT-DETRv2 and D-FINE (small configs of the real architectures at random seeded weights;
 *       scripts/conformance/transformers_exports.py), with the processor's own preprocessor_config.json imported:
 *       transformers' {@code post_process_object_detection} (no clipping, the top 30 of 30 queries x 3 classes).
 *   <li>A YOLOv8-layout head (Ultralytics' Detect with DFL decoding in the graph, on a small backbone;
 *       scripts/conformance/yolo_exports.py) with the stage's defaults for {@code yolov8}: Ultralytics' predictor
 *       (LetterBox with cv2.resize, non_max_suppression at conf 0.25 and IoU 0.7, scale_boxes with clipping).
 * </ul>
 *
 * Exports: TorchScript trace, ONNX opset 17, and torch's dynamo exporter where it succeeds. Made by
 * scripts/conformance/prepare.sh into target/conformance; without it the suite skips, and fails under CI=true.
 */
class DetectorConformanceTest {
  private static final Path DIR = Path.of("..", "target", "conformance");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode golden(String folder) throws IOException {
    Path file = DIR.resolve(folder).resolve("golden.json");
    if (!Files.isRegularFile(file)) {
      boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
      Assumptions.assumeFalse(!ci, "target/conformance is not made (scripts/conformance/prepare.sh)");
      throw new IllegalStateException("CI=true but " + file + " is missing: scripts/conformance/prepare.sh failed");
    }
    return JSON.readTree(file.toFile());
  }

  /**
   * Exports that cannot load, and what the error must tell the user: D-FINE computes its sine position embedding in
   * float64, and OnnxRuntime 1.21 has Cos and Sin kernels for float32 only (its trace runs on the PyTorch engine).
   */
  private static final Map<String, String> CANNOT_LOAD = Map.of(
      "d-fine opset17.onnx", "knows operator Cos(7) but has no kernel for the input types");

  static List<Arguments> exports() throws IOException {
    List<Arguments> out = new ArrayList<>();
    golden("yolo").get("exports").properties().forEach(export -> {
      if (export.getValue().asText().equals("ok")) {
        out.add(Arguments.of("yolo", export.getKey()));
      }
    });
    golden("hf").get("models").properties().forEach(model -> {
      if (model.getValue().get("kind").asText().equals("detector")) {
        model.getValue().get("exports").properties().forEach(export -> {
          if (export.getValue().asText().equals("ok")) {
            out.add(Arguments.of(model.getKey(), export.getKey()));
          }
        });
      }
    });
    return out;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("exports")
  @SuppressWarnings("unchecked")
  void theDetectorStageGivesWhatTheExportersPipelineGives(String family, String export) throws Exception {
    boolean yolo = family.equals("yolo");
    JsonNode g = golden(yolo ? "yolo" : "hf");
    Path folder = yolo ? DIR.resolve("yolo") : DIR.resolve("hf").resolve(family);
    Map<String, Object> settings = yolo
        ? Map.of("model", folder.resolve(export).toString(), "layout", "yolov8", "input-size", 320,
            "classes", Map.of("0", "zero", "1", "one", "2", "two"), "confidence", 0.25, "iou", 0.7, "workers", 1,
            "rule", Map.of("at-least", Map.of("zero", 1)))
        : Map.of("model", folder.resolve(export).toString(), "layout", "detr",
            "classes", Map.of("0", "zero", "1", "one", "2", "two"), "confidence", 0.0, "workers", 1,
            "rule", Map.of("at-least", Map.of("zero", 1)),
            "preprocessing", Map.of("from-huggingface", folder.resolve("preprocessor_config.json").toString()));
    List<String> roles = List.of("zero", "one", "two");
    String cannotLoad = CANNOT_LOAD.get(family + " " + export);
    if (cannotLoad != null) {
      assertThatThrownBy(() -> new DetectorStageProvider().create(Settings.of(settings)).close())
          .as("%s %s cannot load; the error says why and what to do", family, export)
          .isInstanceOf(ConfigurationException.class).hasMessageContaining(cannotLoad)
          .hasMessageContaining("TorchScript trace");
      return;
    }
    try (Stage stage = new DetectorStageProvider().create(Settings.of(settings))) {
      for (JsonNode image : g.get("images")) {
        byte[] png = Files.readAllBytes(DIR.resolve("images").resolve(image.asText()));
        Evidence e = stage.evaluate(TestQueryContext.of(Query.of(EncodedImage.of("image/png", png))));
        List<Map<String, Object>> objects = (List<Map<String, Object>>) e.extras().get("objects");
        JsonNode want = (yolo ? g : g.get("models").get(family)).get("outputs").get(image.asText());
        assertThat(objects).as("%s %s %s detections", family, export, image.asText())
            .hasSize(want.get("scores").size());
        for (int i = 0; i < want.get("scores").size(); i++) {
          String role = roles.get(want.get("labels").get(i).asInt());
          double score = want.get("scores").get(i).asDouble();
          JsonNode box = want.get("boxes").get(i);
          // Matched by class and position, not rank: near-equal scores may swap places within float rounding.
          Map<String, Object> match = objects.stream().filter(o -> o.get("role").equals(role))
              .filter(o -> near((List<Double>) o.get("box"), box)).findFirst().orElse(null);
          assertThat(match).as("%s %s %s: %s %.5f at %s; the stage found %s", family, export, image.asText(), role,
              score, box, objects.subList(0, Math.min(3, objects.size()))).isNotNull();
          assertThat((double) match.get("score")).as("%s %s %s score", family, export, image.asText())
              .isCloseTo(score, within(1e-4));
        }
      }
    }
  }

  /** The stage's default YOLO letterbox is Ultralytics' LetterBox to the byte: cv2.resize itself, then the padding. */
  @org.junit.jupiter.api.Test
  void theYoloLetterboxIsUltralyticsToTheByte() throws Exception {
    ImageDecoder decoder = ImageDecoder.standard();
    Preprocessing letterbox = Preprocessing.builder().letterbox(320, 320).antialias(false)
        .backend(Preprocessing.Backend.OPENCV).build();
    for (JsonNode image : golden("yolo").get("images")) {
      RgbImage ours = letterbox.geometry(decoder.decode(Files.readAllBytes(DIR.resolve("images")
          .resolve(image.asText()))));
      RgbImage cv2 = decoder.decode(Files.readAllBytes(DIR.resolve("yolo").resolve("letterboxed-" + image.asText())));
      assertThat(ours.pixels()).as("letterboxed %s", image.asText()).isEqualTo(cv2.pixels());
    }
  }

  /** Corners within 0.05 pixel (the model runs in float32 on two engines, the boxes are scaled to the photo). */
  private static boolean near(List<Double> ours, JsonNode want) {
    for (int i = 0; i < 4; i++) {
      if (Math.abs(ours.get(i) - want.get(i).asDouble()) > 0.05) {
        return false;
      }
    }
    return true;
  }
}
