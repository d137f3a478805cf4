package io.cascade4j.detection.stage;

import io.cascade4j.api.StageProvider;
import io.cascade4j.testkit.StageProviderCompatibilityKit;
import java.util.HashMap;
import java.util.Map;

class DetectorStageProviderTest extends StageProviderCompatibilityKit {
  @Override
  protected StageProvider provider() {
    return new DetectorStageProvider();
  }

  @Override
  protected Map<String, Object> validSettings() {
    return DetectorStageTest.settings("tiny-yolo.onnx");
  }

  @Override
  protected Map<String, Object> invalidSettings() {
    Map<String, Object> bad = new HashMap<>(DetectorStageTest.settings("tiny-yolo.onnx"));
    bad.put("confidence", 2.0);
    return bad;
  }
}
