package io.cascade4j.core.policy;

import io.cascade4j.api.ExitPolicyProvider;
import io.cascade4j.testkit.ExitPolicyProviderCompatibilityKit;
import java.util.Map;

class AgreementExitPolicyProviderTest extends ExitPolicyProviderCompatibilityKit {
  @Override
  protected ExitPolicyProvider provider() {
    return new AgreementExitPolicyProvider();
  }

  @Override
  protected Map<String, Object> validSettings() {
    return Map.of("margin", 0.1, "min-members", 2);
  }

  @Override
  protected Map<String, Object> invalidSettings() {
    return Map.of("margin", 0.7, "min-members", 0);
  }
}
