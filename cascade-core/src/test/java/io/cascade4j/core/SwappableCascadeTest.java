package io.cascade4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade4j.api.Answer;
import io.cascade4j.api.Cascade;
import io.cascade4j.api.Query;
import io.cascade4j.api.StageStatus;
import io.cascade4j.core.policy.ExitPolicies;
import io.cascade4j.testkit.ScriptedStage;
import io.cascade4j.testkit.TestImages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SwappableCascadeTest {
  private static final Query QUERY = Query.of(TestImages.notAnImage());

  private static Cascade generation(double p, ScriptedStage stage) {
    return Cascades.builder("gen")
        .stage("slow", stage, ExitPolicies.always())
        .stage("tail", ScriptedStage.answering(p))
        .build();
  }

  @Test
  void hotSwapUnderLoadFailsNoQueryAndClosesEachOldCascadeOnceAfterItsQueries() throws Exception {
    List<ScriptedStage> stages = new ArrayList<>();
    ScriptedStage first = ScriptedStage.answering(0.0).taking(Duration.ofMillis(2));
    stages.add(first);
    SwappableCascade live = new SwappableCascade(generation(0.0, first));
    AtomicBoolean running = new AtomicBoolean(true);
    ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    try (ExecutorService load = Executors.newFixedThreadPool(16)) {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < 16; w++) {
        workers.add(load.submit(() -> {
          while (running.get()) {
            try {
              answers.add(live.evaluate(QUERY));
            } catch (Throwable t) {
              failures.add(t);
            }
          }
        }));
      }
      for (int g = 1; g <= 20; g++) {
        Thread.sleep(15);
        // Each generation answers its own number, so answers show which generation served them.
        ScriptedStage next = ScriptedStage.answering(g / 100.0).taking(Duration.ofMillis(2));
        stages.add(next);
        live.swap(generation(g / 100.0, next));
      }
      Thread.sleep(30);
      running.set(false);
      for (Future<?> worker : workers) {
        worker.get();
      }
    }

    assertThat(failures).as("queries that failed during swaps").isEmpty();
    assertThat(answers).hasSizeGreaterThan(100);
    // A closed stage throws "evaluated after close", which would show as FAILED in a trace.
    assertThat(answers).allSatisfy(a -> assertThat(a.trace().getFirst().status()).isEqualTo(StageStatus.OK));
    assertThat(answers).extracting(Answer::probability).contains(0.0, 0.2);
    for (int g = 0; g < 20; g++) {
      assertThat(stages.get(g).closes()).as("generation %d closed once", g).isEqualTo(1);
    }
    assertThat(stages.get(20).closes()).as("the serving generation stays open").isZero();
    live.close();
    assertThat(stages.get(20).closes()).isEqualTo(1);
    assertThatThrownBy(() -> live.evaluate(QUERY)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void swappingIntoAClosedCascadeClosesTheNewOne() {
    SwappableCascade live = new SwappableCascade(generation(0.1, ScriptedStage.answering(0.1)));
    live.close();
    ScriptedStage orphan = ScriptedStage.answering(0.2);
    assertThatThrownBy(() -> live.swap(generation(0.2, orphan))).isInstanceOf(IllegalStateException.class);
    assertThat(orphan.closes()).isEqualTo(1);
  }
}
