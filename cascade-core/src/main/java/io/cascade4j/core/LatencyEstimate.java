package io.cascade4j.core;

/**
 * A stage's expected latency, learned from its observed latencies: an exponential moving average that weighs the
 * latest call by a fifth. Unknown (zero) until the first call, so a new stage always gets one chance to run.
 *
 * <p>Updates race without locks; a lost update only delays the average by one sample.
 */
final class LatencyEstimate {
  private static final double ALPHA = 0.2;

  private volatile double nanos;

  long nanos() {
    return (long) nanos;
  }

  void observe(long elapsedNanos) {
    double current = nanos;
    nanos = current == 0 ? elapsedNanos : current + ALPHA * (elapsedNanos - current);
  }
}
