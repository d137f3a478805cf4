package io.cascade4j.core.policy;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.ExitPolicy;
import io.cascade4j.api.ExitPolicyProvider;
import io.cascade4j.api.Settings;

/**
 * {@code agreement}: answer when a group's members agree (see {@link ExitPolicies#agreement(double, double, double,
 * int)}).
 *
 * <pre>{@code
 * exit: {type: agreement, threshold: 0.5, margin: 0.2, max-spread: 1.0, min-members: 2}   # the defaults
 * }</pre>
 */
public final class AgreementExitPolicyProvider implements ExitPolicyProvider {
  @Override
  public String type() {
    return "agreement";
  }

  @Override
  public ExitPolicy create(Settings settings) throws ConfigurationException {
    double threshold = settings.doubleValue("threshold", 0.5, 0.0, 1.0);
    double margin = settings.doubleValue("margin", 0.2, 0.0, 0.5);
    double maxSpread = settings.doubleValue("max-spread", 1.0, 0.0, 1.0);
    int minMembers = settings.intValue("min-members", 2, 1, 1000);
    if (settings.problems().isEmpty()) {
      if (threshold == 0 || threshold == 1) {
        settings.problem("threshold", "must be strictly between 0 and 1, got " + threshold);
      }
      if (margin == 0.5) {
        settings.problem("margin", "must be below 0.5, got " + margin);
      }
    }
    settings.validate();
    return ExitPolicies.agreement(threshold, margin, maxSpread, minMembers);
  }
}
