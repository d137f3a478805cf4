package io.cascade4j.vlm.judge;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Fails fast while a server is down: after {@code threshold} consecutive failures the breaker opens and refuses calls
 * for {@code openFor}; then it lets one trial call through (half-open), which closes it on success and reopens it on
 * failure. Thread-safe.
 */
public final class CircuitBreaker {
  /** The breaker's state. */
  public enum State { CLOSED, OPEN, HALF_OPEN }

  private final int threshold;
  private final long openForNanos;
  private final LongSupplier clock;
  private int failures;
  private long openedAt;
  private State state = State.CLOSED;
  private boolean trialInFlight;

  /** A breaker on the system's monotonic clock. */
  public CircuitBreaker(int threshold, Duration openFor) {
    this(threshold, openFor, System::nanoTime);
  }

  CircuitBreaker(int threshold, Duration openFor, LongSupplier clock) {
    if (threshold < 1 || openFor.isNegative()) {
      throw new IllegalArgumentException("need a threshold >= 1 and a non-negative open time");
    }
    this.threshold = threshold;
    this.openForNanos = openFor.toNanos();
    this.clock = clock;
  }

  /**
   * Whether a call may go ahead now; in the half-open state only one caller gets {@code true} until it reports.
   */
  public synchronized boolean tryAcquire() {
    if (state == State.OPEN && clock.getAsLong() - openedAt >= openForNanos) {
      state = State.HALF_OPEN;
      trialInFlight = false;
    }
    return switch (state) {
      case CLOSED -> true;
      case OPEN -> false;
      case HALF_OPEN -> {
        if (trialInFlight) {
          yield false;
        }
        trialInFlight = true;
        yield true;
      }
    };
  }

  /** The call succeeded: the breaker closes. */
  public synchronized void success() {
    failures = 0;
    state = State.CLOSED;
    trialInFlight = false;
  }

  /** The call failed: counts toward opening, or reopens a half-open breaker. */
  public synchronized void failure() {
    failures++;
    if (state == State.HALF_OPEN || failures >= threshold) {
      state = State.OPEN;
      openedAt = clock.getAsLong();
      trialInFlight = false;
    }
  }

  /** The call was abandoned (interrupted) without a verdict on the server: a half-open trial may be retried. */
  public synchronized void abandon() {
    trialInFlight = false;
  }

  public synchronized State state() {
    return state;
  }
}
