package io.cascade4j.bittensor.auth;

import java.time.Instant;

/** Nanoseconds since the epoch, like Python's {@code time.time_ns()}: the unit of Bittensor nonces. */
public final class EpochNanos {
  private EpochNanos() {}

  public static long now() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
