package io.cascade4j.core;

/**
 * A stage's expected latency, learned from its observed latencies: an exponential moving average that weighs the
 * latest call by a fifth. Unknown (zero) until the first call, so a new stage always gets one chance to run; a stage
 * that reports its warm latency ({@link io.cascade4j.api.Stage#expectedLatency()}, measured by warming up at load)
 * starts from that instead of from its cold first call.
 *
 * <p>One slow call must never lock a stage out: while the estimate says the stage cannot finish in the time left,
 * the stage is skipped, and every {@link #PROBE_AFTER_SKIPS}th such skip in a row becomes a probe that runs it
 * anyway (when any time is left), so the estimate is measured again. A stage whose first call was cold and timed out
 * thus comes back once its warm calls fit.
 *
 * <p>Updates race without locks; a lost update only delays the average by one sample, or a probe by one skip.
 */
final class LatencyEstimate {
  private static final double ALPHA = 0.2;
  /** Consecutive deadline skips after which the stage is tried again to refresh its estimate. */
  static final int PROBE_AFTER_SKIPS = 16;

  private volatile double nanos;
  private volatile int skipsInARow;
  private volatile boolean guessed;

  LatencyEstimate() {}

  /** Starts from a known warm latency rather than from nothing. */
  LatencyEstimate(long warmNanos) {
    this.nanos = Math.max(0, warmNanos);
  }

  long nanos() {
    return (long) nanos;
  }

  void observe(long elapsedNanos) {
    double current = nanos;
    // A guess from a cut-off call is no measurement to average with: the first real one replaces it.
    nanos = current == 0 || guessed ? elapsedNanos : current + ALPHA * (elapsedNanos - current);
    guessed = false;
    skipsInARow = 0;
  }

  /**
   * A call cut off by its time limit after {@code elapsedNanos}: its real latency is unknown and longer, so it counts
   * as twice the time it had. Why not the time itself: the next query's budget is about the same limit, often a hair
   * longer (a first query pays for class loading before its stage starts), and a cut-off stage would then be
   * retried, and cut off, on every query. The guess stands until a call is measured (a probe): that measurement
   * replaces it rather than being averaged with it, so a warm stage comes back after one probe.
   */
  void observeCutOff(long elapsedNanos) {
    observe(2 * elapsedNanos);
    guessed = true;
  }

  /**
   * Whether the stage may start with {@code leftNanos} before the deadline: when it is expected to fit, or as a
   * probe after {@link #PROBE_AFTER_SKIPS} skips in a row.
   */
  boolean allows(long leftNanos) {
    if (leftNanos <= 0) {
      return false;
    }
    if (nanos() <= leftNanos) {
      return true;
    }
    int skips = skipsInARow + 1;
    if (skips >= PROBE_AFTER_SKIPS) {
      skipsInARow = 0;
      return true;
    }
    skipsInARow = skips;
    return false;
  }
}
