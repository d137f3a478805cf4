package io.cascade4j.miner.axon;

import java.io.Serial;

/**
 * A request refused with an HTTP status and a message for the caller; {@link #reason} is a short label for metrics
 * (for example {@code stale_nonce}).
 */
final class Rejection extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  final int status;
  final String reason;

  Rejection(int status, String reason, String message) {
    super(message, null, false, false);
    this.status = status;
    this.reason = reason;
  }
}
