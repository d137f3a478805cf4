package io.cascade4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade4j.api.Answer;
import io.cascade4j.api.Answer.Resolution;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CascadeEngineTest {
  private static final Query QUERY = Query.builder(TestImages.notAnImage()).id("q1").build();

  private static List<StageStatus> statuses(Answer answer) {
    return answer.trace().stream().map(StageOutcome::status).toList();
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void exitsEarlyAtEachStage(Isolation isolation) {
    for (int exitAt = 0; exitAt < 3; exitAt++) {
      ScriptedStage[] stages = new ScriptedStage[3];
      CascadeBuilder builder = Cascades.builder("early");
      for (int s = 0; s < 3; s++) {
        stages[s] = ScriptedStage.answering(s == exitAt ? 0.99 : 0.5);
        builder.stage(StageSpec.of("s" + s, stages[s]).withIsolation(isolation), ExitPolicies.band(0.05, 0.95));
      }
      try (Cascade cascade = builder.build()) {
        Answer answer = cascade.evaluate(QUERY);

        assertThat(answer.probability()).isEqualTo(0.99);
        assertThat(answer.resolution()).isEqualTo(Resolution.EXIT);
        assertThat(answer.decidedBy()).isEqualTo("s" + exitAt);
        assertThat(answer.trace()).extracting(StageOutcome::stage).containsExactly("s0", "s1", "s2");
        for (int s = 0; s < 3; s++) {
          assertThat(stages[s].calls()).as("calls of s%d when s%d exits", s, exitAt).isEqualTo(s <= exitAt ? 1 : 0);
          assertThat(answer.trace().get(s).status())
              .isEqualTo(s <= exitAt ? StageStatus.OK : StageStatus.NOT_REACHED);
        }
      }
    }
  }

  @Test
  void withoutAnExitTheLastOpinionAnswers() {
    try (Cascade cascade =
        Cascades.builder("all")
            .stage("a", ScriptedStage.answering(0.3))
            .stage("b", ScriptedStage.answering(0.6))
            .stage("c", ScriptedStage.abstaining())
            .build()) {
      Answer answer = cascade.evaluate(QUERY);
      assertThat(answer.probability()).isEqualTo(0.6);
      assertThat(answer.resolution()).isEqualTo(Resolution.LAST_OPINION);
      assertThat(answer.decidedBy()).isEqualTo("b");
      assertThat(statuses(answer)).containsOnly(StageStatus.OK);
      assertThat(answer.queryId()).isEqualTo("q1");
    }
  }

  @Test
  void parallelGroupRunsMembersConcurrentlyAndCombinesThem() {
    ScriptedStage yolo = ScriptedStage.answering(0.8).taking(Duration.ofMillis(300));
    ScriptedStage detr = ScriptedStage.answering(0.4).taking(Duration.ofMillis(300));
    try (Cascade cascade =
        Cascades.builder("group")
            .stage("gate", ScriptedStage.answering(0.5), ExitPolicies.band(0.05, 0.95))
            .parallel(
                "detectors",
                List.of(StageSpec.of("yolo", yolo), StageSpec.of("detr", detr)),
                Ensembles.weightedMean(Map.of("yolo", 3.0, "detr", 1.0)),
                ExitPolicies.always())
            .stage("judge", ScriptedStage.answering(0.0))
            .build()) {
      Answer answer = cascade.evaluate(QUERY);

      assertThat(answer.probability()).isCloseTo((3 * 0.8 + 0.4) / 4, org.assertj.core.data.Offset.offset(1e-12));
      assertThat(answer.decidedBy()).isEqualTo("detectors");
      assertThat(answer.trace())
          .extracting(StageOutcome::stage)
          .containsExactly("gate", "yolo", "detr", "detectors", "judge");
      assertThat(answer.outcome("judge").orElseThrow().status()).isEqualTo(StageStatus.NOT_REACHED);
      // Run one after the other, the two members would need 600 ms.
      assertThat(answer.outcome("detectors").orElseThrow().latency()).isLessThan(Duration.ofMillis(550));
    }
  }

  @Test
  void agreementExitsOnlyWhenMembersAgree() {
    try (Cascade agreeing = groupOf(0.9, 0.85); Cascade disagreeing = groupOf(0.9, 0.2)) {
      assertThat(agreeing.evaluate(QUERY).decidedBy()).isEqualTo("detectors");
      Answer answer = disagreeing.evaluate(QUERY);
      assertThat(answer.decidedBy()).isEqualTo("judge");
      assertThat(answer.probability()).isEqualTo(0.3);
    }
  }

  private static Cascade groupOf(double a, double b) {
    return Cascades.builder("agreement")
        .parallel(
            "detectors",
            List.of(StageSpec.of("a", ScriptedStage.answering(a)), StageSpec.of("b", ScriptedStage.answering(b))),
            Ensembles.weightedMean(Map.of()),
            ExitPolicies.agreement(0.2, 2))
        .stage("judge", ScriptedStage.answering(0.3), ExitPolicies.always())
        .build();
  }

  @Test
  void aThrowingStageDoesNotFailTheQuery() {
    try (Cascade cascade =
        Cascades.builder("throwing")
            .stage("broken", ScriptedStage.throwing(new IllegalStateException("model file missing")),
                ExitPolicies.always())
            .stage("fine", ScriptedStage.answering(0.7), ExitPolicies.always())
            .build()) {
      Answer answer = cascade.evaluate(QUERY);
      assertThat(answer.probability()).isEqualTo(0.7);
      StageOutcome broken = answer.outcome("broken").orElseThrow();
      assertThat(broken.status()).isEqualTo(StageStatus.FAILED);
      assertThat(broken.detail()).isEqualTo("IllegalStateException: model file missing");
      assertThat(broken.hasOpinion()).isFalse();
    }
  }

  @Test
  void anImageAStageCannotDecodeIsTheInputsFaultNotTheStages() {
    try (Cascade cascade =
        Cascades.builder("decoding")
            .stage("pixels", ScriptedStage.throwing(new io.cascade4j.core.image.ImageDecodingException(
                "corrupt or truncated JPEG")), ExitPolicies.always())
            .build()) {
      Answer answer = cascade.evaluate(QUERY);
      assertThat(answer.resolution()).isEqualTo(Answer.Resolution.FALLBACK);
      StageOutcome pixels = answer.outcome("pixels").orElseThrow();
      assertThat(pixels.status()).isEqualTo(StageStatus.UNUSABLE_INPUT);
      assertThat(pixels.detail()).isEqualTo("ImageDecodingException: corrupt or truncated JPEG");
    }
  }

  @Test
  void aHangingStageTimesOutIsInterruptedAndDoesNotFailTheQuery() throws InterruptedException {
    ScriptedStage hanging = ScriptedStage.hanging();
    try (Cascade cascade =
        Cascades.builder("hanging")
            .stage("first", ScriptedStage.answering(0.2))
            .stage(StageSpec.of("stuck", hanging).withTimeout(Duration.ofMillis(100)), ExitPolicies.always())
            .stage("after", ScriptedStage.answering(0.9), ExitPolicies.never())
            .build()) {
      long start = System.nanoTime();
      Answer answer = cascade.evaluate(QUERY);
      long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

      assertThat(elapsedMillis).isLessThan(5_000);
      StageOutcome stuck = answer.outcome("stuck").orElseThrow();
      assertThat(stuck.status()).isEqualTo(StageStatus.TIMED_OUT);
      assertThat(stuck.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(100));
      assertThat(answer.probability()).isEqualTo(0.9);
      assertThat(answer.resolution()).isEqualTo(Resolution.LAST_OPINION);
      for (int i = 0; i < 100 && hanging.interruptions() == 0; i++) {
        Thread.sleep(10);
      }
      assertThat(hanging.interruptions()).as("the abandoned stage was interrupted").isEqualTo(1);
    }
  }

  @Test
  void aHangingStageIsBoundedByTheQueryDeadline() {
    try (Cascade cascade =
        Cascades.builder("deadline")
            .deadline(Duration.ofMillis(200))
            .stage("first", ScriptedStage.answering(0.35))
            .stage("stuck", ScriptedStage.hanging())
            .stage("never-run", ScriptedStage.answering(0.9))
            .build()) {
      Answer answer = cascade.evaluate(QUERY);
      assertThat(answer.latency()).isLessThan(Duration.ofSeconds(3));
      assertThat(answer.resolution()).isEqualTo(Resolution.DEADLINE);
      assertThat(answer.probability()).isEqualTo(0.35);
      assertThat(statuses(answer)).containsExactly(StageStatus.OK, StageStatus.TIMED_OUT, StageStatus.SKIPPED);
      assertThat(answer.outcome("never-run").orElseThrow().detail()).isEqualTo("deadline passed");
    }
  }

  @Test
  void anInlineStageThatOverrunsItsLimitIsDiscarded() {
    try (Cascade cascade =
        Cascades.builder("inline")
            .stage("first", ScriptedStage.answering(0.25))
            .stage(
                StageSpec.of("slow", ScriptedStage.answering(0.99).taking(Duration.ofMillis(80)))
                    .withIsolation(Isolation.INLINE)
                    .withTimeout(Duration.ofMillis(20)),
                ExitPolicies.always())
            .build()) {
      Answer answer = cascade.evaluate(QUERY);
      assertThat(answer.outcome("slow").orElseThrow().status()).isEqualTo(StageStatus.TIMED_OUT);
      assertThat(answer.probability()).isEqualTo(0.25);
    }
  }

  @Test
  void aStageThatCannotFinishBeforeTheDeadlineIsSkipped() {
    ScriptedStage slow = ScriptedStage.answering(0.9).taking(Duration.ofMillis(150));
    ScriptedStage cheap = ScriptedStage.answering(0.6);
    try (Cascade cascade =
        Cascades.builder("skip")
            .deadline(Duration.ofMillis(400))
            .stage("slow", slow)
            .stage("cheap", cheap)
            .build()) {
      // The first query teaches the engine that 'slow' takes ~150 ms.
      assertThat(cascade.evaluate(QUERY).outcome("slow").orElseThrow().status()).isEqualTo(StageStatus.OK);

      // With 100 ms left, it is not started at all; the cheap stage still runs.
      Answer answer =
          cascade.evaluate(Query.builder(TestImages.notAnImage()).deadline(Instant.now().plusMillis(100)).build());
      StageOutcome skipped = answer.outcome("slow").orElseThrow();
      assertThat(skipped.status()).isEqualTo(StageStatus.SKIPPED);
      assertThat(skipped.detail()).startsWith("deadline: expected 15").contains("ms left");
      assertThat(answer.outcome("cheap").orElseThrow().status()).isEqualTo(StageStatus.OK);
      assertThat(answer.resolution()).isEqualTo(Resolution.DEADLINE);
      assertThat(slow.calls()).isEqualTo(1);
    }
  }

  @Test
  void fixedFallbackAnswersWhenNoStageHasAnOpinion() {
    try (Cascade cascade =
        Cascades.builder("fallback")
            .fallback(Fallback.fixed(0.42))
            .stage("broken", ScriptedStage.throwing(new IllegalArgumentException("bad")))
            .stage("silent", ScriptedStage.abstaining(), ExitPolicies.always())
            .build()) {
      Answer answer = cascade.evaluate(QUERY);
      assertThat(answer.probability()).isEqualTo(0.42);
      assertThat(answer.resolution()).isEqualTo(Resolution.FALLBACK);
      assertThat(answer.decider()).isEmpty();
    }
  }

  @Test
  void priorFallbackLearnsFromDecidedAnswers() {
    AtomicInteger calls = new AtomicInteger();
    // Answers 0.9 for the first 500 queries, then nothing.
    ScriptedStage stage =
        ScriptedStage.computing(ctx -> calls.incrementAndGet() <= 500 ? Evidence.of(0.9) : Evidence.abstain());
    try (Cascade cascade = Cascades.builder("prior").fallback(Fallback.prior(0.5)).stage("s", stage).build()) {
      for (int i = 0; i < 500; i++) {
        cascade.evaluate(QUERY);
      }
      Answer answer = cascade.evaluate(QUERY);
      assertThat(answer.resolution()).isEqualTo(Resolution.FALLBACK);
      assertThat(answer.probability()).isCloseTo(0.9, org.assertj.core.data.Offset.offset(0.01));
    }
  }

  @Test
  void stagesShareValuesThroughTheQueryContext() {
    ContextKey<String> decoded = ContextKey.of("decoded", String.class);
    AtomicInteger decodes = new AtomicInteger();
    ScriptedStage reader =
        ScriptedStage.computing(
            ctx -> {
              String value = ctx.computeIfAbsent(decoded, c -> {
                decodes.incrementAndGet();
                sleep(50);
                return "pixels of " + c.query().id();
              });
              return Evidence.of(0.5).withExtra("seen", value);
            });
    try (Cascade cascade =
        Cascades.builder("shared")
            .parallel("group", List.of(StageSpec.of("a", reader), StageSpec.of("b", reader),
                StageSpec.of("c", reader)), Ensembles.max(), ExitPolicies.never())
            .stage("d", reader)
            .build()) {
      Answer answer = cascade.evaluate(QUERY);
      assertThat(decodes).as("decoded once per query").hasValue(1);
      assertThat(answer.outcome("d").orElseThrow().evidence().extra("seen", String.class)).contains("pixels of q1");
    }
  }

  @Test
  void resourcesAreClosedWhenTheQueryEndsEvenAfterAnAbandonedStage() throws InterruptedException {
    AtomicInteger closed = new AtomicInteger();
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    ScriptedStage holder =
        ScriptedStage.computing(ctx -> {
          ctx.closeWhenDone(closed::incrementAndGet);
          try {
            release.await(); // ignores the deadline: keeps using its resource after the engine gave up
          } catch (InterruptedException e) {
            sleep(100); // still busy for a while after the interrupt
          }
          assertThat(closed).as("resource closed while the stage still ran").hasValue(0);
          return Evidence.of(0.5);
        });
    try (Cascade cascade =
        Cascades.builder("resources")
            .stage(StageSpec.of("holder", holder).withTimeout(Duration.ofMillis(50)), ExitPolicies.never())
            .build()) {
      Answer answer = cascade.evaluate(QUERY);
      assertThat(answer.trace().getFirst().status()).isEqualTo(StageStatus.TIMED_OUT);
      assertThat(closed).as("not closed while the abandoned stage runs").hasValue(0);
      for (int i = 0; i < 200 && closed.get() == 0; i++) {
        Thread.sleep(10);
      }
      assertThat(closed).as("closed once the abandoned stage ended").hasValue(1);
    }
  }

  @Test
  void closingClosesEveryStageOnceAndRejectsLaterQueries() {
    ScriptedStage shared = ScriptedStage.answering(0.5);
    ScriptedStage other = ScriptedStage.answering(0.5);
    Cascade cascade =
        Cascades.builder("close")
            .stage("a", shared)
            .parallel("g", List.of(StageSpec.of("b", other), StageSpec.of("c", shared)), Ensembles.min(),
                ExitPolicies.never())
            .build();
    cascade.evaluate(QUERY);
    cascade.close();
    cascade.close();
    assertThat(shared.closes()).isEqualTo(1);
    assertThat(other.closes()).isEqualTo(1);
    assertThatThrownBy(() -> cascade.evaluate(QUERY))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cascade 'close' is closed");
  }

  @Test
  void nullEvidenceAndThrowingPoliciesAndEnsemblesAreIsolated() {
    try (Cascade cascade =
        Cascades.builder("isolated")
            .stage("null", ScriptedStage.computing(ctx -> null))
            .stage("policy-throws", ScriptedStage.answering(0.2), step -> {
              throw new IllegalStateException("policy bug");
            })
            .parallel("g", List.of(StageSpec.of("m", ScriptedStage.answering(0.9))), members -> {
              throw new IllegalStateException("ensemble bug");
            }, ExitPolicies.always())
            .build()) {
      Answer answer = cascade.evaluate(QUERY);
      assertThat(answer.outcome("null").orElseThrow().detail()).isEqualTo("returned null instead of Evidence");
      assertThat(answer.outcome("g").orElseThrow().status()).isEqualTo(StageStatus.FAILED);
      assertThat(answer.probability()).isEqualTo(0.2);
      assertThat(answer.decidedBy()).isEqualTo("policy-throws");
    }
  }

  @Test
  void anInterruptedCallerGetsAnAnswerAtOnce() throws Exception {
    ScriptedStage stuck = ScriptedStage.hanging();
    try (Cascade cascade =
        Cascades.builder("interrupt")
            .stage("first", ScriptedStage.answering(0.3))
            .stage("stuck", stuck)
            .stage("later", ScriptedStage.answering(0.9))
            .build()) {
      java.util.concurrent.atomic.AtomicReference<Answer> answer = new java.util.concurrent.atomic.AtomicReference<>();
      java.util.concurrent.atomic.AtomicBoolean keptInterrupt = new java.util.concurrent.atomic.AtomicBoolean();
      Thread caller = Thread.ofPlatform().start(() -> {
        answer.set(cascade.evaluate(QUERY));
        keptInterrupt.set(Thread.currentThread().isInterrupted());
      });
      while (stuck.calls() == 0) {
        Thread.sleep(5);
      }
      caller.interrupt();
      caller.join(5_000);

      assertThat(caller.isAlive()).isFalse();
      assertThat(keptInterrupt).as("interrupt status kept").isTrue();
      assertThat(answer.get().probability()).isEqualTo(0.3);
      assertThat(answer.get().resolution()).isEqualTo(Resolution.DEADLINE);
      assertThat(answer.get().outcome("stuck").orElseThrow().detail()).isEqualTo("caller interrupted");
      assertThat(answer.get().outcome("later").orElseThrow().detail()).isEqualTo("caller interrupted");
    }
  }

  @Test
  void listenersSeeEveryTraceEntryAndTheirFailuresAreIgnored() {
    List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    CascadeListener recording =
        new CascadeListener() {
          @Override
          public void queryStarted(String cascade, Query query) {
            events.add("start " + cascade + " " + query.id());
          }

          @Override
          public void stageFinished(String cascade, Query query, StageOutcome outcome) {
            events.add(outcome.stage() + " " + outcome.status());
          }

          @Override
          public void answered(String cascade, Query query, Answer answer) {
            events.add("answer " + answer.decidedBy());
          }
        };
    CascadeListener throwing =
        new CascadeListener() {
          @Override
          public void stageFinished(String cascade, Query query, StageOutcome outcome) {
            throw new IllegalStateException("listener bug");
          }
        };
    try (Cascade cascade =
        Cascades.builder("listened")
            .listener(throwing)
            .listener(recording)
            .stage("a", ScriptedStage.answering(0.99), ExitPolicies.band(0.1, 0.9))
            .stage("b", ScriptedStage.answering(0.5))
            .build()) {
      cascade.evaluate(QUERY);
    }
    assertThat(events).containsExactly("start listened q1", "a OK", "b NOT_REACHED", "answer a");
  }

  /**
   * Thread-isolated stages in a row run on one virtual thread, not one each: the query's thread hands the walk over
   * once and watches it, so a query costs one hand-off however many such stages it runs.
   */
  @Test
  void consecutiveThreadIsolatedStagesShareOneHandOff() {
    List<Thread> ranOn = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    io.cascade4j.api.Stage recording = context -> {
      ranOn.add(Thread.currentThread());
      return Evidence.of(0.5);
    };
    try (Cascade cascade = Cascades.builder("handoff")
        .stage(StageSpec.of("a", recording), ExitPolicies.never())
        .stage(StageSpec.of("b", recording), ExitPolicies.never())
        .stage(StageSpec.of("c", recording), ExitPolicies.never()).build()) {
      for (int q = 0; q < 20; q++) {
        ranOn.clear();
        Answer answer = cascade.evaluate(QUERY);
        assertThat(answer.probability()).isEqualTo(0.5);
        assertThat(ranOn).hasSize(3).doesNotContain(Thread.currentThread());
        assertThat(java.util.Set.copyOf(ranOn)).as("threads the three stages ran on").hasSize(1);
      }
    }
  }

  /**
   * The watcher still enforces every stage's own limit: after a slow stage with a long limit, a stage with a short one
   * that hangs is cut at its own limit (the runner wakes the watcher for it), and the walk goes on to the next stage
   * on a fresh runner.
   */
  @Test
  void aShortLimitAfterALongOneIsEnforcedAndTheWalkGoesOn() throws InterruptedException {
    java.util.concurrent.CountDownLatch interrupted = new java.util.concurrent.CountDownLatch(1);
    io.cascade4j.api.Stage hanging = context -> {
      try {
        Thread.sleep(10_000);
      } catch (InterruptedException e) {
        interrupted.countDown();
        throw e;
      }
      return Evidence.of(0.99);
    };
    try (Cascade cascade = Cascades.builder("limits").deadline(Duration.ofSeconds(5))
        .stage(StageSpec.of("slow", ScriptedStage.answering(0.4).taking(Duration.ofMillis(30)))
            .withTimeout(Duration.ofSeconds(3)), ExitPolicies.never())
        .stage(StageSpec.of("stuck", hanging).withTimeout(Duration.ofMillis(80)), ExitPolicies.never())
        .stage(StageSpec.of("after", ScriptedStage.answering(0.7)), ExitPolicies.never()).build()) {
      long start = System.nanoTime();
      Answer answer = cascade.evaluate(QUERY);
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(answer.outcome("slow").orElseThrow().status()).isEqualTo(StageStatus.OK);
      assertThat(answer.outcome("stuck").orElseThrow().status()).isEqualTo(StageStatus.TIMED_OUT);
      assertThat(answer.outcome("after").orElseThrow().status()).isEqualTo(StageStatus.OK);
      assertThat(answer.probability()).isEqualTo(0.7);
      assertThat(millis).as("answered soon after the stuck stage's own 80 ms limit, not the 3 s one before it")
          .isLessThan(2_000);
      assertThat(interrupted.await(5, java.util.concurrent.TimeUnit.SECONDS)).as("the stuck stage interrupted").isTrue();
    }
  }

  @Test
  void builderRejectsDuplicateNamesAndEmptyCascades() {
    assertThatThrownBy(() -> Cascades.builder("x").stage("a", ScriptedStage.answering(0.1))
            .stage("a", ScriptedStage.answering(0.2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already has a stage or group named 'a'");
    assertThatThrownBy(() -> Cascades.builder("x").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs at least one stage");
    assertThatThrownBy(() -> Cascades.builder("bad name"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 'bad name'");
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
