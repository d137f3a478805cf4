package io.cascade4j.core.policy;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.ExitPolicy;
import io.cascade4j.api.ExitPolicyProvider;
import io.cascade4j.api.Settings;

/** {@code never}: always go on to the next step; the default exit of a step. Takes no settings. */
public final class NeverExitPolicyProvider implements ExitPolicyProvider {
  @Override
  public String type() {
    return "never";
  }

  @Override
  public ExitPolicy create(Settings settings) throws ConfigurationException {
    settings.validate();
    return ExitPolicies.never();
  }
}
