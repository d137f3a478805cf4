package io.cascade4j.vlm.judge;

/** A chat completion call that did not produce a usable reply; the message never holds the API key. */
public final class VlmCallException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  VlmCallException(String message, int status) {
    super(message);
    this.status = status;
  }

  VlmCallException(String message, Throwable cause) {
    super(message, cause);
    this.status = 0;
  }

  /** The HTTP status, or 0 when there was no response (refused, reset, timed out, circuit open). */
  public int status() {
    return status;
  }
}
