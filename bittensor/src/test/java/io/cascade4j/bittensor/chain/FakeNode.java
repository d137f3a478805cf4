package io.cascade4j.bittensor.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.function.Function;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketMessage;
import org.eclipse.jetty.websocket.api.annotations.WebSocket;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A Subtensor node stand-in on loopback: a real WebSocket server that answers JSON-RPC from a {@link ReplayTransport}
 * recording, unless {@link #behaviour} says otherwise (silence, garbage, a dropped connection, an error).
 */
public final class FakeNode implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What to do with a request: null answers from the recording. */
  public volatile Function<String, String> behaviour = method -> null;

  /** A scripted result for a request (method and params), or null to use the recording. */
  volatile Function<JsonNode, JsonNode> script = request -> null;

  private final ReplayTransport recording;
  private final Server server;

  public FakeNode(ReplayTransport recording) throws Exception {
    this.recording = recording;
    this.server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
      container.setMaxTextMessageSize(1 << 20);
      container.addMapping("/", (request, response, callback) -> new Endpoint());
    }));
    server.start();
  }

  public URI uri() {
    return URI.create("ws://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
  }

  @WebSocket
  public final class Endpoint {
    @OnWebSocketMessage
    public void onMessage(Session session, String text) throws Exception {
      JsonNode request = JSON.readTree(text);
      String method = request.get("method").asText();
      String action = behaviour.apply(method);
      if ("silence".equals(action)) {
        return;
      }
      if ("drop".equals(action)) {
        session.disconnect();
        return;
      }
      if ("garbage".equals(action)) {
        session.sendText("{not json", Callback.NOOP);
        return;
      }
      ObjectNode response = JSON.createObjectNode().put("jsonrpc", "2.0").set("id", request.get("id"));
      JsonNode scripted = script.apply(request);
      if (scripted != null && scripted.has("error")) {
        response.set("error", scripted.get("error"));
      } else if (scripted != null) {
        response.set("result", scripted);
      } else if ("error".equals(action)) {
        response.putObject("error").put("code", 1010).put("message", "Invalid Transaction")
            .put("data", "Custom error: 12");
      } else {
        try {
          response.set("result", recording.call(method, (ArrayNode) request.get("params"), Duration.ofSeconds(1)));
        } catch (ChainException e) {
          JsonNode runtime = runtimeAnswer(method, request.get("params"));
          if (runtime != null) {
            response.set("result", runtime);
          } else {
            response.putObject("error").put("code", -32601).put("message", e.getMessage());
          }
        }
      }
      session.sendText(response.toString(), Callback.NOOP);
    }
  }

  /**
   * The best block's runtime version and v15 metadata (the recorded spec-343 ones), which the recordings of syncs do
   * not contain but the metadata guard asks for.
   */
  private static JsonNode runtimeAnswer(String method, JsonNode params) throws java.io.IOException {
    if (method.equals("state_getRuntimeVersion") && params.isEmpty()) {
      return JSON.createObjectNode().put("specVersion", 343).put("transactionVersion", 1);
    }
    if (method.equals("state_call") && params.get(0).asText().equals("Metadata_metadata_at_version")) {
      try (java.io.InputStream in = FakeNode.class.getResourceAsStream("/subtensor/metadata-v15-spec343.json")) {
        return JSON.readTree(in).get("result");
      }
    }
    return null;
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("stopping the fake node failed", e);
    }
  }
}
