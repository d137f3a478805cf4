package io.cascade4j.api;

import java.util.Objects;

/**
 * Whether a stage can answer right now, as the stage itself knows it: a circuit breaker that opened after its server
 * failed, a breaker trying one call again. Operators see it as a metric and in readiness checks.
 *
 * @param state up, half-open (trying again after failures) or open (failing fast)
 * @param detail why, for people; empty when up
 */
public record StageHealth(State state, String detail) {
  private static final StageHealth UP = new StageHealth(State.UP, "");

  /** The states, in the order of their numeric code ({@link #code()}). */
  public enum State {
    /** Answering as configured. */
    UP,
    /** After failures, letting one call through to see whether the dependency is back. */
    HALF_OPEN,
    /** Failing every call at once until a timer runs out. */
    OPEN
  }

  /** Validates the components. */
  public StageHealth {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(detail, "detail");
  }

  /** A stage with nothing to report. */
  public static StageHealth up() {
    return UP;
  }

  /** 0 up, 1 half-open, 2 open: the value of the breaker-state gauge. */
  public int code() {
    return state.ordinal();
  }
}
