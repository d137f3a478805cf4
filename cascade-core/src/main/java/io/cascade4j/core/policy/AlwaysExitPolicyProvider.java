package io.cascade4j.core.policy;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.ExitPolicy;
import io.cascade4j.api.ExitPolicyProvider;
import io.cascade4j.api.Settings;

/** {@code always}: answer after this step whenever it has an opinion. Takes no settings. */
public final class AlwaysExitPolicyProvider implements ExitPolicyProvider {
  @Override
  public String type() {
    return "always";
  }

  @Override
  public ExitPolicy create(Settings settings) throws ConfigurationException {
    settings.validate();
    return ExitPolicies.always();
  }
}
