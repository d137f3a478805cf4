package io.cascade4j.bittensor.chain;

import java.io.Serial;

/** A chain call failed: no connection, a timeout, an error answer, or a response this client refuses to trust. */
public final class ChainException extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  /** An exception whose message says what failed and where. */
  public ChainException(String message) {
    super(message);
  }

  /** An exception with a cause. */
  public ChainException(String message, Throwable cause) {
    super(message, cause);
  }
}
