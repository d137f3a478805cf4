package io.cascade4j.miner.axon;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The requests being answered at once: at most {@code total} for all callers together, and at most {@code perCaller}
 * for one verified hotkey, so that one permitted validator sending many slow requests at once (huge images, say)
 * cannot take every slot from the others. Callers are known only after the signature is checked, which is why the
 * share is taken there (admission before cost).
 */
final class InFlightShares {
  private final Semaphore total;
  private final int perCaller;
  private final ConcurrentHashMap<String, AtomicInteger> byCaller = new ConcurrentHashMap<>();

  InFlightShares(int total, int perCaller) {
    this.total = new Semaphore(total);
    this.perCaller = perCaller;
  }

  /** The slots of all callers, for the in-flight gauge. */
  Semaphore total() {
    return total;
  }

  /** A slot held; closing gives it back. Closing never fails. */
  interface Slot extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Takes a slot for {@code caller}; the returned handle gives it back.
   *
   * @throws Rejection 503 when every slot is taken or the caller holds its share
   */
  Slot enter(String caller) throws Rejection {
    AtomicInteger mine = byCaller.compute(caller, (k, v) -> {
      AtomicInteger count = v == null ? new AtomicInteger() : v;
      count.incrementAndGet();
      return count;
    });
    if (mine.get() > perCaller) {
      leave(caller);
      throw new Rejection(503, "busy_caller", "Server busy: this caller has " + perCaller
          + " requests in flight already (limits.max-in-flight-per-caller)");
    }
    if (!total.tryAcquire()) {
      leave(caller);
      throw new Rejection(503, "busy", "Server busy: too many requests in flight");
    }
    return () -> {
      total.release();
      leave(caller);
    };
  }

  /** Drops the caller's entry when its count reaches zero, so the map holds only callers with requests in flight. */
  private void leave(String caller) {
    byCaller.computeIfPresent(caller, (k, v) -> v.decrementAndGet() == 0 ? null : v);
  }

  /** Callers with a request in flight now: the table holds no one else. */
  int callers() {
    return byCaller.size();
  }
}
