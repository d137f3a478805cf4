package io.cascade4j.bittensor.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Answers JSON-RPC calls from a recording ({@code method -> JSON of params -> response}); unknown calls fail. */
public final class ReplayTransport implements ChainTransport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode exchanges;
  final List<String> calls = new ArrayList<>();

  public ReplayTransport(String resource) throws IOException {
    try (InputStream in = ReplayTransport.class.getResourceAsStream("/subtensor/" + resource)) {
      this.exchanges = JSON.readTree(in).get("exchanges");
    }
  }

  @Override
  public JsonNode call(String method, ArrayNode params, Duration timeout) throws ChainException {
    calls.add(method + " " + params);
    JsonNode byParams = exchanges.get(method);
    if (byParams != null) {
      for (Map.Entry<String, JsonNode> entry : byParams.properties()) {
        try {
          if (JSON.readTree(entry.getKey()).toString().equals(params.toString())) {
            JsonNode response = entry.getValue();
            if (response.has("error")) {
              throw new ChainException(method + " failed: " + response.get("error"));
            }
            return response.get("result");
          }
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    throw new ChainException("not in the recording: " + method + " " + params);
  }

  @Override
  public void close() {}
}
