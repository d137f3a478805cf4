package io.cascade4j.bittensor.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON-RPC 2.0 over WebSocket ({@code ws://} or {@code wss://}) to a Subtensor node. Requests carry increasing ids
 * and are matched to responses by id, so calls from many threads share one connection. Every call has its own
 * timeout. A lost connection fails the calls in flight at once; the next call reconnects, trying each endpoint in
 * order and backing off between rounds.
 *
 * <pre>{@code
 * try (WebSocketTransport node = WebSocketTransport.forNetwork("finney")) {
 *   ChainMetagraph metagraph = new MetagraphReader(new SubtensorClient(node, Duration.ofSeconds(30))).read(72, null);
 * }
 * }</pre>
 */
public final class WebSocketTransport implements ChainTransport {
  private static final Logger log = LoggerFactory.getLogger(WebSocketTransport.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A response larger than this is refused (the largest metagraph responses are a few hundred kilobytes). */
  static final int MAX_MESSAGE_CHARS = 64 << 20;

  /** The public endpoints of the named networks, as the bittensor SDK knows them. */
  public static final Map<String, List<URI>> NETWORKS = Map.of(
      "finney", List.of(URI.create("wss://entrypoint-finney.opentensor.ai:443")),
      "test", List.of(URI.create("wss://test.finney.opentensor.ai:443")));

  private final List<URI> endpoints;
  private final Duration connectTimeout;
  private final int rounds;
  private final HttpClient http;
  private final AtomicLong ids = new AtomicLong();
  private volatile @Nullable Connection current;
  private volatile boolean closed;

  /** A transport to the first reachable of {@code endpoints}, trying each up to {@code rounds} times. */
  public WebSocketTransport(List<URI> endpoints, Duration connectTimeout, int rounds) {
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("at least one endpoint is needed");
    }
    for (URI endpoint : endpoints) {
      if (!"ws".equals(endpoint.getScheme()) && !"wss".equals(endpoint.getScheme())) {
        throw new IllegalArgumentException("endpoints are ws:// or wss:// URLs, got " + endpoint);
      }
    }
    this.endpoints = List.copyOf(endpoints);
    this.connectTimeout = connectTimeout;
    this.rounds = rounds;
    this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
  }

  /** A transport for a network preset ({@code finney}, {@code test}) or a {@code ws(s)://} URL. */
  public static WebSocketTransport forNetwork(String network) {
    List<URI> endpoints = NETWORKS.get(network);
    if (endpoints == null) {
      if (!network.startsWith("ws://") && !network.startsWith("wss://")) {
        throw new IllegalArgumentException("unknown network '" + network + "': use finney, test or a ws(s):// URL");
      }
      endpoints = List.of(URI.create(network));
    }
    return new WebSocketTransport(endpoints, Duration.ofSeconds(10), 3);
  }

  @Override
  public JsonNode call(String method, ArrayNode params, Duration timeout) throws ChainException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Connection connection = connection();
    long id = ids.incrementAndGet();
    ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
    request.set("params", params);
    CompletableFuture<JsonNode> response = new CompletableFuture<>();
    connection.pending.put(id, response);
    try {
      // java.net.http allows one outstanding send per WebSocket: sends take turns, responses do not.
      synchronized (connection.sendLock) {
        connection.socket.sendText(request.toString(), true).get(remaining(deadline), TimeUnit.NANOSECONDS);
      }
      JsonNode answer = response.get(remaining(deadline), TimeUnit.NANOSECONDS);
      JsonNode error = answer.get("error");
      if (error != null && !error.isNull()) {
        throw new ChainException(method + " failed at " + connection.endpoint + ": " + error.path("message").asText()
            + (error.has("data") ? " (" + error.get("data").asText() + ")" : ""));
      }
      JsonNode result = answer.get("result");
      return result == null ? NullNode.getInstance() : result;
    } catch (TimeoutException e) {
      throw new ChainException("no answer to " + method + " within " + timeout.toMillis() + " ms from "
          + connection.endpoint);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new ChainException(method + " failed at " + connection.endpoint + ": " + cause.getMessage(), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChainException(method + " was interrupted");
    } finally {
      connection.pending.remove(id);
    }
  }

  private static long remaining(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }

  private synchronized Connection connection() throws ChainException {
    if (closed) {
      throw new ChainException("the transport is closed");
    }
    Connection connection = current;
    if (connection != null && !connection.dead) {
      return connection;
    }
    List<String> failures = new ArrayList<>();
    long backoff = 200;
    for (int round = 0; round < rounds; round++) {
      for (URI endpoint : endpoints) {
        try {
          Connection fresh = new Connection(endpoint);
          fresh.socket = http.newWebSocketBuilder().connectTimeout(connectTimeout).buildAsync(endpoint, fresh)
              .get(connectTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
          current = fresh;
          log.info("connected to {}", endpoint);
          return fresh;
        } catch (ExecutionException | TimeoutException e) {
          Throwable cause = e.getCause() == null ? e : e.getCause();
          failures.add(endpoint + ": " + cause);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ChainException("interrupted while connecting");
        }
      }
      if (round + 1 < rounds) {
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ChainException("interrupted while connecting");
        }
        backoff = Math.min(backoff * 2, 5_000);
      }
    }
    throw new ChainException("could not connect to any endpoint:\n  " + String.join("\n  ", failures));
  }

  @Override
  public void close() {
    closed = true;
    Connection connection = current;
    if (connection != null) {
      connection.fail("the transport was closed");
      connection.socket.abort();
    }
  }

  /** One WebSocket and the calls waiting on it. */
  private static final class Connection implements WebSocket.Listener {
    final URI endpoint;
    final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    final Object sendLock = new Object();
    volatile WebSocket socket;
    volatile boolean dead;
    private final StringBuilder message = new StringBuilder();

    Connection(URI endpoint) {
      this.endpoint = endpoint;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      if (message.length() + data.length() > MAX_MESSAGE_CHARS) {
        fail("a message from the node exceeds " + MAX_MESSAGE_CHARS + " characters");
        webSocket.abort();
        return null;
      }
      message.append(data);
      if (last) {
        String text = message.toString();
        message.setLength(0);
        deliver(text);
      }
      webSocket.request(1);
      return null;
    }

    private void deliver(String text) {
      JsonNode node;
      try {
        node = JSON.readTree(text);
      } catch (java.io.IOException e) {
        fail("the node sent malformed JSON: " + e.getMessage());
        return;
      }
      JsonNode id = node == null ? null : node.get("id");
      if (id == null || !id.canConvertToLong()) {
        log.debug("ignoring a message without an id from {}", endpoint);
        return;
      }
      CompletableFuture<JsonNode> waiting = pending.remove(id.asLong());
      if (waiting != null) {
        waiting.complete(node);
      }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      fail("the node closed the connection (" + statusCode + (reason.isEmpty() ? "" : ", " + reason) + ")");
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      fail("the connection failed: " + error);
    }

    void fail(String why) {
      dead = true;
      ChainException failure = new ChainException(why);
      pending.values().forEach(f -> f.completeExceptionally(failure));
      pending.clear();
    }
  }
}
