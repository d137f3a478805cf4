package io.cascade4j.vision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.Settings;
import io.cascade4j.vision.stage.ClassifierStageProvider;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** dtype: fp32 | fp16 as an export-time contract, checked at load; an fp16 export held once to its fp32 original. */
class PrecisionContractTest {
  private static Map<String, Object> settings(String model, Map<String, Object> extra) {
    Map<String, Object> m = new HashMap<>(Map.of("model", GoldenModels.model(model).toString(),
        "preprocessing", Map.of("resize", "exact", "width", 32, "height", 32, "normalization", "imagenet")));
    m.putAll(extra);
    return m;
  }

  @Test
  void anFp32ExportDeclaredFp16IsRefusedAtLoadByItsParameters() {
    assertThatThrownBy(() -> new ClassifierStageProvider().create(Settings.of(
        settings("tiny-classifier.pt", Map.of("dtype", "fp16")))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("dtype: tiny-classifier.pt is declared dtype: fp16 but its parameters are [float32]")
        .hasMessageContaining("model.half()");
    assertThatThrownBy(() -> new ClassifierStageProvider().create(Settings.of(
        settings("tiny-classifier.pt", Map.of("dtype", "bf16")))))
        .hasMessageContaining("dtype: must be fp32 or fp16, got 'bf16'");
  }

  @Test
  void aReferenceIsComparedOnceAndAMismatchNamesTheShapes() throws Exception {
    // The ONNX export of the same weights as its reference: within rounding, accepted.
    try (var stage = new ClassifierStageProvider().create(Settings.of(settings("tiny-classifier.pt",
        Map.of("fp32-reference", GoldenModels.model("tiny-classifier.onnx").toString()))))) {
      assertThat(stage).isNotNull();
    }
    // A model whose outputs are another shape is no reference.
    assertThatThrownBy(() -> new ClassifierStageProvider().create(Settings.of(settings("tiny-classifier.pt",
        Map.of("fp32-reference", GoldenModels.model("tiny-backbone.pt").toString())))))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("fp32-reference: output 0 has shape [1, 2]");
  }

  @Test
  void compareMeasuresTheLargestDifference() throws Exception {
    try (PooledModel a = PooledModel.load(GoldenModels.model("tiny-classifier.pt"), InferenceEngine.PYTORCH, 1);
        PooledModel b = PooledModel.load(GoldenModels.model("tiny-classifier.onnx"), InferenceEngine.ONNX_RUNTIME, 1)) {
      double[] d = PooledModel.compare(a, b, new long[] {1, 3, 32, 32}, 1);
      assertThat(d[0]).isLessThan(1e-4);
      assertThat(d[1]).isPositive();
      assertThat(PooledModel.compare(a, a, new long[] {1, 3, 32, 32}, 1)[0]).isZero();
    }
  }
}
