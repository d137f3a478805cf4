package io.cascade4j.detection.policy;

import io.cascade4j.api.ExitPolicy;
import io.cascade4j.api.StageOutcome;
import io.cascade4j.api.StageStatus;
import io.cascade4j.api.StepResult;
import java.util.ArrayList;
import java.util.List;
import io.cascade4j.detection.evidence.DetectedObjects;
import java.util.Set;

/**
 * Exits after a detector group when its detectors agree: every one found at least {@code minObjects} objects (of the
 * counted roles, scoring at least {@code minScore}) — agreement on roadwork — or none found any — agreement on
 * nothing. Any disagreement, or fewer than {@code minMembers} detectors answering, sends the query on to the next
 * step. Members without an {@code objects} extra (not detectors) are not counted.
 *
 * @param roles roles that count; empty counts every role
 * @param minObjects objects each detector must find for agreement on roadwork
 * @param minScore the lowest score an object counts with
 * @param minMembers detectors that must have answered
 */
public record ObjectAgreementExitPolicy(Set<String> roles, int minObjects, double minScore, int minMembers)
    implements ExitPolicy {

  public ObjectAgreementExitPolicy {
    roles = Set.copyOf(roles);
  }

  @Override
  public boolean shouldExit(StepResult step) {
    List<Integer> counts = new ArrayList<>();
    for (StageOutcome member : step.members()) {
      Object objects = member.evidence().extras().get(DetectedObjects.EXTRA);
      if (member.status() == StageStatus.OK && objects instanceof List<?>) {
        counts.add(count(DetectedObjects.read(objects)));
      }
    }
    if (counts.size() < minMembers) {
      return false;
    }
    boolean allFound = counts.stream().allMatch(c -> c >= minObjects);
    boolean noneFound = counts.stream().allMatch(c -> c == 0);
    return allFound || noneFound;
  }

  private int count(List<DetectedObjects.Found> objects) {
    return (int) objects.stream()
        .filter(o -> o.box().score() >= minScore && (roles.isEmpty() || roles.contains(o.role())))
        .count();
  }
}
