package io.cascade4j.bittensor.auth;

import java.io.Serial;

/**
 * A request whose caller could not be proven. The message is meant for the caller (an axon sends it back, as the
 * reference does); {@link #reason()} is a short label for metrics, such as {@code stale_nonce} or {@code bad_signature}.
 */
public final class AuthenticationException extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  private final String reason;

  public AuthenticationException(String reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
