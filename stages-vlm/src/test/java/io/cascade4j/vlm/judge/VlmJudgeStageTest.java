package io.cascade4j.vlm.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.EncodedImage;
import io.cascade4j.api.Evidence;
import io.cascade4j.api.Query;
import io.cascade4j.api.Settings;
import io.cascade4j.api.Stage;
import io.cascade4j.testkit.TestImages;
import io.cascade4j.testkit.TestQueryContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The VLM judge against a real HTTP server answering in vLLM's, llama.cpp's and Ollama's shapes. */
class VlmJudgeStageTest {
  private static final EncodedImage IMAGE = TestImages.jpeg(TestImages.scene(224, 224, true, 1), 75);
  private static final String KEY = "sk-test-4f9c2a7e1b"; // the CASCADE4J_TEST_VLM_KEY set by the pom

  private FakeChatServer server;

  @BeforeEach
  void start() throws Exception {
    server = new FakeChatServer(FakeChatServer.Reply.ok(FakeChatServer.reply("vllm-yes.json")));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Stage stage(Map<String, Object> more) throws ConfigurationException {
    Map<String, Object> s = new HashMap<>(Map.of("endpoint", server.url(), "model", "Qwen/Qwen2.5-VL-7B-Instruct",
        "retries", 0, "retry-backoff", "10ms"));
    s.putAll(more);
    return new VlmJudgeStageProvider().create(Settings.of(s));
  }

  private static Evidence ask(Stage stage, Query query) throws Exception {
    return ask(stage, query, Duration.ofMinutes(1));
  }

  private static Evidence ask(Stage stage, Query query, Duration budget) throws Exception {
    try (TestQueryContext context = TestQueryContext.of(query, budget, List.of())) {
      return stage.evaluate(context);
    }
  }

  private static double p(double... logprobs) {
    double sum = 0;
    for (double l : logprobs) {
      sum += Math.exp(l);
    }
    return sum;
  }

  @Test
  void vllmLogprobsGiveTheProbabilityOfYesOverEveryVariant() throws Exception {
    try (Stage stage = stage(Map.of("api-key-env", "CASCADE4J_TEST_VLM_KEY"))) {
      Evidence e = ask(stage, Query.of(IMAGE));
      double yes = p(-0.04858734458684921, -7.198587417602539, -8.098587036132812);
      double no = p(-3.048587322235107, -9999.0);
      assertThat(e.probability()).isCloseTo(yes / (yes + no), within(1e-12));
      assertThat(e.extras()).containsEntry("vlm-source", "logprobs").containsEntry("vlm-reply", "Yes")
          .containsEntry("vlm-model", "Qwen/Qwen2.5-VL-7B-Instruct");
    }
    FakeChatServer.Seen request = server.seen.getFirst();
    assertThat(request.path()).isEqualTo("/v1/chat/completions");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
    JsonNode body = request.body();
    assertThat(body.path("model").asText()).isEqualTo("Qwen/Qwen2.5-VL-7B-Instruct");
    assertThat(body.path("max_tokens").asInt()).isEqualTo(1);
    assertThat(body.path("logprobs").asBoolean()).isTrue();
    assertThat(body.path("top_logprobs").asInt()).isEqualTo(10);
    assertThat(body.path("temperature").asDouble()).isZero();
    assertThat(body.has("structured_outputs") || body.has("guided_choice")).isFalse();
    JsonNode content = body.path("messages").path(0).path("content");
    assertThat(content.path(0).path("text").asText()).contains("road work");
    assertThat(content.path(1).path("image_url").path("url").asText())
        .isEqualTo("data:image/jpeg;base64," + Base64.getEncoder().encodeToString(IMAGE.toByteArray()));
  }

  @Test
  void noAndLlamaCppAndTextRepliesAreRead() throws Exception {
    server.then(FakeChatServer.Reply.ok(FakeChatServer.reply("vllm-no.json")))
        .then(FakeChatServer.Reply.ok(FakeChatServer.reply("llamacpp-yes.json")))
        .then(FakeChatServer.Reply.ok(FakeChatServer.reply("vllm-no-logprobs.json")))
        .then(FakeChatServer.Reply.ok(FakeChatServer.reply("ollama-text.json")))
        .then(FakeChatServer.Reply.ok("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":\"I cannot tell from this picture.\"},\"logprobs\":null,\"finish_reason\":\"stop\"}]}"));
    try (Stage stage = stage(Map.of("text-confidence", 0.85))) {
      double yes = p(-4.610050201416016);
      double no = p(-0.010050326585769653, -8.210050582885742);
      assertThat(ask(stage, Query.of(IMAGE)).probability()).isCloseTo(yes / (yes + no), within(1e-12));
      // llama.cpp: the lowest float for " yes" is a zero probability
      double llamaYes = p(-0.2231435477733612, -3.4028234663852886e+38);
      assertThat(ask(stage, Query.of(IMAGE)).probability())
          .isCloseTo(llamaYes / (llamaYes + p(-1.6094379425048828)), within(1e-12));
      Evidence text = ask(stage, Query.of(IMAGE));
      assertThat(text.probability()).isCloseTo(0.15, within(1e-12));
      assertThat(text.extras()).containsEntry("vlm-source", "text");
      assertThat(ask(stage, Query.of(IMAGE)).probability()).isCloseTo(0.85, within(1e-12)); // Ollama's "Yes."
      Evidence unsure = ask(stage, Query.of(IMAGE));
      assertThat(unsure.hasOpinion()).isFalse();
      assertThat(unsure.extras()).containsEntry("vlm-reply", "I cannot tell from this picture.");
    }
  }

  @Test
  void constrainedChoiceIsAskedInEachServersDialect() throws Exception {
    try (Stage structured = stage(Map.of("choice", "structured-outputs", "endpoint", server.url() + "/v1/"));
        Stage guided = stage(Map.of("choice", "guided-choice", "system", "You inspect road scenes."))) {
      ask(structured, Query.of(IMAGE));
      ask(guided, Query.of(IMAGE));
    }
    assertThat(server.seen.get(0).path()).isEqualTo("/v1/chat/completions");
    assertThat(server.seen.get(0).body().path("structured_outputs").path("choice").toString())
        .isEqualTo("[\"yes\",\"no\"]");
    JsonNode guided = server.seen.get(1).body();
    assertThat(guided.path("guided_choice").toString()).isEqualTo("[\"yes\",\"no\"]");
    assertThat(guided.path("messages").path(0).path("role").asText()).isEqualTo("system");
  }

  @Test
  void clipsGoToTheVideoModelWithSampledFrames() throws Exception {
    Query.Builder clip = Query.builder(TestImages.jpeg(TestImages.scene(64, 64, true, 0), 75));
    for (int i = 1; i < 10; i++) {
      clip.frame(TestImages.jpeg(TestImages.scene(64, 64, true, i), 75));
    }
    Query query = clip.build();
    try (Stage withVideo = stage(Map.of("video-model", "allenai/Molmo2-8B", "max-frames", 4));
        Stage imageOnly = stage(Map.of())) {
      ask(withVideo, query);
      ask(imageOnly, query);
      ask(withVideo, Query.of(IMAGE));
    }
    JsonNode video = server.seen.get(0).body();
    assertThat(video.path("model").asText()).isEqualTo("allenai/Molmo2-8B");
    List<String> urls = new ArrayList<>();
    video.path("messages").path(0).path("content").forEach(c -> {
      if (c.has("image_url")) {
        urls.add(c.path("image_url").path("url").asText());
      }
    });
    List<String> expected = new ArrayList<>();
    for (int i : new int[] {0, 3, 6, 9}) {
      expected.add("data:image/jpeg;base64,"
          + Base64.getEncoder().encodeToString(query.frames().get(i).toByteArray()));
    }
    assertThat(urls).isEqualTo(expected);
    assertThat(server.seen.get(1).body().path("model").asText()).isEqualTo("Qwen/Qwen2.5-VL-7B-Instruct");
    assertThat(server.seen.get(1).body().path("messages").path(0).path("content")).hasSize(2); // text + first frame
    assertThat(server.seen.get(2).body().path("model").asText()).isEqualTo("Qwen/Qwen2.5-VL-7B-Instruct");
  }

  @Test
  void serverErrorsAreRetriedClientErrorsAreNot() throws Exception {
    server.then(FakeChatServer.Reply.status(503, "{\"object\":\"error\",\"message\":\"overloaded\"}"));
    try (Stage stage = stage(Map.of("retries", 1))) {
      assertThat(ask(stage, Query.of(IMAGE)).probability()).isGreaterThan(0.9);
      assertThat(server.seen).hasSize(2);
      server.then(FakeChatServer.Reply.status(404, FakeChatServer.reply("vllm-error-400.json")));
      assertThatThrownBy(() -> ask(stage, Query.of(IMAGE))).isInstanceOf(VlmCallException.class)
          .hasMessageContaining("HTTP 404").hasMessageContaining("does not exist");
      assertThat(server.seen).hasSize(3);
    }
  }

  @Test
  void malformedRepliesFailClearly() throws Exception {
    server.then(FakeChatServer.Reply.ok("{\"choices\": [{\"index\": 0, \"mess"))
        .then(FakeChatServer.Reply.ok("{\"id\": \"x\", \"choices\": []}"));
    try (Stage stage = stage(Map.of())) {
      assertThatThrownBy(() -> ask(stage, Query.of(IMAGE))).hasMessageContaining("not JSON");
      assertThatThrownBy(() -> ask(stage, Query.of(IMAGE))).hasMessageContaining("choices[0].message");
    }
  }

  @Test
  void aSlowServerCannotHoldTheQueryPastItsDeadline() throws Exception {
    server.answerAlways(FakeChatServer.Reply.ok(FakeChatServer.reply("vllm-yes.json")).delayed(20_000));
    try (Stage stage = stage(Map.of("read-timeout", "60s", "retries", 3))) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> ask(stage, Query.of(IMAGE), Duration.ofMillis(400)))
          .isInstanceOf(VlmCallException.class)
          .hasMessageContaining("no complete reply");
      // bounded by the query's 400 ms, not by the 60 s read timeout or the server's 20 s
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void theCircuitBreakerFailsFastOnceTheServerKeepsFailing() throws Exception {
    server.answerAlways(FakeChatServer.Reply.status(500, "{\"object\":\"error\",\"message\":\"CUDA out of memory\"}"));
    try (Stage stage = stage(Map.of("breaker", Map.of("failures", 2, "open-for", "1h")))) {
      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(() -> ask(stage, Query.of(IMAGE))).hasMessageContaining("HTTP 500");
      }
      assertThatThrownBy(() -> ask(stage, Query.of(IMAGE))).hasMessageContaining("circuit breaker");
      assertThat(server.seen).hasSize(2); // the third call never reached the server
    }
  }

