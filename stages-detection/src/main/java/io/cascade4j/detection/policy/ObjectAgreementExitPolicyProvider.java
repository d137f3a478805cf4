package io.cascade4j.detection.policy;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.ExitPolicy;
import io.cascade4j.api.ExitPolicyProvider;
import io.cascade4j.api.Settings;
import java.util.HashSet;

/**
 * The {@code object-agreement} exit policy for detector groups.
 *
 * <pre>{@code
 * exit: {type: object-agreement, roles: [cone, barrier, worker], min-objects: 3, min-score: 0.5, min-members: 2}
 * }</pre>
 */
public final class ObjectAgreementExitPolicyProvider implements ExitPolicyProvider {
  @Override
  public String type() {
    return "object-agreement";
  }

  @Override
  public ExitPolicy create(Settings settings) throws ConfigurationException {
    var roles = new HashSet<>(settings.stringList("roles"));
    int minObjects = settings.intValue("min-objects", 3, 1, 10_000);
    double minScore = settings.doubleValue("min-score", 0.5, 0, 1);
    int minMembers = settings.intValue("min-members", 2, 1, 1_000);
    settings.validate();
    return new ObjectAgreementExitPolicy(roles, minObjects, minScore, minMembers);
  }
}
