package io.cascade4j.core;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the users of something that closes only after its last user is gone: queries in flight on a cascade. Once
 * closing, no new lease is granted, and the close action runs exactly once, when the count reaches zero.
 */
final class Leases {
  private static final long CLOSING = 1L << 62;

  private final AtomicLong state = new AtomicLong();
  private final AtomicBoolean drained = new AtomicBoolean();
  private final Runnable onDrained;

  /** Leases that run {@code onDrained} once, after {@link #close()} and the last {@link #release()}. */
  Leases(Runnable onDrained) {
    this.onDrained = onDrained;
  }

  /** Takes a lease unless closing; the caller must {@link #release()} a granted lease exactly once. */
  boolean tryAcquire() {
    while (true) {
      long s = state.get();
      if ((s & CLOSING) != 0) {
        return false;
      }
      if (state.compareAndSet(s, s + 1)) {
        return true;
      }
    }
  }

  /** Returns a lease. */
  void release() {
    if (state.decrementAndGet() == CLOSING) {
      drain();
    }
  }

  /** Refuses new leases; the close action runs now if none is out, else when the last returns. Idempotent. */
  void close() {
    long before = state.getAndUpdate(s -> s | CLOSING);
    if (before == 0) {
      drain();
    }
  }

  private void drain() {
    if (drained.compareAndSet(false, true)) {
      onDrained.run();
    }
  }
}