  @Test
  void theConcurrencyLimitMakesExtraQueriesWaitOnlyWhileTimeRemains() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server.then(FakeChatServer.Reply.ok(FakeChatServer.reply("vllm-yes.json")).heldBy(release));
    try (Stage stage = stage(Map.of("max-concurrent", 1))) {
      CompletableFuture<Evidence> first = CompletableFuture.supplyAsync(() -> {
        try {
          return ask(stage, Query.of(IMAGE));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      while (server.seen.isEmpty()) {
        Thread.sleep(5);
      }
      assertThatThrownBy(() -> ask(stage, Query.of(IMAGE), Duration.ofMillis(300))).hasMessageContaining("busy");
      release.countDown();
      assertThat(first.get().probability()).isGreaterThan(0.9);
      assertThat(server.seen).hasSize(1);
    }
  }

  @Test
  void aServersReplyCannotForgeLogLines() throws Exception {
    server.then(FakeChatServer.Reply.status(400, "bad request\r\n2026-11-30 INFO VlmJudgeStage - all good\u001b[2J"))
        .then(FakeChatServer.Reply.ok("not json\nWARN forged"));
    try (Stage stage = stage(Map.of())) {
      assertThatThrownBy(() -> ask(stage, Query.of(IMAGE))).hasMessageContaining("HTTP 400")
          .hasMessageContaining("bad request\\u000d\\u000a2026-11-30").hasMessageNotContainingAny("\r", "\n", "\u001b");
      assertThatThrownBy(() -> ask(stage, Query.of(IMAGE))).hasMessageContaining("not JSON")
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void theApiKeyNeverAppearsInErrors() throws Exception {
    // A server that echoes the request's Authorization header in its error.
    server.then(FakeChatServer.Reply.status(401, "{\"error\": \"invalid token: Bearer " + KEY + "\"}"));
    try (Stage stage = stage(Map.of("api-key-env", "CASCADE4J_TEST_VLM_KEY"))) {
      assertThatThrownBy(() -> ask(stage, Query.of(IMAGE))).hasMessageContaining("HTTP 401")
          .hasMessageContaining("[redacted]").hasMessageNotContaining(KEY);
    }
    assertThatThrownBy(() -> stage(Map.of("api-key-env", "CASCADE4J_NO_SUCH_VARIABLE")))
        .hasMessageContaining("CASCADE4J_NO_SUCH_VARIABLE is not set");
    assertThatThrownBy(() -> stage(Map.of("headers", Map.of("Authorization", "Bearer " + KEY))))
        .hasMessageContaining("api-key-env").hasMessageNotContaining(KEY);
  }

  @Test
  void badSettingsAreAllReported() {
    assertThatThrownBy(() -> new VlmJudgeStageProvider().create(Settings.of(Map.of("endpoint", "ftp://x",
        "choice", "json", "top-logprobs", 50)))).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("endpoint").hasMessageContaining("model").hasMessageContaining("choice")
        .hasMessageContaining("top-logprobs");
  }

  @Test
  void whatIsNotAnImageIsNeverSentAndNeverBlamedOnTheServer() throws Exception {
    try (Stage stage = stage(Map.of("breaker", Map.of("failures", 1, "open-for", "1h")))) {
      assertThatThrownBy(() -> ask(stage, Query.of(TestImages.notAnImage()))).isInstanceOf(
          IllegalArgumentException.class);
      assertThat(server.seen).isEmpty();
      assertThat(ask(stage, Query.of(IMAGE)).probability()).isGreaterThan(0.9); // the breaker did not open
    }
  }
}
