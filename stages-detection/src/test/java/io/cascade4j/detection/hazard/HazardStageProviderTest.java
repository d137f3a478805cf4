package io.cascade4j.detection.hazard;

import io.cascade4j.api.StageProvider;
import io.cascade4j.testkit.StageProviderCompatibilityKit;
import java.util.Map;

class HazardStageProviderTest extends StageProviderCompatibilityKit {
  @Override
  protected StageProvider provider() {
    return new HazardStageProvider();
  }

  @Override
  protected Map<String, Object> validSettings() {
    return Map.of("max-side", 640);
  }

  @Override
  protected Map<String, Object> invalidSettings() {
    return Map.of("min-saturation", 300);
  }
}
