package io.cascade4j.vlm.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on loopback that answers {@code POST /v1/chat/completions} with scripted replies (status, body,
 * delay), in order, then the default reply; it records every request.
 */
final class FakeChatServer implements AutoCloseable {
  /** One scripted reply; a {@code gate} holds it until counted down. */
  record Reply(int status, String body, long delayMillis, CountDownLatch gate) {
    static Reply ok(String body) {
      return new Reply(200, body, 0, new CountDownLatch(0));
    }

    static Reply status(int status, String body) {
      return new Reply(status, body, 0, new CountDownLatch(0));
    }

    Reply delayed(long millis) {
      return new Reply(status, body, millis, gate);
    }

    Reply heldBy(CountDownLatch latch) {
      return new Reply(status, body, delayMillis, latch);
    }
  }

  /** A request as the server saw it. */
  record Seen(String path, Map<String, List<String>> headers, JsonNode body) {
    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst()).findFirst().orElse("");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final ConcurrentLinkedDeque<Reply> script = new ConcurrentLinkedDeque<>();
  private volatile Reply fallback;
  final List<Seen> seen = new CopyOnWriteArrayList<>();

  FakeChatServer(Reply fallback) throws IOException {
    this.fallback = fallback;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  static String reply(String name) {
    try (InputStream in = FakeChatServer.class.getResourceAsStream("/replies/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  FakeChatServer then(Reply reply) {
    script.add(reply);
    return this;
  }

  void answerAlways(Reply reply) {
    fallback = reply;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      JsonNode json;
      try {
        json = new ObjectMapper().readTree(body);
      } catch (IOException e) {
        json = null;
      }
      seen.add(new Seen(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), json));
      Reply reply = script.isEmpty() ? fallback : script.poll();
      try {
        reply.gate().await(30, TimeUnit.SECONDS);
        Thread.sleep(reply.delayMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(reply.status(), out.length);
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(out);
      } catch (IOException clientGone) {
        // the client timed out and left: nothing to do
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
