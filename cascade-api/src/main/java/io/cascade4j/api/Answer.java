package io.cascade4j.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A cascade's answer to a query: a probability that is always finite and within [0, 1], how it was reached, and the
 * full trace of every stage's outcome.
 *
 * @param queryId the id of the query answered
 * @param probability P(positive), finite and within [0, 1]
 * @param resolution how the probability was reached
 * @param decidedBy the stage or group whose evidence is the answer; null for {@link Resolution#FALLBACK}
 * @param trace every stage's outcome in the order they ran (a group's members, then the group's combined entry)
 * @param latency wall time from the start of the query to the answer
 */
public record Answer(
    String queryId,
    double probability,
    Resolution resolution,
    @Nullable String decidedBy,
    List<StageOutcome> trace,
    Duration latency) {

  /** Validates and copies the components. */
  public Answer {
    Objects.requireNonNull(queryId, "queryId");
    Evidence.checkProbability(probability);
    Objects.requireNonNull(resolution, "resolution");
    if ((decidedBy == null) != (resolution == Resolution.FALLBACK)) {
      throw new IllegalArgumentException("decidedBy must be null exactly when the resolution is FALLBACK");
    }
    trace = List.copyOf(trace);
    Objects.requireNonNull(latency, "latency");
  }

  /** The stage or group that decided, empty when the fallback answered. */
  public Optional<String> decider() {
    return Optional.ofNullable(decidedBy);
  }

  /** The outcome of the stage named {@code stage}, if it appears in the trace. */
  public Optional<StageOutcome> outcome(String stage) {
    return trace.stream().filter(o -> o.stage().equals(stage)).findFirst();
  }

  /** How an answer was reached. */
  public enum Resolution {
    /** An exit policy accepted the evidence of {@link #decidedBy}. */
    EXIT,
    /** Every step ran without an exit; the last evidence with an opinion is the answer. */
    LAST_OPINION,
    /** The deadline stopped the cascade early; the last evidence with an opinion so far is the answer. */
    DEADLINE,
    /** No stage gave an opinion; the cascade's configured fallback is the answer. */
    FALLBACK
  }
}
