package io.cascade4j.bittensor.protocol;

import java.io.Serial;

/** A request's headers or body do not form a valid synapse; the message says what is wrong, for the caller. */
public final class MalformedSynapseException extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  /** An exception with a message fit to send back to the caller (it quotes nothing secret). */
  public MalformedSynapseException(String message) {
    super(message);
  }
}
