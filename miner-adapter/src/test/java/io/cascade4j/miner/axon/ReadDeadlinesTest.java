package io.cascade4j.miner.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadDeadlinesTest {
  @Test
  void anExpiredWatchFiresOnceAndAClosedOneNever() throws Exception {
    ReadDeadlines deadlines = new ReadDeadlines("read-deadlines-test");
    AtomicInteger fired = new AtomicInteger();
    CountDownLatch expired = new CountDownLatch(1);
    long start = System.nanoTime();
    deadlines.watch(Duration.ofMillis(100), () -> {
      fired.incrementAndGet();
      expired.countDown();
    });
    ReadDeadlines.Watch finished = deadlines.watch(Duration.ofMillis(100), fired::incrementAndGet);
    finished.close(); // the read ended in time
    ReadDeadlines.Watch failing = deadlines.watch(Duration.ofMillis(50), () -> {
      throw new IllegalStateException("closing failed");
    });
    assertThat(expired.await(5, TimeUnit.SECONDS)).isTrue();
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(millis).isGreaterThanOrEqualTo(100);
    Thread.sleep(3 * ReadDeadlines.SWEEP.toMillis());
    assertThat(fired).as("once, and not for the closed watch").hasValue(1);
    assertThat(deadlines.watched()).as("nothing left, the failing action included").isZero();
    failing.close(); // closing after expiry is harmless
  }
}
