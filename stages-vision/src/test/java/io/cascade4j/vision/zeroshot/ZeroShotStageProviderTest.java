package io.cascade4j.vision.zeroshot;

import io.cascade4j.api.StageProvider;
import io.cascade4j.testkit.StageProviderCompatibilityKit;
import java.util.Map;

class ZeroShotStageProviderTest extends StageProviderCompatibilityKit {
  @Override
  protected StageProvider provider() {
    return new ZeroShotStageProvider();
  }

  @Override
  protected Map<String, Object> validSettings() {
    try {
      return ZeroShotStageTest.settings("tiny-encoder.onnx", 0.05);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  protected Map<String, Object> invalidSettings() {
    Map<String, Object> bad = new java.util.HashMap<>(validSettings());
    bad.put("temperature", 0);
    return bad;
  }
}
