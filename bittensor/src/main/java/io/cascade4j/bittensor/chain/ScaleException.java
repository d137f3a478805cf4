package io.cascade4j.bittensor.chain;

import java.io.Serial;

/** Bytes from the chain do not decode as the expected layout: truncated, malformed, or a runtime we do not know. */
public final class ScaleException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  /** An exception with a message that says where and what. */
  public ScaleException(String message) {
    super(message);
  }
}
