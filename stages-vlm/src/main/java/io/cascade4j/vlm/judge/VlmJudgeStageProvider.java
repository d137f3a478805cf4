package io.cascade4j.vlm.judge;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.Settings;
import io.cascade4j.api.Stage;
import io.cascade4j.api.StageProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The {@code vlm-judge} stage type.
 *
 * <pre>{@code
 * - name: vlm
 *   type: vlm-judge
 *   endpoint: http://localhost:8000           # vLLM / SGLang; llama.cpp :8080; Ollama :11434; or a hosted API
 *   model: Qwen/Qwen3-VL-8B-Instruct
 *   video-model: allenai/Molmo2-8B             # frame sequences go here (optional)
 *   prompt: "Does this street scene show road work or a construction zone? Answer yes or no."
 *   system: null                               # optional system message
 *   temperature: 0
 *   max-tokens: 1
 *   top-logprobs: 10
 *   choice: none                               # none | structured-outputs (vLLM >= 0.12) | guided-choice (older)
 *   text-confidence: 0.8                       # P(yes) for a plain "yes" when the server sends no logprobs
 *   api-key-env: OPENAI_API_KEY                # the key is read from this variable, never from the file
 *   headers: {OpenAI-Organization: org-123}
 *   connect-timeout: 2s
 *   read-timeout: 20s                          # and never longer than the query's remaining time
 *   retries: 1                                 # connection failures, 429 and 5xx
 *   retry-backoff: 100ms
 *   max-concurrent: 4
 *   breaker: {failures: 5, open-for: 30s}
 *   max-frames: 8
 *   max-frame-bytes: 8388608
 * }</pre>
 */
public final class VlmJudgeStageProvider implements StageProvider {
  private final Function<String, @Nullable String> environment;

  /** Reads API keys from the process environment. */
  public VlmJudgeStageProvider() {
    this(System::getenv);
  }

  VlmJudgeStageProvider(Function<String, @Nullable String> environment) {
    this.environment = environment;
  }

  @Override
  public String type() {
    return "vlm-judge";
  }

  @Override
  public Stage create(Settings s) throws ConfigurationException {
    URI endpoint = null;
    String url = s.string("endpoint", "");
    try {
      endpoint = new URI(url);
      if (!("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme())) || endpoint.getHost() == null) {
        s.problem("endpoint", "must be an http:// or https:// URL, got '" + url + "'");
      }
    } catch (URISyntaxException e) {
      s.problem("endpoint", "is not a URL: " + e.getMessage());
    }
    String model = s.string("model", "");
    if (model.isBlank()) {
      s.problem("model", "name the image model the server serves");
    }
    String videoModel = s.optionalString("video-model").orElse(null);
    String prompt = s.string("prompt",
        "Does this street scene show road work or a construction zone? Answer yes or no.");
    String system = s.optionalString("system").orElse(null);
    double temperature = s.doubleValue("temperature", 0, 0, 2);
    int maxTokens = s.intValue("max-tokens", 1, 1, 4096);
    int topLogprobs = s.intValue("top-logprobs", 10, 1, 20);
    VlmJudgeStage.ChoiceMode choice = VlmJudgeStage.ChoiceMode.NONE;
    String choiceName = s.string("choice", "none");
    try {
      choice = VlmJudgeStage.ChoiceMode.valueOf(choiceName.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      s.problem("choice", "must be none, structured-outputs or guided-choice, got '" + choiceName + "'");
    }
    double textConfidence = s.doubleValue("text-confidence", 0.8, 0.5, 1);
    String apiKey = null;
    if (s.has("api-key-env")) {
      String variable = s.string("api-key-env");
      apiKey = environment.apply(variable);
      if (apiKey == null || apiKey.isBlank()) {
        s.problem("api-key-env", "the environment variable " + variable + " is not set");
      }
    }
    Map<String, String> headers = new LinkedHashMap<>();
    Settings h = s.section("headers");
    for (String name : h.keys()) {
      if (name.equalsIgnoreCase("authorization")) {
        h.problem(name, "put the key in an environment variable and name it with api-key-env, not in the file");
      }
      headers.put(name, h.string(name));
    }
    Duration connect = s.duration("connect-timeout", Duration.ofSeconds(2));
    Duration read = s.duration("read-timeout", Duration.ofSeconds(20));
    int retries = s.intValue("retries", 1, 0, 10);
    Duration backoff = s.duration("retry-backoff", Duration.ofMillis(100));
    int maxConcurrent = s.intValue("max-concurrent", 4, 1, 1024);
    Settings breaker = s.section("breaker");
    int failures = breaker.intValue("failures", 5, 1, 1000);
    Duration openFor = breaker.duration("open-for", Duration.ofSeconds(30));
    int maxFrames = s.intValue("max-frames", 8, 1, 256);
    long maxFrameBytes = s.intValue("max-frame-bytes", 8 << 20, 1024, Integer.MAX_VALUE);
    s.validate();
    if (endpoint == null) {
      throw new IllegalStateException("settings validated without an endpoint");
    }
    ChatCompletionClient client = new ChatCompletionClient(endpoint, connect, headers, apiKey, retries, backoff,
        4 << 20);
    return new VlmJudgeStage(client, new VlmJudgeStage.Request(model, videoModel, prompt, system, temperature,
        maxTokens, topLogprobs, choice, maxFrames, maxFrameBytes, textConfidence), read, maxConcurrent,
        new CircuitBreaker(failures, openFor));
  }
}
