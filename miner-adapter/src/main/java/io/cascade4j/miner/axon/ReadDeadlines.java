package io.cascade4j.miner.axon;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deadlines for reading request bodies: a body that has not fully arrived by its deadline has its connection closed.
 *
 * <p>One thread sweeps every {@link #SWEEP} instead of a timer armed and cancelled per request: arming a timer that
 * becomes the earliest one wakes its thread, which with one request after another was every request (its thread had
 * 1.3 s of CPU per 100,000 requests in a profile), and cancelled timers stayed queued until their time came. A watch
 * is two map operations; a deadline is met within one sweep. (The load benchmark's throughput did not move beyond
 * its noise either way: this is about not paying per request for a rare event.)
 */
final class ReadDeadlines {
  private static final Logger log = LoggerFactory.getLogger(ReadDeadlines.class);
  /** How late past its deadline a body's connection may be closed. */
  static final Duration SWEEP = Duration.ofMillis(50);

  private final Map<Watch, Long> dueNanos = new ConcurrentHashMap<>();

  /** Starts the sweeping thread (a daemon: a stopped miner leaves it looking at an empty map). */
  ReadDeadlines(String threadName) {
    ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name(threadName).factory());
    sweeper.scheduleWithFixedDelay(this::sweep, SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Runs {@code onExpiry} once {@code timeout} has passed, unless the returned watch is closed first. */
  Watch watch(Duration timeout, Runnable onExpiry) {
    Watch watch = new Watch(onExpiry);
    dueNanos.put(watch, System.nanoTime() + timeout.toNanos());
    return watch;
  }

  private void sweep() {
    long now = System.nanoTime();
    dueNanos.forEach((watch, due) -> {
      if (now - due >= 0 && dueNanos.remove(watch) != null) {
        try {
          watch.onExpiry.run();
        } catch (RuntimeException e) {
          log.warn("closing a connection past its read deadline failed", e); // the sweeper must go on
        }
      }
    });
  }

  /** How many reads are being watched. */
  int watched() {
    return dueNanos.size();
  }

  /** One read being watched; closing it ends the watch (the read finished, or failed on its own). */
  final class Watch implements AutoCloseable {
    private final Runnable onExpiry;

    private Watch(Runnable onExpiry) {
      this.onExpiry = onExpiry;
    }

    @Override
    public void close() {
      dueNanos.remove(this);
    }
  }
}
