package io.cascade4j.core.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade4j.api.Cascade;
import io.cascade4j.api.Evidence;
import io.cascade4j.api.Query;
import io.cascade4j.api.Stage;
import io.cascade4j.core.Cascades;
import io.cascade4j.core.Isolation;
import io.cascade4j.core.StageSpec;
import io.cascade4j.core.policy.ExitPolicies;
import io.cascade4j.testkit.TestImages;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.awt.Color;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A query traced through the listener hook into OpenTelemetry's in-memory exporter. */
class OpenTelemetryCascadeListenerTest {
  @Test
  void aQueryIsASpanWithAChildPerStageCarryingDecisionEvidenceAndStatus() {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    List<SpanData> spans;
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()) {
      Stage broken = context -> {
        throw new IllegalStateException("model crashed");
      };
      Stage gate = context -> Evidence.of(0.5);
      Stage judge = context -> Evidence.of(0.97);
      Stage never = context -> Evidence.of(0.1);
      try (Cascade cascade = Cascades.builder("roadwork")
          .stage(StageSpec.of("broken", broken).withIsolation(Isolation.INLINE), ExitPolicies.band(0.1, 0.9))
          .stage(StageSpec.of("gate", gate).withIsolation(Isolation.INLINE), ExitPolicies.band(0.1, 0.9))
          .stage(StageSpec.of("judge", judge).withIsolation(Isolation.INLINE), ExitPolicies.band(0.1, 0.9))
          .stage(StageSpec.of("never", never).withIsolation(Isolation.INLINE), ExitPolicies.always())
          .listener(new OpenTelemetryCascadeListener(provider.get("io.cascade4j")))
          .build()) {
        cascade.evaluate(Query.of(TestImages.png(TestImages.solid(4, 4, Color.GRAY))));
      }
      spans = exporter.getFinishedSpanItems(); // before the provider's close shuts the exporter and empties it
    }
    Map<String, SpanData> byName = spans.stream().collect(Collectors.toMap(SpanData::getName, s -> s));
    assertThat(byName).containsOnlyKeys("cascade roadwork", "stage broken", "stage gate", "stage judge");
    SpanData query = byName.get("cascade roadwork");
    assertThat(query.getAttributes().get(OpenTelemetryCascadeListener.DECIDED_BY)).isEqualTo("judge");
    assertThat(query.getAttributes().get(OpenTelemetryCascadeListener.PROBABILITY)).isEqualTo(0.97);
    assertThat(query.getAttributes().get(OpenTelemetryCascadeListener.RESOLUTION)).isEqualTo("exit");
    for (String stage : List.of("stage broken", "stage gate", "stage judge")) {
      SpanData s = byName.get(stage);
      assertThat(s.getParentSpanId()).isEqualTo(query.getSpanId());
      assertThat(s.getTraceId()).isEqualTo(query.getTraceId());
      assertThat(s.getStartEpochNanos()).isGreaterThanOrEqualTo(query.getStartEpochNanos());
      assertThat(s.getEndEpochNanos()).isLessThanOrEqualTo(query.getEndEpochNanos());
    }
    SpanData broken = byName.get("stage broken");
    assertThat(broken.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(broken.getAttributes().get(OpenTelemetryCascadeListener.STAGE_STATUS)).isEqualTo("failed");
    assertThat(broken.getAttributes().get(OpenTelemetryCascadeListener.STAGE_PROBABILITY)).isNull();
    assertThat(byName.get("stage gate").getAttributes().get(OpenTelemetryCascadeListener.STAGE_DECISION))
        .isEqualTo("continue");
    assertThat(byName.get("stage gate").getAttributes().get(OpenTelemetryCascadeListener.STAGE_PROBABILITY))
        .isEqualTo(0.5);
    assertThat(byName.get("stage judge").getAttributes().get(OpenTelemetryCascadeListener.STAGE_DECISION))
        .isEqualTo("exit");
  }
}
