package io.cascade4j.miner.axon;

import java.time.Instant;

/** Nanoseconds since the epoch, like Python's {@code time.time_ns()}: the unit of Bittensor nonces. */
final class EpochNanos {
  private EpochNanos() {}

  static long now() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
