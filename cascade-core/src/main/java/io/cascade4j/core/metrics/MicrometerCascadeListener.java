package io.cascade4j.core.metrics;

import io.cascade4j.api.Answer;
import io.cascade4j.api.Query;
import io.cascade4j.api.StageOutcome;
import io.cascade4j.api.StageStatus;
import io.cascade4j.core.CascadeListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Records a cascade's work as Micrometer meters. Micrometer is an optional dependency of cascade-core: this class is
 * the only one that needs it. Every meter has a description (Prometheus HELP), the latencies are histograms with
 * fixed buckets (so a p99 comes out of Prometheus), and every series a stage can produce is registered at zero when
 * the cascade starts, so a rate over a counter that has not moved yet is 0, not missing.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@code cascade.stage.latency}</td><td>timer, histogram</td><td>cascade, stage, status (ok, failed,
 *       timed_out)</td></tr>
 *   <tr><td>{@code cascade.stage.failures}</td><td>counter</td><td>cascade, stage, reason (failed, timed_out)</td></tr>
 *   <tr><td>{@code cascade.stage.skips}</td><td>counter</td><td>cascade, stage</td></tr>
 *   <tr><td>{@code cascade.exits}</td><td>counter</td><td>cascade, stage (or {@code fallback}), resolution</td></tr>
 *   <tr><td>{@code cascade.answer.latency}</td><td>timer, histogram</td><td>cascade, resolution</td></tr>
 * </table>
 *
 * <p>Stages that an earlier exit made unnecessary ({@code NOT_REACHED}) are not counted; skips are those the
 * deadline cut.
 *
 * <pre>{@code
 * Cascade cascade = Cascades.load(file, registry, new MicrometerCascadeListener(meterRegistry));
 * }</pre>
 */
public final class MicrometerCascadeListener implements CascadeListener {
  /** Latency buckets from a fast inline gate (1 ms) to a slow VLM call near the deadline (10 s). */
  public static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
      Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
      Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
      Duration.ofSeconds(5), Duration.ofSeconds(10)};

  private static final List<String> STAGE_STATUSES = List.of("ok", "failed", "timed_out");
  private static final List<String> DECIDING = List.of("exit", "last_opinion", "deadline");

  private final MeterRegistry registry;

  /** Records into {@code registry}. */
  public MicrometerCascadeListener(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public void cascadeStarted(String cascade, List<String> stages) {
    for (String stage : stages) {
      for (String status : STAGE_STATUSES) {
        stageLatency(cascade, stage, status);
      }
      failures(cascade, stage, "failed");
      failures(cascade, stage, "timed_out");
      skips(cascade, stage);
      for (String resolution : DECIDING) {
        exits(cascade, stage, resolution);
      }
    }
    exits(cascade, "fallback", "fallback");
    for (Answer.Resolution resolution : Answer.Resolution.values()) {
      answerLatency(cascade, resolution.name().toLowerCase(Locale.ROOT));
    }
  }

  @Override
  public void stageFinished(String cascade, Query query, StageOutcome outcome) {
    if (outcome.status() == StageStatus.NOT_REACHED) {
      return;
    }
    if (outcome.status() == StageStatus.SKIPPED) {
      skips(cascade, outcome.stage()).increment();
      return;
    }
    String status = outcome.status().name().toLowerCase(Locale.ROOT);
    stageLatency(cascade, outcome.stage(), status).record(outcome.latency());
    if (outcome.status() != StageStatus.OK) {
      failures(cascade, outcome.stage(), status).increment();
    }
  }

  @Override
  public void answered(String cascade, Query query, Answer answer) {
    String resolution = answer.resolution().name().toLowerCase(Locale.ROOT);
    exits(cascade, answer.decider().orElse("fallback"), resolution).increment();
    answerLatency(cascade, resolution).record(answer.latency());
  }

  private Timer stageLatency(String cascade, String stage, String status) {
    return Timer.builder("cascade.stage.latency")
        .description("Time one stage took on one query, by how it ended")
        .tags("cascade", cascade, "stage", stage, "status", status)
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .register(registry);
  }

  private Counter failures(String cascade, String stage, String reason) {
    return Counter.builder("cascade.stage.failures")
        .description("Stage runs that failed or timed out; the cascade went on without them")
        .tags("cascade", cascade, "stage", stage, "reason", reason)
        .register(registry);
  }

  private Counter skips(String cascade, String stage) {
    return Counter.builder("cascade.stage.skips")
        .description("Stage runs left out because the query's deadline would not leave the stage enough time")
        .tags("cascade", cascade, "stage", stage)
        .register(registry);
  }

  private Counter exits(String cascade, String stage, String resolution) {
    return Counter.builder("cascade.exits")
        .description("Answers by the stage or group that decided them (fallback: no stage had an opinion)")
        .tags("cascade", cascade, "stage", stage, "resolution", resolution)
        .register(registry);
  }

  private Timer answerLatency(String cascade, String resolution) {
    return Timer.builder("cascade.answer.latency")
        .description("Time from a query's start to its answer, by how the answer was reached")
        .tags("cascade", cascade, "resolution", resolution)
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .register(registry);
  }
}
