package io.cascade4j.miner.axon;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket per caller: {@code requests} per {@code period}, refilled continuously. Buckets of idle callers
 * expire and the table is bounded, so a flood of fresh identities costs bounded memory.
 */
final class RateLimiter {
  private final double capacity;
  private final double tokensPerNano;
  private final LongSupplier clockNanos;
  private final Cache<String, Bucket> buckets;

  RateLimiter(int requests, Duration period, LongSupplier clockNanos) {
    this.capacity = requests;
    this.tokensPerNano = requests / (double) period.toNanos();
    this.clockNanos = clockNanos;
    this.buckets = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(period.multipliedBy(2)).build();
  }

  /** Takes a token for {@code caller}, or throws 429. */
  void acquire(String caller) throws Rejection {
    Bucket bucket = buckets.get(caller, k -> new Bucket(capacity, clockNanos.getAsLong()));
    if (!bucket.take(clockNanos.getAsLong())) {
      throw new Rejection(429, "rate_limited",
          "Too many requests from " + caller + ": at most " + (long) capacity + " per "
              + Duration.ofNanos((long) (capacity / tokensPerNano)).toSeconds() + " s");
    }
  }

  private final class Bucket {
    private double tokens;
    private long last;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.last = now;
    }

    synchronized boolean take(long now) {
      tokens = Math.min(capacity, tokens + (now - last) * tokensPerNano);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return true;
      }
      return false;
    }
  }
}
