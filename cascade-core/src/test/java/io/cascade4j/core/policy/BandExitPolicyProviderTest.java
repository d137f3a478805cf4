package io.cascade4j.core.policy;

import io.cascade4j.api.ExitPolicyProvider;
import io.cascade4j.testkit.ExitPolicyProviderCompatibilityKit;
import java.util.Map;

class BandExitPolicyProviderTest extends ExitPolicyProviderCompatibilityKit {
  @Override
  protected ExitPolicyProvider provider() {
    return new BandExitPolicyProvider();
  }

  @Override
  protected Map<String, Object> validSettings() {
    return Map.of("low", 0.1, "high", 0.9);
  }

  @Override
  protected Map<String, Object> invalidSettings() {
    return Map.of("low", 0.9, "high", 1.7);
  }
}
