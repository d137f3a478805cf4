package io.cascade4j.detection.stage;

import io.cascade4j.api.StageProvider;
import io.cascade4j.testkit.StageProviderCompatibilityKit;
import java.util.HashMap;
import java.util.Map;

/** The detector stage configured for a two-output DETR export passes the stage kit too. */
class DetrDetectorStageProviderTest extends StageProviderCompatibilityKit {
  @Override
  protected StageProvider provider() {
    return new DetectorStageProvider();
  }

  @Override
  protected Map<String, Object> validSettings() {
    return DetectorStageTest.detrSettings("tiny-detr.onnx", Map.of());
  }

  @Override
  protected Map<String, Object> invalidSettings() {
    Map<String, Object> bad = new HashMap<>(validSettings());
    bad.put("resize", "squash");
    return bad;
  }
}
