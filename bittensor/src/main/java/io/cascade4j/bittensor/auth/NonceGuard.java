package io.cascade4j.bittensor.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Replay protection, per {@code hotkey:uuid}: the first nonce must be newer than {@code now - 4 s - timeout} (the
 * reference's window, with the caller's timeout capped so that a forged timeout header cannot widen it), no nonce may
 * lie more than {@code maxFuture} ahead, and later nonces must increase strictly.
 *
 * <p>The table is bounded: entries expire once the window has passed them (a replay of an expired entry is stale
 * anyway) and at most {@code maxEntries} are kept. Check-and-record is atomic per key.
 */
public final class NonceGuard {
  /** The reference's allowed delta, {@code ALLOWED_DELTA = 4_000_000_000} nanoseconds. */
  public static final long ALLOWED_DELTA_NANOS = 4_000_000_000L;

  private final LongSupplier clockNanos;
  private final long maxFutureNanos;
  private final long maxTimeoutNanos;
  private final Cache<String, Long> lastNonces;

  /**
   * A guard.
   *
   * @param clockNanos nanoseconds since the epoch ({@link EpochNanos#now()}; a fixed clock in tests)
   * @param maxFuture how far ahead of this clock a nonce may lie
   * @param maxTimeout the largest caller timeout that widens the freshness window
   * @param maxEntries the most {@code hotkey:uuid} entries remembered
   */
  public NonceGuard(LongSupplier clockNanos, Duration maxFuture, Duration maxTimeout, long maxEntries) {
    this.clockNanos = clockNanos;
    this.maxFutureNanos = maxFuture.toNanos();
    this.maxTimeoutNanos = maxTimeout.toNanos();
    this.lastNonces =
        Caffeine.newBuilder()
            .maximumSize(maxEntries)
            .expireAfterWrite(ALLOWED_DELTA_NANOS + maxTimeoutNanos + maxFutureNanos, TimeUnit.NANOSECONDS)
            .build();
  }

  /** Throws unless {@code nonce} is fresh for {@code key}; does not record it. */
  public void checkFresh(String key, long nonce, double timeoutSeconds) throws AuthenticationException {
    long now = clockNanos.getAsLong();
    if (nonce - now > maxFutureNanos) {
      throw new AuthenticationException("future_nonce", String.format(Locale.ROOT,
          "Nonce is too far in the future: request is %.2f seconds ahead, at most %.2f allowed",
          (nonce - now) / 1e9, maxFutureNanos / 1e9));
    }
    long timeoutNanos = Math.min(maxTimeoutNanos, (long) (timeoutSeconds * 1e9));
    Long last = lastNonces.getIfPresent(key);
    if (last == null && nonce <= now - ALLOWED_DELTA_NANOS - timeoutNanos) {
      throw new AuthenticationException("stale_nonce", String.format(Locale.ROOT,
          "Nonce is too old: acceptable delta is %.2f seconds but request was %.2f seconds old",
          (ALLOWED_DELTA_NANOS + timeoutNanos) / 1e9, (now - nonce) / 1e9));
    }
    if (last != null && nonce <= last) {
      throw replayed();
    }
  }

  /** Records {@code nonce} for {@code key} after the signature checked out; throws if a concurrent request won. */
  public void record(String key, long nonce) throws AuthenticationException {
    boolean[] lost = new boolean[1];
    lastNonces.asMap().compute(key, (k, last) -> {
      if (last != null && nonce <= last) {
        lost[0] = true;
        return last;
      }
      return nonce;
    });
    if (lost[0]) {
      throw replayed();
    }
  }

  /** Entries held now. */
  public long size() {
    lastNonces.cleanUp();
    return lastNonces.estimatedSize();
  }

  private static AuthenticationException replayed() {
    return new AuthenticationException("replayed_nonce", "Nonce is too old, a newer one was last processed");
  }
}
