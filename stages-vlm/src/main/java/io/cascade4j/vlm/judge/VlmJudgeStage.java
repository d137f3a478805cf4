package io.cascade4j.vlm.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascade4j.api.EncodedImage;
import io.cascade4j.api.Evidence;
import io.cascade4j.api.Query;
import io.cascade4j.api.QueryContext;
import io.cascade4j.api.Stage;
import io.cascade4j.core.image.ImageHeader;
import io.cascade4j.core.image.ImageLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The {@code vlm-judge} stage: asks a vision-language model behind an OpenAI-compatible endpoint whether the image
 * (or the frames of a clip) shows roadwork, for one token with log-probabilities, and answers P(yes) (see {@link
 * YesNoReading}). Frame sequences go to the video model when one is configured, single images to the image model.
 *
 * <p>It never holds a query longer than the query's remaining time: each call is bounded by that time and the read
 * timeout, at most {@code maxConcurrent} calls run at once (others wait only while time remains), and after repeated
 * failures the circuit breaker makes the stage fail at once, so the cascade answers from its earlier evidence instead
 * of waiting on a dead server.
 */
final class VlmJudgeStage implements Stage {
  /** Time kept back from the query's remaining time for the cascade to answer after this stage. */
  private static final Duration MARGIN = Duration.ofMillis(50);

  /** What the stage sends besides the images. */
  record Request(String imageModel, @Nullable String videoModel, String prompt, @Nullable String system,
      double temperature, int maxTokens, int topLogprobs, ChoiceMode choice, int maxFrames, long maxFrameBytes,
      double textConfidence) {}

  /** How a server is asked to constrain the reply to yes or no. */
  enum ChoiceMode {
    /** No constraint: the log-probabilities and the prompt do the work. */
    NONE,
    /** {@code structured_outputs: {choice: [...]}}: vLLM 0.12 and later. */
    STRUCTURED_OUTPUTS,
    /** {@code guided_choice: [...]}: vLLM before 0.12, SGLang-compatible servers. */
    GUIDED_CHOICE
  }

  private final ChatCompletionClient client;
  private final Request request;
  private final Duration readTimeout;
  private final Semaphore slots;
  private final CircuitBreaker breaker;

  VlmJudgeStage(ChatCompletionClient client, Request request, Duration readTimeout, int maxConcurrent,
      CircuitBreaker breaker) {
    this.client = client;
    this.request = request;
    this.readTimeout = readTimeout;
    this.slots = new Semaphore(maxConcurrent, true);
    this.breaker = breaker;
  }

  /** The circuit breaker's state: open after repeated failures of the server, half-open while one call tries it. */
  @Override
  public io.cascade4j.api.StageHealth health() {
    return switch (breaker.state()) {
      case CLOSED -> io.cascade4j.api.StageHealth.up();
      case HALF_OPEN -> new io.cascade4j.api.StageHealth(io.cascade4j.api.StageHealth.State.HALF_OPEN,
          "trying " + client.uri() + " again after failures");
      case OPEN -> new io.cascade4j.api.StageHealth(io.cascade4j.api.StageHealth.State.OPEN,
          "circuit breaker open after repeated failures of " + client.uri());
    };
  }

  @Override
  public Evidence evaluate(QueryContext context) throws InterruptedException {
    Query query = context.query();
    boolean video = query.isSequence() && request.videoModel() != null;
    String model = video ? request.videoModel() : request.imageModel();
    if (!breaker.tryAcquire()) { // before any work: a dead server costs nothing per query
      throw new VlmCallException("the circuit breaker for " + client.uri() + " is open after repeated failures;"
          + " failing fast", 0);
    }
    JsonNode body;
    try {
      body = body(model, video ? sample(query.frames(), request.maxFrames()) : List.of(query.image()));
    } catch (RuntimeException badInput) {
      breaker.abandon(); // the query's fault, not the server's
      throw badInput;
    }
    boolean reported = false;
    try {
      if (!slots.tryAcquire(remaining(context).toNanos(), TimeUnit.NANOSECONDS)) {
        breaker.abandon();
        reported = true;
        throw new VlmCallException("all concurrent calls to " + client.uri() + " are busy and the query's time ran"
            + " out waiting", 0);
      }
      try {
        Duration timeout = remaining(context).compareTo(readTimeout) < 0 ? remaining(context) : readTimeout;
        if (timeout.isZero()) {
          throw new VlmCallException("no time left in the query to call " + client.uri(), 0);
        }
        YesNoReading reading = YesNoReading.of(client.complete(body, timeout), request.textConfidence());
        breaker.success();
        reported = true;
        Evidence evidence = reading.probability() == null ? Evidence.abstain() : Evidence.of(reading.probability());
        return evidence.withExtra("vlm-model", model).withExtra("vlm-reply", reading.reply())
            .withExtra("vlm-source", reading.source());
      } finally {
        slots.release();
      }
    } catch (VlmCallException | IllegalArgumentException e) {
      if (!reported) {
        breaker.failure();
        reported = true;
      }
      throw e;
    } finally {
      if (!reported) {
        breaker.abandon(); // interrupted: no verdict on the server
      }
    }
  }

  private static Duration remaining(QueryContext context) {
    Duration left = context.remaining().minus(MARGIN);
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** At most {@code max} frames, evenly spread over the clip, first and last included. */
  static List<EncodedImage> sample(List<EncodedImage> frames, int max) {
    if (frames.size() <= max) {
      return frames;
    }
    List<EncodedImage> picked = new ArrayList<>();
    for (int i = 0; i < max; i++) {
      picked.add(frames.get((int) Math.round(i * (frames.size() - 1) / (double) (max - 1))));
    }
    return picked;
  }

  /** The chat completion request: the prompt and the frames as base64 data URLs in one user message. */
  ObjectNode body(String model, List<EncodedImage> frames) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode body = f.objectNode().put("model", model);
    ArrayNode messages = body.putArray("messages");
    if (request.system() != null) {
      messages.addObject().put("role", "system").put("content", request.system());
    }
    ObjectNode user = messages.addObject().put("role", "user");
    ArrayNode content = user.putArray("content");
    content.addObject().put("type", "text").put("text", request.prompt());
    for (int i = 0; i < frames.size(); i++) {
      EncodedImage frame = frames.get(i);
      if (frame.size() > request.maxFrameBytes()) {
        throw new IllegalArgumentException("frame " + i + " has " + frame.size() + " bytes, more than the limit of "
            + request.maxFrameBytes() + " for the VLM judge");
      }
      byte[] bytes = frame.toByteArray();
      ImageHeader header = ImageHeader.read(bytes); // what is not an image is refused here, not by the server
      if (header.pixels() > ImageLimits.DEFAULT.maxPixels()) {
        throw new IllegalArgumentException("frame " + i + " is " + header.width() + "x" + header.height()
            + ", more pixels than the limit of " + ImageLimits.DEFAULT.maxPixels());
      }
      String url = "data:" + frame.mediaType() + ";base64," + Base64.getEncoder().encodeToString(bytes);
      content.addObject().put("type", "image_url").putObject("image_url").put("url", url);
    }
    body.put("max_tokens", request.maxTokens()).put("temperature", request.temperature()).put("logprobs", true)
        .put("top_logprobs", request.topLogprobs());
    switch (request.choice()) {
      case NONE -> { }
      case STRUCTURED_OUTPUTS -> body.putObject("structured_outputs").putArray("choice").add("yes").add("no");
      case GUIDED_CHOICE -> body.putArray("guided_choice").add("yes").add("no");
    }
    return body;
  }
}
