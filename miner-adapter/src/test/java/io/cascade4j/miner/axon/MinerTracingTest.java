package io.cascade4j.miner.axon;

import static io.cascade4j.miner.axon.MinerFixture.VALIDATOR;
import static io.cascade4j.miner.axon.MinerFixture.redJpeg;
import static org.assertj.core.api.Assertions.assertThat;

import io.cascade4j.bittensor.protocol.ImageSynapse;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tracing: {enabled: true}}: each answered request is a trace in the process's OpenTelemetry. */
class MinerTracingTest {
  @Test
  void anAnsweredRequestIsTracedWithItsStages(@TempDir Path dir) throws Exception {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    SdkTracerProvider provider =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    GlobalOpenTelemetry.resetForTest();
    GlobalOpenTelemetry.set(OpenTelemetrySdk.builder().setTracerProvider(provider).build());
    try (MinerFixture fixture = new MinerFixture(dir, Map.of("tracing", Map.of("enabled", true)),
        "stages:\n  - {name: redness, type: test-redness, exit: always}\n")) {
      assertThat(fixture.call(VALIDATOR, ImageSynapse.request(redJpeg(200), 9.0)).status()).isEqualTo(200);
      List<SpanData> spans = exporter.getFinishedSpanItems();
      assertThat(spans).extracting(SpanData::getName).contains("cascade cascade", "stage redness");
    } finally {
      GlobalOpenTelemetry.resetForTest();
      provider.close();
    }
  }

  @Test
  void offByDefault(@TempDir Path dir) throws Exception {
    assertThat(MinerConfig.parse(Map.of("cascade", "c.yaml", "axons", List.of(Map.of("hotkey",
        MinerFixture.AXON_HOTKEY))), dir, name -> null).tracing()).isFalse();
  }
}
