package io.cascade4j.core.policy;

import io.cascade4j.api.ExitPolicyProvider;
import io.cascade4j.testkit.ExitPolicyProviderCompatibilityKit;
import java.util.Map;

class AlwaysExitPolicyProviderTest extends ExitPolicyProviderCompatibilityKit {
  @Override
  protected ExitPolicyProvider provider() {
    return new AlwaysExitPolicyProvider();
  }

  @Override
  protected Map<String, Object> validSettings() {
    return Map.of();
  }

  @Override
  protected Map<String, Object> invalidSettings() {
    return Map.of("low", 0.1);
  }
}
