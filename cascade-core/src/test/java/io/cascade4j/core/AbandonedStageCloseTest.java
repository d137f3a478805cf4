package io.cascade4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade4j.api.Answer;
import io.cascade4j.api.Cascade;
import io.cascade4j.api.Evidence;
import io.cascade4j.api.Query;
import io.cascade4j.api.QueryContext;
import io.cascade4j.api.Stage;
import io.cascade4j.api.StageStatus;
import io.cascade4j.core.policy.ExitPolicies;
import io.cascade4j.testkit.TestImages;
import java.awt.Color;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A stage call cut off by its timeout may still be running (native code does not answer interrupts) when its cascade
 * is swapped out and closed: the stage must not be closed under it. The stage here ignores interrupts like a native
 * call and records whether it was ever used after its close.
 */
class AbandonedStageCloseTest {
  /** A stage whose call runs on until released, ignoring interrupts, and that notices a use after close. */
  static final class NativeLikeStage implements Stage {
    final AtomicBoolean closed = new AtomicBoolean();
    final AtomicInteger usedAfterClose = new AtomicInteger();
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public Evidence evaluate(QueryContext context) {
      while (true) {
        try {
          if (release.await(5, TimeUnit.MILLISECONDS)) {
            break;
          }
        } catch (InterruptedException e) {
          // A native call does not notice the interrupt: go on.
        }
        if (closed.get()) {
          usedAfterClose.incrementAndGet();
        }
      }
      if (closed.get()) {
        usedAfterClose.incrementAndGet();
      }
      return Evidence.of(0.5);
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }

  @Test
  void aStageIsClosedOnlyAfterItsAbandonedCallsReturnHowEverOftenTheCascadeIsSwapped() throws Exception {
    Stage quick = context -> Evidence.of(0.2);
    SwappableCascade live = new SwappableCascade(Cascades.builder("start")
        .stage(StageSpec.of("quick", quick), ExitPolicies.always()).build());
    for (int round = 0; round < 20; round++) {
      NativeLikeStage stuck = new NativeLikeStage();
      Cascade cascade = Cascades.builder("round-" + round).deadline(Duration.ofSeconds(5))
          .stage(StageSpec.of("stuck", stuck).withTimeout(Duration.ofMillis(20)), ExitPolicies.always()).build();
      live.swap(cascade);
      Answer answer = live.evaluate(Query.of(TestImages.png(TestImages.solid(4, 4, Color.GRAY))));
      assertThat(answer.outcome("stuck").orElseThrow().status()).isEqualTo(StageStatus.TIMED_OUT);
      // The next swap closes this cascade: its query is done, but the stage's call is still running.
      live.swap(Cascades.builder("next-" + round).stage(StageSpec.of("quick", quick), ExitPolicies.always()).build());
      Thread.sleep(20);
      assertThat(stuck.closed).as("closed under a running call").isFalse();
      stuck.release.countDown();
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!stuck.closed.get() && System.nanoTime() < until) {
        Thread.sleep(2);
      }
      assertThat(stuck.closed).as("closed once the call returned").isTrue();
      assertThat(stuck.usedAfterClose).hasValue(0);
    }
    live.close();
  }
}
