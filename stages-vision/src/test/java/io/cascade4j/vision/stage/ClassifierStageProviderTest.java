package io.cascade4j.vision.stage;

import io.cascade4j.api.StageProvider;
import io.cascade4j.testkit.StageProviderCompatibilityKit;
import io.cascade4j.vision.model.GoldenModels;
import java.util.Map;

/** The classifier stage against the stage compatibility kit, on the tiny ONNX model. */
class ClassifierStageProviderTest extends StageProviderCompatibilityKit {
  @Override
  protected StageProvider provider() {
    return new ClassifierStageProvider();
  }

  @Override
  protected Map<String, Object> validSettings() {
    return Map.of(
        "model", GoldenModels.model("tiny-classifier.onnx").toString(),
        "labels", java.util.List.of("Background", "Roadwork"),
        "positive-label", "Roadwork",
        "preprocessing", Map.of("resize", "exact", "width", 64, "height", 64, "normalization", "imagenet"));
  }

  @Override
  protected Map<String, Object> invalidSettings() {
    return Map.of("model", GoldenModels.model("tiny-classifier.onnx").toString(), "activation", "relu");
  }
}
