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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A stage is never locked out by one cold or slow call: the deadline logic skips it while its estimate does not fit,
 * probes it again after a run of skips, and starts from the warm latency a stage reports.
 */
class LatencyRecoveryTest {
  private static Query query() {
    return Query.of(TestImages.png(TestImages.solid(4, 4, Color.GRAY)));
  }

  @Test
  void aStageWhoseColdCallTimedOutComesBackOnceItsWarmCallsFit() {
    AtomicInteger calls = new AtomicInteger();
    Stage coldThenWarm = context -> {
      Thread.sleep(calls.getAndIncrement() == 0 ? 600 : 2); // the first call pays for initialisation
      return Evidence.of(0.9);
    };
    List<StageStatus> statuses = new ArrayList<>();
    try (Cascade cascade = Cascades.builder("recovering").deadline(Duration.ofMillis(200))
        .stage(StageSpec.of("model", coldThenWarm), ExitPolicies.always()).build()) {
      for (int i = 0; i < 3 * LatencyEstimate.PROBE_AFTER_SKIPS; i++) {
        Answer answer = cascade.evaluate(query());
        statuses.add(answer.outcome("model").orElseThrow().status());
      }
    }
    assertThat(statuses.getFirst()).isEqualTo(StageStatus.TIMED_OUT);
    assertThat(statuses).contains(StageStatus.SKIPPED);
    // After the probe measured a warm call, the stage runs on every query.
    List<StageStatus> last = statuses.subList(statuses.size() - LatencyEstimate.PROBE_AFTER_SKIPS, statuses.size());
    assertThat(last).containsOnly(StageStatus.OK);
  }

  @Test
  void aStageThatKnowsItsWarmLatencyIsJudgedByIt() {
    AtomicInteger calls = new AtomicInteger();
    Stage slow = new Stage() {
      @Override
      public Evidence evaluate(QueryContext context) {
        calls.incrementAndGet();
        return Evidence.of(0.5);
      }

      @Override
      public Optional<Duration> expectedLatency() {
        return Optional.of(Duration.ofSeconds(5)); // measured at load: it never fits a 100 ms deadline
      }
    };
    try (Cascade cascade = Cascades.builder("warm").deadline(Duration.ofMillis(100))
        .stage(StageSpec.of("slow", slow), ExitPolicies.always()).build()) {
      Answer answer = cascade.evaluate(query());
      assertThat(answer.outcome("slow").orElseThrow().status()).isEqualTo(StageStatus.SKIPPED);
      assertThat(answer.outcome("slow").orElseThrow().detail()).contains("expected 5000.0 ms");
    }
    assertThat(calls).hasValue(0);
  }

  @Test
  void probesComeEveryRunOfSkipsAndAnObservationResetsTheCount() {
    LatencyEstimate estimate = new LatencyEstimate(Duration.ofSeconds(1).toNanos());
    int allowed = 0;
    for (int i = 0; i < 4 * LatencyEstimate.PROBE_AFTER_SKIPS; i++) {
      allowed += estimate.allows(Duration.ofMillis(100).toNanos()) ? 1 : 0;
    }
    assertThat(allowed).isEqualTo(4);
    assertThat(estimate.allows(0)).as("no time left: never").isFalse();
    estimate.observe(Duration.ofMillis(10).toNanos());
    assertThat(estimate.nanos()).isLessThan(Duration.ofSeconds(1).toNanos());
  }

  @Test
  void aCallCutOffAtItsLimitIsNotRetriedWithTheSameBudget() {
    // A first query's stage started 5 ms late (class loading) and was cut off at the 200 ms deadline; the next query
    // has 199 ms. Counting the cut-off call as its 195 ms would let the stage run, and be cut off, again.
    LatencyEstimate estimate = new LatencyEstimate();
    estimate.observeCutOff(Duration.ofMillis(195).toNanos());
    assertThat(estimate.allows(Duration.ofMillis(199).toNanos())).isFalse();
    estimate.observe(Duration.ofMillis(2).toNanos()); // a probe measures the warm stage
    assertThat(estimate.nanos()).as("the measurement replaces the guess").isEqualTo(Duration.ofMillis(2).toNanos());
  }
}
