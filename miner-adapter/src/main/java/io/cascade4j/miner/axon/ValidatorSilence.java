package io.cascade4j.miner.axon;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long it has been since a permitted validator's request last passed the signature check, with one warning when
 * the silence grows past a threshold and one line when requests come back.
 *
 * <p>Why: a miner nobody calls earns nothing, and the cause is outside the process (a halted subnet, as SN72 was from
 * 6 May 2026; an axon that is not published or not reachable; a deregistered hotkey). The metric
 * {@code miner_validator_request_age_seconds} serves alerts; the log lines serve operators who read logs, one line per
 * silence rather than one per check.
 */
final class ValidatorSilence {
  private static final Logger log = LoggerFactory.getLogger(Miner.class);

  private final Duration warnAfter;
  private final LongSupplier nanoTime;
  private final long startNanos;
  private long lastCallNanos = Long.MIN_VALUE;
  private boolean warned;

  ValidatorSilence(Duration warnAfter, LongSupplier nanoTime) {
    this.warnAfter = warnAfter;
    this.nanoTime = nanoTime;
    this.startNanos = nanoTime.getAsLong();
  }

  /**
   * A permitted validator's request passed the signature check now.
   *
   * @return how long the silence lasted, when it had been warned about
   */
  synchronized Optional<Duration> called() {
    long now = nanoTime.getAsLong();
    Optional<Duration> ended = Optional.empty();
    if (warned) {
      ended = Optional.of(Duration.ofNanos(now - since()));
      warned = false;
      log.info("validator requests resumed after {} without any", round(ended.get()));
    }
    lastCallNanos = now;
    return ended;
  }

  /**
   * Checks the silence (the miner's watcher calls it periodically).
   *
   * @return the silence, when it just passed the threshold (then it was logged, once)
   */
  synchronized Optional<Duration> check() {
    Duration silence = Duration.ofNanos(nanoTime.getAsLong() - since());
    if (warned || silence.compareTo(warnAfter) < 0) {
      return Optional.empty();
    }
    warned = true;
    log.warn("no signed request from a permitted validator for {} ({}): is the subnet running, is the axon"
        + " published (miner serve-axon) and reachable, is the hotkey still registered?", round(silence),
        lastCallNanos == Long.MIN_VALUE ? "none since start" : "the last was " + round(silence) + " ago");
    return Optional.of(silence);
  }

  /** Seconds since the last permitted validator's request, or since start when none came yet. */
  synchronized double secondsSince() {
    return (nanoTime.getAsLong() - since()) / 1e9;
  }

  private long since() {
    return lastCallNanos == Long.MIN_VALUE ? startNanos : lastCallNanos;
  }

  private static Duration round(Duration d) {
    return Duration.ofSeconds(d.toSeconds());
  }
}
