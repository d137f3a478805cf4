package io.cascade4j.core.ensemble;

import io.cascade4j.api.EnsembleProvider;
import io.cascade4j.testkit.EnsembleProviderCompatibilityKit;
import java.util.Map;

class WeightedLogitMeanEnsembleProviderTest extends EnsembleProviderCompatibilityKit {
  @Override
  protected EnsembleProvider provider() {
    return new WeightedLogitMeanEnsembleProvider();
  }

  @Override
  protected Map<String, Object> validSettings() {
    return Map.of("weights", Map.of("b", 3));
  }

  @Override
  protected Map<String, Object> invalidSettings() {
    return Map.of("weights", Map.of("a", 0, "b", 0, "c", 0));
  }
}
