package io.cascade4j.vision.zeroshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade4j.api.Evidence;
import io.cascade4j.api.Query;
import io.cascade4j.api.Settings;
import io.cascade4j.api.Stage;
import io.cascade4j.testkit.TestImages;
import io.cascade4j.testkit.TestQueryContext;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zero-shot stage against the probabilities {@code scripts/fixtures/zero_shot_models.py} computed in PyTorch. */
class ZeroShotStageTest {
  static Path resource(String name) throws Exception {
    return Path.of(ZeroShotStageTest.class.getResource("/zeroshot/" + name).toURI());
  }

  static Map<String, Object> settings(String model, double temperature) throws Exception {
    return new HashMap<>(Map.of("model", resource(model).toString(), "prompts", resource("prompts.json").toString(),
        "temperature", temperature, "preprocessing", Map.of("resize", "exact", "width", 32, "height", 32,
            "normalization", "clip")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tiny-encoder.pt", "tiny-encoder.onnx"})
  void probabilitiesEqualThePyTorchReference(String model) throws Exception {
    JsonNode golden = new ObjectMapper().readTree(resource("golden.json").toFile()).path("cases");
    for (JsonNode c : golden) {
      try (Stage stage = new ZeroShotStageProvider().create(Settings.of(settings(model,
          c.path("temperature").asDouble())))) {
        JsonNode rgb = c.path("rgb");
        Color colour = new Color(rgb.get(0).asInt(), rgb.get(1).asInt(), rgb.get(2).asInt());
        try (TestQueryContext context = TestQueryContext.of(Query.of(TestImages.png(TestImages.solid(48, 40,
            colour))))) {
          Evidence e = stage.evaluate(context);
          assertThat(e.probability()).as(c.toString()).isCloseTo(c.path("p").asDouble(), within(1e-5));
          assertThat((String) e.extras().get("zero-shot-best-prompt")).isNotBlank();
        }
      }
    }
  }

  @Test
  void badPromptFilesAndMismatchedModelsAreClearErrors(@TempDir Path dir) throws Exception {
    Path ragged = Files.writeString(dir.resolve("ragged.json"), "{\"positive\": [{\"embedding\": [1, 0]}],"
        + " \"negative\": [{\"embedding\": [1, 0, 0]}]}");
    Map<String, Object> s = settings("tiny-encoder.onnx", 0.01);
    s.put("prompts", ragged.toString());
    assertThatThrownBy(() -> new ZeroShotStageProvider().create(Settings.of(s))).hasMessageContaining("prompts")
        .hasMessageContaining("same size");
    Path noNegative = Files.writeString(dir.resolve("one.json"), "{\"positive\": [{\"embedding\": [1, 0]}]}");
    s.put("prompts", noNegative.toString());
    assertThatThrownBy(() -> new ZeroShotStageProvider().create(Settings.of(s))).hasMessageContaining("negative");
    Path small = Files.writeString(dir.resolve("small.json"), "{\"model\": \"clip-b32\", \"positive\": [{\"embedding\":"
        + " [1, 0]}], \"negative\": [{\"embedding\": [0, 1]}]}");
    s.put("prompts", small.toString());
    try (Stage stage = new ZeroShotStageProvider().create(Settings.of(s));
        TestQueryContext context = TestQueryContext.of(Query.of(TestImages.png(TestImages.gradient(40, 40))))) {
      assertThatThrownBy(() -> stage.evaluate(context)).hasMessageContaining("gives 8 values")
          .hasMessageContaining("clip-b32").hasMessageContaining("have 2");
    }
  }
}
