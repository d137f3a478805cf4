package io.cascade4j.core.ensemble;

import io.cascade4j.api.EnsembleProvider;
import io.cascade4j.testkit.EnsembleProviderCompatibilityKit;
import java.util.Map;

class WeightedMeanEnsembleProviderTest extends EnsembleProviderCompatibilityKit {
  @Override
  protected EnsembleProvider provider() {
    return new WeightedMeanEnsembleProvider();
  }

  @Override
  protected Map<String, Object> validSettings() {
    return Map.of("weights", Map.of("a", 2.0, "c", 0.5));
  }

  @Override
  protected Map<String, Object> invalidSettings() {
    return Map.of("weights", Map.of("z", -1));
  }
}
