package io.cascade4j.vision.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.EncodedImage;
import io.cascade4j.api.Query;
import io.cascade4j.api.Settings;
import io.cascade4j.api.Stage;
import io.cascade4j.testkit.TestQueryContext;
import io.cascade4j.vision.image.ImageDecoder;
import io.cascade4j.vision.image.RgbImage;
import io.cascade4j.vision.model.GoldenModels;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ClassifierStageTest {
  static byte[] smallPng() throws Exception {
    try (InputStream in = ClassifierStageTest.class.getResourceAsStream("/preprocess/small.png")) {
      return in.readAllBytes();
    }
  }

  static Map<String, Object> settings(String model, Map<String, Object> extra) {
    Map<String, Object> m = new java.util.HashMap<>(Map.of("model", GoldenModels.model(model).toString(),
        "preprocessing", Map.of("resize", "exact", "width", 64, "height", 64, "normalization", "imagenet")));
    m.putAll(extra);
    return m;
  }

  /** End to end from PNG bytes: decode, preprocessing and model all match Python, so the probability does too. */
  @ParameterizedTest
  @ValueSource(strings = {"tiny-classifier.pt", "tiny-classifier.onnx"})
  void probabilityEqualsPythonSoftmaxOnTheSameImage(String model) throws Exception {
    float[] logits = GoldenModels.output("tiny-classifier");
    double expected = 1 / (1 + Math.exp(logits[0] - logits[1])); // softmax of class 1
    try (Stage stage = new ClassifierStageProvider().create(Settings.of(settings(model, Map.of())))) {
      double p = stage.evaluate(TestQueryContext.of(Query.of(EncodedImage.png(smallPng())))).probability();
      assertThat(p).isCloseTo(expected, within(1e-5));
    }
  }

  @Test
  void temperatureAndSigmoidAndLabels() throws Exception {
    float[] z = GoldenModels.output("tiny-classifier");
    double t = 2.5;
    Map<String, Object> extra = Map.of("temperature", t, "labels", List.of("Roadwork", "Other"),
        "positive-label", "Roadwork", "activation", "sigmoid");
    try (Stage stage = new ClassifierStageProvider().create(Settings.of(settings("tiny-classifier.pt", extra)))) {
      double p = stage.evaluate(TestQueryContext.of(Query.of(EncodedImage.png(smallPng())))).probability();
      assertThat(p).isCloseTo(1 / (1 + Math.exp(-z[0] / t)), within(1e-5));
    }
  }

  @Test
  void batchEqualsOneByOne() throws Exception {
    try (ClassifierStage stage = (ClassifierStage) new ClassifierStageProvider().create(
        Settings.of(settings("tiny-classifier.onnx", Map.of())))) {
      RgbImage a = ImageDecoder.standard().decode(smallPng());
      RgbImage b = ImageDecoder.standard().decode(
          ClassifierStageTest.class.getResourceAsStream("/preprocess/sn72_1.jpg").readAllBytes());
      List<Double> batch = stage.probabilities(List.of(a, b, a));
      assertThat(batch.get(0)).isCloseTo(stage.probabilities(List.of(a)).get(0), within(1e-6));
      assertThat(batch.get(1)).isCloseTo(stage.probabilities(List.of(b)).get(0), within(1e-6));
      assertThat(batch.get(2)).isCloseTo(batch.get(0), within(1e-6));
    }
  }

  @Test
  void everyProblemIsReportedWithItsKey() {
    Map<String, Object> bad = Map.of("model", "/nonexistent/gate.onnx", "activation", "relu", "output", "scores",
        "positive-label", "Roadwork", "preprocessing", Map.of("resize", "sideways"));
    assertThatThrownBy(() -> new ClassifierStageProvider().create(Settings.of(bad)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("activation").hasMessageContaining("output").hasMessageContaining("positive-label")
        .hasMessageContaining("resize");
    Map<String, Object> missing = settings("tiny-classifier.pt", Map.of());
    missing.put("model", "/nonexistent/gate.onnx");
    assertThatThrownBy(() -> new ClassifierStageProvider().create(Settings.of(missing)))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("/nonexistent/gate.onnx");
  }

  @Test
  void undecodableQueryFailsTheStageWithTheReason() throws Exception {
    try (Stage stage = new ClassifierStageProvider().create(Settings.of(settings("tiny-classifier.pt", Map.of())))) {
      assertThatThrownBy(() -> stage.evaluate(TestQueryContext.of(Query.of(EncodedImage.jpeg(new byte[] {1, 2, 3})))))
          .hasMessageContaining("not a JPEG, PNG, WebP or BMP");
    }
  }

  /** The single-image path writes preprocessing straight into the model's buffer: the same bits as the array path. */
  @ParameterizedTest
  @ValueSource(strings = {"tiny-classifier.pt", "tiny-classifier.onnx"})
  void writingStraightIntoTheModelsBufferChangesNoBit(String model) throws Exception {
    try (ClassifierStage stage = (ClassifierStage) new ClassifierStageProvider().create(
        Settings.of(settings(model, Map.of())))) {
      byte[] png = smallPng();
      double direct = stage.evaluate(TestQueryContext.of(Query.of(EncodedImage.png(png)))).probability();
      double viaArrays = stage.probabilities(List.of(ImageDecoder.standard().decode(png))).get(0);
      assertThat(direct).isEqualTo(viaArrays);
      assertThat(stage.expectedLatency()).as("warmed up at load on its fixed input shape").isPresent();
    }
  }
}
