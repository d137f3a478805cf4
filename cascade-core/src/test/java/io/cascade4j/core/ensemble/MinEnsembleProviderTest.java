package io.cascade4j.core.ensemble;

import io.cascade4j.api.EnsembleProvider;
import io.cascade4j.testkit.EnsembleProviderCompatibilityKit;
import java.util.Map;

class MinEnsembleProviderTest extends EnsembleProviderCompatibilityKit {
  @Override
  protected EnsembleProvider provider() {
    return new MinEnsembleProvider();
  }

  @Override
  protected Map<String, Object> validSettings() {
    return Map.of();
  }

  @Override
  protected Map<String, Object> invalidSettings() {
    return Map.of("weights", Map.of());
  }
}
