package io.cascade4j.bittensor.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Duration;

/** Sends JSON-RPC calls to a Subtensor node. Implementations are thread-safe. */
public interface ChainTransport extends AutoCloseable {

  /**
   * Calls {@code method} with {@code params} and returns the {@code result} (JSON null when the node answers null).
   *
   * @throws ChainException on an error answer, a timeout or a lost connection
   */
  JsonNode call(String method, ArrayNode params, Duration timeout) throws ChainException;

  /** Closes the connection; later calls fail. */
  @Override
  void close();
}
