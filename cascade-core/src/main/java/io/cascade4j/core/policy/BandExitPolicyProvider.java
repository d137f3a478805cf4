package io.cascade4j.core.policy;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.ExitPolicy;
import io.cascade4j.api.ExitPolicyProvider;
import io.cascade4j.api.Settings;

/**
 * {@code band}: answer when {@code p <= low} or {@code p >= high}.
 *
 * <pre>{@code
 * exit: {type: band, low: 0.05, high: 0.95}    # defaults: 0.05 and 0.95
 * }</pre>
 */
public final class BandExitPolicyProvider implements ExitPolicyProvider {
  @Override
  public String type() {
    return "band";
  }

  @Override
  public ExitPolicy create(Settings settings) throws ConfigurationException {
    double low = settings.doubleValue("low", 0.05, 0.0, 1.0);
    double high = settings.doubleValue("high", 0.95, 0.0, 1.0);
    if (settings.problems().isEmpty() && low >= high) {
      settings.problem("low", "must be below high (" + high + "), got " + low);
    }
    settings.validate();
    return ExitPolicies.band(low, high);
  }
}
