package io.cascade4j.core.metrics;

import io.cascade4j.api.Answer;
import io.cascade4j.api.Query;
import io.cascade4j.api.StageOutcome;
import io.cascade4j.api.StageStatus;
import io.cascade4j.core.CascadeListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Objects;

/**
 * Records a cascade's work as Micrometer meters. Micrometer is an optional dependency of cascade-core: this class is
 * the only one that needs it.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@code cascade.stage.latency}</td><td>timer</td><td>cascade, stage, status (ok, failed, timed_out)</td></tr>
 *   <tr><td>{@code cascade.stage.failures}</td><td>counter</td><td>cascade, stage, reason (failed, timed_out)</td></tr>
 *   <tr><td>{@code cascade.stage.skips}</td><td>counter</td><td>cascade, stage</td></tr>
 *   <tr><td>{@code cascade.exits}</td><td>counter</td><td>cascade, stage (or {@code fallback}), resolution</td></tr>
 *   <tr><td>{@code cascade.answer.latency}</td><td>timer</td><td>cascade, resolution</td></tr>
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
  private final MeterRegistry registry;

  /** Records into {@code registry}. */
  public MicrometerCascadeListener(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public void stageFinished(String cascade, Query query, StageOutcome outcome) {
    String status = outcome.status().name().toLowerCase(Locale.ROOT);
    if (outcome.status() == StageStatus.NOT_REACHED) {
      return;
    }
    if (outcome.status() == StageStatus.SKIPPED) {
      registry.counter("cascade.stage.skips", "cascade", cascade, "stage", outcome.stage()).increment();
      return;
    }
    Timer.builder("cascade.stage.latency")
        .tags("cascade", cascade, "stage", outcome.stage(), "status", status)
        .register(registry)
        .record(outcome.latency());
    if (outcome.status() != StageStatus.OK) {
      registry
          .counter("cascade.stage.failures", "cascade", cascade, "stage", outcome.stage(), "reason", status)
          .increment();
    }
  }

  @Override
  public void answered(String cascade, Query query, Answer answer) {
    String resolution = answer.resolution().name().toLowerCase(Locale.ROOT);
    registry
        .counter(
            "cascade.exits",
            "cascade", cascade,
            "stage", answer.decider().orElse("fallback"),
            "resolution", resolution)
        .increment();
    Timer.builder("cascade.answer.latency")
        .tags("cascade", cascade, "resolution", resolution)
        .register(registry)
        .record(answer.latency());
  }
}
