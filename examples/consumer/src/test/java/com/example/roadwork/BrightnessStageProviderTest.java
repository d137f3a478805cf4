package com.example.roadwork;

import io.cascade4j.api.StageProvider;
import io.cascade4j.testkit.StageProviderCompatibilityKit;
import java.util.Map;

class BrightnessStageProviderTest extends StageProviderCompatibilityKit {
  protected StageProvider provider() { return new BrightnessStageProvider(); }
  protected Map<String, Object> validSettings() { return Map.of("gamma", 2.2); }
  protected Map<String, Object> invalidSettings() { return Map.of("gamma", -1); }
}
