package io.cascade4j.miner.axon;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cascade4j.api.Answer;
import io.cascade4j.api.StageOutcome;
import io.cascade4j.api.StageStatus;
import io.cascade4j.api.Cascade;
import io.cascade4j.api.EncodedImage;
import io.cascade4j.api.Query;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Turns an image into the {@code prediction} an SN72 validator scores, shared by every axon of the process.
 *
 * <ul>
 *   <li>The cascade runs with deadline {@code min(request timeout - safety margin, configured deadline)}.
 *   <li>Answers are cached by the SHA-256 of the image bytes for a TTL, and identical requests in flight share one
 *       cascade run (single-flight). Only answers reached from evidence are cached: a fallback or deadline-cut answer
 *       is not, so a later request with more time can do better.
 *   <li>The validator rounds half to even, so 0.5 counts as "no roadwork": with the {@code positive} tie rule an
 *       answer of exactly 0.5 is sent as the next double above it; with {@code negative} it stays.
 * </ul>
 */
final class AnswerService {
  /** What a tie (exactly 0.5) means. */
  enum TieRule {
    POSITIVE,
    NEGATIVE
  }

  /**
   * An answer as the axon sends it.
   *
   * @param prediction finite, within [0, 1], never 0.5 under the positive tie rule
   * @param cached whether it came from the cache (or a request in flight)
   * @param answer the cascade's answer behind it
   */
  record Prediction(double prediction, boolean cached, Answer answer) {}

  private final Cascade cascade;
  private final Duration deadline;
  private final Duration safetyMargin;
  private final TieRule tieRule;
  private final AsyncCache<String, Answer> cache;
  private final Counter hits;
  private final Counter misses;

  AnswerService(
      Cascade cascade,
      Duration deadline,
      Duration safetyMargin,
      TieRule tieRule,
      Duration cacheTtl,
      long cacheEntries,
      MeterRegistry meters) {
    this.cascade = cascade;
    this.deadline = deadline;
    this.safetyMargin = safetyMargin;
    this.tieRule = tieRule;
    // Maintenance (eviction, expiry) on the calling thread: Caffeine's default hands it to the common pool, a thread
    // hop and a wake-up per request for a few hundred nanoseconds of work.
    this.cache = Caffeine.newBuilder().expireAfterWrite(cacheTtl).maximumSize(cacheEntries).executor(Runnable::run)
        .buildAsync();
    String help = "Answers looked up in the answer cache (by image): a hit answers without running the cascade";
    this.hits = Counter.builder("axon.cache.requests").description(help).tag("result", "hit").register(meters);
    this.misses = Counter.builder("axon.cache.requests").description(help).tag("result", "miss").register(meters);
  }

  /** Answers one image within the caller's timeout (seconds). */
  Prediction predict(EncodedImage image, double timeoutSeconds) throws Rejection {
    Duration budget = Duration.ofNanos((long) (timeoutSeconds * 1e9)).minus(safetyMargin);
    if (budget.compareTo(deadline) > 0) {
      budget = deadline;
    }
    if (budget.isNegative() || budget.isZero()) {
      budget = Duration.ofMillis(1);
    }
    Instant due = Instant.now().plus(budget);
    String key = sha256(image);
    CompletableFuture<Answer> mine = new CompletableFuture<>();
    CompletableFuture<Answer> future = cache.get(key, (k, ignored) -> mine);
    boolean computed = future == mine;
    (computed ? misses : hits).increment();
    if (computed) {
      // On this thread: the engine already runs thread-isolated stages off the caller's thread and returns by the
      // deadline, so another thread here would only add a hand-off and two wake-ups per request. Requests for the
      // same image meanwhile wait on this future.
      try {
        mine.complete(cascade.evaluate(Query.builder(image).id(key.substring(0, 16)).deadline(due).build()));
      } catch (RuntimeException | Error e) {
        mine.completeExceptionally(e);
      }
    }
    Answer answer;
    try {
      // The cascade honours its deadline; the extra second only guards a request waiting on another's answer
      // against a cascade that does not.
      answer = future.get(budget.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new Rejection(503, "answer_timeout", "no answer within the request's timeout");
    } catch (ExecutionException e) {
      cache.synchronous().invalidate(key);
      throw new Rejection(500, "cascade_failed", "cascade failed: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Rejection(503, "interrupted", "server is shutting down");
    }
    if (computed && !cacheable(answer)) {
      cache.synchronous().invalidate(key);
    }
    refuseUnusableImage(answer);
    return new Prediction(applyTieRule(answer.probability()), !computed, answer);
  }

  /**
   * An image whose header reads fine but whose pixels do not (corrupt data, or beyond a stage's decode limits) gets
   * a 400, like garbage base64, instead of the fallback prior: a prior near 0.55 would be rounded to "roadwork" and
   * tell the caller nothing. Only when no stage gave evidence and at least one could not use the image.
   */
  private static void refuseUnusableImage(Answer answer) throws Rejection {
    if (answer.resolution() != Answer.Resolution.FALLBACK) {
      return;
    }
    for (StageOutcome outcome : answer.trace()) {
      if (outcome.status() == StageStatus.UNUSABLE_INPUT) {
        String detail = outcome.detail().replaceFirst("^ImageDecodingException: ", "");
        throw new Rejection(400, "undecodable_image", "image cannot be decoded: "
            + io.cascade4j.api.PeerText.quote(detail, 300));
      }
    }
  }

  private static boolean cacheable(Answer answer) {
    return answer.resolution() == Answer.Resolution.EXIT || answer.resolution() == Answer.Resolution.LAST_OPINION;
  }

  double applyTieRule(double p) {
    return p == 0.5 && tieRule == TieRule.POSITIVE ? Math.nextUp(0.5) : p;
  }

  private static String sha256(EncodedImage image) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      image.digestInto(digest);
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
