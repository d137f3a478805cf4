package io.cascade4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade4j.api.Answer;
import io.cascade4j.api.Cascade;
import io.cascade4j.api.ContextKey;
import io.cascade4j.api.Evidence;
import io.cascade4j.api.Query;
import io.cascade4j.api.StageOutcome;
import io.cascade4j.api.StageStatus;
import io.cascade4j.core.ensemble.Ensembles;
import io.cascade4j.core.policy.ExitPolicies;
import io.cascade4j.testkit.ScriptedStage;
import io.cascade4j.testkit.TestImages;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
  private static final ContextKey<Integer> ROUTE = ContextKey.of("route", Integer.class);

  /**
   * Each query carries the step that should answer it (0, 1 or 2); the stages read it through the shared context,
   * so any mix-up between concurrent queries shows up as a wrong trace or probability.
   */
  private static Cascade cascade() {
    return Cascades.builder("concurrent")
        .stage(StageSpec.of("gate", stageAnsweringAt(0, 0.01)), ExitPolicies.band(0.05, 0.95))
        .parallel(
            "group",
            List.of(StageSpec.of("left", stageAnsweringAt(1, 0.97)),
                StageSpec.of("right", stageAnsweringAt(1, 0.99)).withIsolation(Isolation.INLINE)),
            Ensembles.weightedMean(java.util.Map.of()),
            ExitPolicies.agreement(0.3, 2))
        .stage("judge", stageAnsweringAt(2, 0.6), ExitPolicies.always())
        .build();
  }

  private static ScriptedStage stageAnsweringAt(int step, double confident) {
    return ScriptedStage.computing(ctx -> {
      int route = ctx.computeIfAbsent(ROUTE, c -> Integer.parseInt(c.query().attributes().get("route")));
      if (ThreadLocalRandom.current().nextInt(4) == 0) {
        Thread.yield();
      }
      return Evidence.of(route == step ? confident : 0.5).withExtra("query", ctx.query().id());
    });
  }

  @Test
  void thousandConcurrentQueriesFromManyThreadsGetTheirOwnTraces() throws Exception {
    try (Cascade cascade = cascade(); ExecutorService callers = Executors.newFixedThreadPool(32)) {
      List<Future<Answer>> answers = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        Query query = Query.builder(TestImages.notAnImage()).id("q" + i).attribute("route", "" + i % 3).build();
        Callable<Answer> call = () -> cascade.evaluate(query);
        answers.add(callers.submit(call));
      }
      for (int i = 0; i < 1000; i++) {
        Answer answer = answers.get(i).get();
        int route = i % 3;
        assertThat(answer.queryId()).isEqualTo("q" + i);
        assertThat(answer.decidedBy()).isEqualTo(List.of("gate", "group", "judge").get(route));
        assertThat(answer.probability())
            .isCloseTo(List.of(0.01, 0.98, 0.6).get(route), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(answer.trace())
            .extracting(StageOutcome::stage)
            .containsExactly("gate", "left", "right", "group", "judge");
        for (StageOutcome outcome : answer.trace()) {
          assertThat(outcome.status()).isIn(StageStatus.OK, StageStatus.NOT_REACHED);
          outcome.evidence().extra("query", String.class)
              .ifPresent(id -> assertThat(id).as("evidence of another query in the trace").isEqualTo("q" + answer
                  .queryId().substring(1)));
        }
        long ran = answer.trace().stream().filter(o -> o.status() == StageStatus.OK).count();
        assertThat(ran).isEqualTo(List.of(1L, 4L, 5L).get(route));
      }
    }
  }

  @Test
  void virtualThreadsCanShareOneCascade() throws Exception {
    try (Cascade cascade = cascade(); ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Answer>> answers = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        Query query = Query.builder(TestImages.notAnImage()).id("v" + i).attribute("route", "" + i % 3).build();
        answers.add(callers.submit(() -> cascade.evaluate(query)));
      }
      for (int i = 0; i < answers.size(); i++) {
        assertThat(answers.get(i).get().decidedBy()).isEqualTo(List.of("gate", "group", "judge").get(i % 3));
      }
    }
  }
}
