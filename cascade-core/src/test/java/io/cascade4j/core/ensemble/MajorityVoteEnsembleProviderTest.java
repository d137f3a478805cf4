package io.cascade4j.core.ensemble;

import io.cascade4j.api.EnsembleProvider;
import io.cascade4j.testkit.EnsembleProviderCompatibilityKit;
import java.util.Map;

class MajorityVoteEnsembleProviderTest extends EnsembleProviderCompatibilityKit {
  @Override
  protected EnsembleProvider provider() {
    return new MajorityVoteEnsembleProvider();
  }

  @Override
  protected Map<String, Object> validSettings() {
    return Map.of("threshold", 0.6, "weights", Map.of("a", 2));
  }

  @Override
  protected Map<String, Object> invalidSettings() {
    return Map.of("threshold", 1.5);
  }
}
