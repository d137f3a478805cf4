package io.cascade4j.core.tracing;

import io.cascade4j.api.Answer;
import io.cascade4j.api.Query;
import io.cascade4j.api.StageOutcome;
import io.cascade4j.api.StageStatus;
import io.cascade4j.core.CascadeListener;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Traces each query as an OpenTelemetry span ({@code cascade <name>}) with a child span per stage that ran
 * ({@code stage <name>}). The query span carries the answer ({@code cascade.probability}, {@code cascade.decided_by},
 * {@code cascade.resolution}); each stage span its {@code cascade.stage.status}, its evidence
 * ({@code cascade.stage.probability}, absent when it had no opinion) and {@code cascade.stage.decision} ({@code exit}
 * for the stage that answered, else {@code continue}); failed and timed-out stages are marked as errors.
 *
 * <p>Off unless added: OpenTelemetry is an optional dependency and the exporter is the application's choice (the
 * OpenTelemetry Java agent, or an SDK built in code).
 *
 * <pre>{@code
 * Tracer tracer = openTelemetry.getTracer("io.cascade4j");
 * Cascade cascade = Cascades.load(file, registry, new OpenTelemetryCascadeListener(tracer));
 * }</pre>
 *
 * <p>Stage spans are emitted when the answer is known, each with the start and end the stage really had.
 */
public final class OpenTelemetryCascadeListener implements CascadeListener {
  static final AttributeKey<String> CASCADE = AttributeKey.stringKey("cascade.name");
  static final AttributeKey<Double> PROBABILITY = AttributeKey.doubleKey("cascade.probability");
  static final AttributeKey<String> DECIDED_BY = AttributeKey.stringKey("cascade.decided_by");
  static final AttributeKey<String> RESOLUTION = AttributeKey.stringKey("cascade.resolution");
  static final AttributeKey<String> STAGE_STATUS = AttributeKey.stringKey("cascade.stage.status");
  static final AttributeKey<Double> STAGE_PROBABILITY = AttributeKey.doubleKey("cascade.stage.probability");
  static final AttributeKey<String> STAGE_DECISION = AttributeKey.stringKey("cascade.stage.decision");

  private final Tracer tracer;
  /** Per query in flight (by identity: a query's equality compares its image bytes): start, stages with ends. */
  private final Map<QueryKey, Pending> pending = new ConcurrentHashMap<>();

  private record QueryKey(Query query) {
    @Override
    public boolean equals(Object o) {
      return o instanceof QueryKey k && k.query == query;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(query);
    }
  }

  private record Finished(StageOutcome outcome, long endEpochNanos) {}

  private record Pending(long startEpochNanos, List<Finished> stages) {}

  /** Traces with {@code tracer}. */
  public OpenTelemetryCascadeListener(Tracer tracer) {
    this.tracer = Objects.requireNonNull(tracer, "tracer");
  }

  @Override
  public void queryStarted(String cascade, Query query) {
    pending.put(new QueryKey(query), new Pending(now(), java.util.Collections.synchronizedList(new ArrayList<>())));
  }

  @Override
  public void stageFinished(String cascade, Query query, StageOutcome outcome) {
    Pending p = pending.get(new QueryKey(query));
    if (p != null && outcome.status() != StageStatus.NOT_REACHED) {
      p.stages().add(new Finished(outcome, now()));
    }
  }

  @Override
  public void answered(String cascade, Query query, Answer answer) {
    Pending p = pending.remove(new QueryKey(query));
    long end = now();
    long start = p != null ? p.startEpochNanos() : end - answer.latency().toNanos();
    Span span = tracer.spanBuilder("cascade " + cascade).setSpanKind(SpanKind.INTERNAL)
        .setStartTimestamp(start, TimeUnit.NANOSECONDS).setAttribute(CASCADE, cascade)
        .setAttribute("cascade.query", query.id()).startSpan();
    span.setAttribute(PROBABILITY, answer.probability());
    span.setAttribute(DECIDED_BY, answer.decider().orElse("fallback"));
    span.setAttribute(RESOLUTION, answer.resolution().name().toLowerCase(Locale.ROOT));
    Context parent = Context.root().with(span);
    List<Finished> stages = p == null ? List.of() : List.copyOf(p.stages());
    for (Finished f : stages) {
      StageOutcome o = f.outcome();
      Span stage = tracer.spanBuilder("stage " + o.stage()).setParent(parent)
          .setStartTimestamp(f.endEpochNanos() - o.latency().toNanos(), TimeUnit.NANOSECONDS).startSpan();
      stage.setAttribute(STAGE_STATUS, o.status().name().toLowerCase(Locale.ROOT));
      o.evidence().probabilityIfAny().ifPresent(q -> stage.setAttribute(STAGE_PROBABILITY, q));
      stage.setAttribute(STAGE_DECISION, answer.decider().filter(o.stage()::equals).isPresent() ? "exit" : "continue");
      if (o.status() == StageStatus.FAILED || o.status() == StageStatus.TIMED_OUT) {
        stage.setStatus(StatusCode.ERROR, o.detail());
      }
      stage.end(f.endEpochNanos(), TimeUnit.NANOSECONDS);
    }
    span.end(end, TimeUnit.NANOSECONDS);
  }

  private static long now() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
