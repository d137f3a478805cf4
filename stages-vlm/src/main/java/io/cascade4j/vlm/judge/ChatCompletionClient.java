package io.cascade4j.vlm.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * POSTs chat completion requests to one OpenAI-compatible endpoint (vLLM, SGLang, llama.cpp's server, Ollama, hosted
 * APIs). Every attempt, connection and body included, ends by the time given; connection failures, 429 and 5xx are
 * retried while the retry budget and the time allow, other 4xx are not. Replies larger than {@code maxReplyBytes} are
 * cut off. The API key is sent as a bearer token and scrubbed from every message this class produces.
 */
public final class ChatCompletionClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final URI uri;
  private final Map<String, String> headers;
  private final @Nullable String apiKey;
  private final int retries;
  private final Duration backoff;
  private final int maxReplyBytes;

  /**
   * A client for {@code endpoint}: a base URL ({@code http://host:8000} or {@code .../v1}) or the full {@code
   * .../chat/completions} URL.
   */
  public ChatCompletionClient(URI endpoint, Duration connectTimeout, Map<String, String> headers,
      @Nullable String apiKey, int retries, Duration backoff, int maxReplyBytes) {
    this.uri = completions(endpoint);
    this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1).build();
    this.headers = Map.copyOf(headers);
    this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
    this.retries = retries;
    this.backoff = backoff;
    this.maxReplyBytes = maxReplyBytes;
  }

  static URI completions(URI endpoint) {
    String s = endpoint.toString().replaceAll("/+$", "");
    if (s.endsWith("/chat/completions")) {
      return URI.create(s);
    }
    return URI.create(s.endsWith("/v1") ? s + "/chat/completions" : s + "/v1/chat/completions");
  }

  /** The URL requests go to. */
  public URI uri() {
    return uri;
  }

  /**
   * Sends {@code body} and returns the parsed JSON reply.
   *
   * @param timeout the most this call may take, retries included
   * @throws VlmCallException if no attempt produced a 2xx JSON reply in time
   * @throws InterruptedException if interrupted (the cascade abandoned the stage)
   */
  public JsonNode complete(JsonNode body, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    byte[] payload = body.toString().getBytes(StandardCharsets.UTF_8);
    VlmCallException last = null;
    for (int attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) {
        long pause = backoff.toNanos() << Math.min(attempt - 1, 10);
        if (System.nanoTime() + pause >= end) {
          break; // no time left for another try
        }
        TimeUnit.NANOSECONDS.sleep(pause);
      }
      long left = end - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        return attempt(payload, left);
      } catch (VlmCallException e) {
        last = e;
        if (!retryable(e.status())) {
          throw e;
        }
      }
    }
    throw last != null ? last : new VlmCallException("no time left to call " + uri, 0);
  }

  private static boolean retryable(int status) {
    return status == 0 || status == 429 || status >= 500;
  }

  private JsonNode attempt(byte[] payload, long nanos) throws InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofNanos(nanos))
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
    headers.forEach(request::header);
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    CompletableFuture<HttpResponse<byte[]>> call = http.sendAsync(request.build(), info -> new Limited(maxReplyBytes));
    HttpResponse<byte[]> response;
    String late = "no complete reply from " + uri + " within " + Duration.ofNanos(nanos).toMillis() + " ms";
    try {
      response = call.get(nanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      throw new VlmCallException(late, 0);
    } catch (InterruptedException e) {
      call.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof HttpTimeoutException) { // the request's own timer can fire just before ours
        throw new VlmCallException(late, 0);
      }
      throw new VlmCallException(scrub("cannot reach " + uri + ": " + cause), 0);
    }
    String text = new String(response.body(), StandardCharsets.UTF_8);
    if (response.statusCode() / 100 != 2) {
      throw new VlmCallException(scrub("HTTP " + response.statusCode() + " from " + uri + ": "
          + io.cascade4j.api.PeerText.quote(scrub(text), 300)), response.statusCode());
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new VlmCallException(scrub("the reply from " + uri + " is not JSON: "
          + io.cascade4j.api.PeerText.quote(scrub(text), 100)), response.statusCode());
    }
  }

  /**
   * {@code message} with the API key replaced, in case a server or an exception echoed it. A server's reply is
   * scrubbed before it is quoted ({@link io.cascade4j.api.PeerText}: a log line cannot be forged and a cut cannot
   * leave half a key).
   */
  String scrub(String message) {
    return apiKey == null ? message : message.replace(apiKey, "[redacted]");
  }

  /** Collects a body of at most {@code limit} bytes; a longer one fails instead of filling the heap. */
  private static final class Limited implements HttpResponse.BodySubscriber<byte[]> {
    private final int limit;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.@Nullable Subscription subscription;

    Limited(int limit) {
      this.limit = limit;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer b : buffers) {
        if (out.size() + b.remaining() > limit) {
          if (subscription != null) {
            subscription.cancel();
          }
          result.completeExceptionally(new IOException("reply larger than " + limit + " bytes"));
          return;
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        out.writeBytes(chunk);
      }
    }

    @Override
    public void onError(Throwable error) {
      result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      result.complete(out.toByteArray());
    }
  }
}
