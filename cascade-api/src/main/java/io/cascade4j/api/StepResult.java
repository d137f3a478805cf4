package io.cascade4j.api;

import java.util.List;
import java.util.Objects;

/**
 * What an {@link ExitPolicy} sees after a step: the step's evidence and, for a parallel group, every member's
 * outcome (for a single stage, its one outcome).
 *
 * @param step the name of the stage or group that just ran
 * @param evidence the step's evidence (for a group, the ensemble's combination)
 * @param members the outcomes behind it, in configuration order
 * @param context the query's context, for policies that look at earlier stages or the time left
 */
public record StepResult(String step, Evidence evidence, List<StageOutcome> members, QueryContext context) {

  /** Validates and copies the components. */
  public StepResult {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(evidence, "evidence");
    members = List.copyOf(members);
    Objects.requireNonNull(context, "context");
  }

  /** Whether this step came from a parallel group. */
  public boolean isGroup() {
    return members.size() > 1;
  }
}
