package io.cascade4j.api;

import java.time.Duration;
import java.util.Objects;

/**
 * One entry of an answer's trace: what one stage (or the ensemble of a parallel group) contributed.
 *
 * @param stage the stage's name in the cascade (for a group's combined entry, the group's name)
 * @param status how its turn ended
 * @param evidence what it concluded; {@link Evidence#abstain()} unless the status is {@link StageStatus#OK}
 * @param latency wall time spent on it (zero when skipped)
 * @param detail why it failed, timed out or was skipped; empty when OK
 */
public record StageOutcome(
    String stage, StageStatus status, Evidence evidence, Duration latency, String detail) {

  /** Validates the components. */
  public StageOutcome {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(evidence, "evidence");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(detail, "detail");
    if (status != StageStatus.OK && evidence.hasOpinion()) {
      throw new IllegalArgumentException("a " + status + " outcome cannot carry an opinion");
    }
  }

  /** A successful outcome. */
  public static StageOutcome ok(String stage, Evidence evidence, Duration latency) {
    return new StageOutcome(stage, StageStatus.OK, evidence, latency, "");
  }

  /** An outcome without evidence: failed, skipped or timed out, and why. */
  public static StageOutcome without(String stage, StageStatus status, Duration latency, String detail) {
    return new StageOutcome(stage, status, Evidence.abstain(), latency, detail);
  }

  /** Whether this outcome carries a probability. */
  public boolean hasOpinion() {
    return evidence.hasOpinion();
  }
}
