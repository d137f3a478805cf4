package io.cascade4j.vision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.core.EngineSections;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine: section, applied through the SPI: before a model loads it takes effect, after it a change is refused. */
class EngineSettingsTest {
  @AfterEach
  void backToDefaults() {
    EngineSettings.resetForTest();
    EngineSettings.modelLoaded(); // as the other tests of this JVM left it
    // Leave no engine property behind for an engine that starts after this test.
    System.clearProperty("ai.djl.pytorch.num_interop_threads");
    System.clearProperty("ai.djl.pytorch.cudnn_benchmark");
  }

  @Test
  void aSectionAppliesBeforeTheFirstModelAndIsRefusedAfterIt() throws Exception {
    EngineSettings.resetForTest();
    EngineSections.apply(Map.of("pytorch", Map.of("inter-op-threads", 1, "cudnn-benchmark", false),
        "onnxruntime", Map.of("intra-op-threads", 3, "execution-provider", "tensorrt")), "engine");
    assertThat(System.getProperty("ai.djl.pytorch.num_interop_threads")).isEqualTo("1");
    assertThat(System.getProperty("ai.djl.pytorch.cudnn_benchmark")).isEqualTo("false");
    assertThat(EngineSettings.current().onnxRuntimeOptions(true))
        .containsEntry("intraOpNumThreads", "3").containsEntry("ortDevice", "TensorRT");
    assertThat(EngineSettings.current().onnxRuntimeOptions(false)).doesNotContainKey("ortDevice");

    EngineSettings.modelLoaded();
    // The same section again (a reload of the same file) is fine; a different one is refused, not ignored.
    EngineSections.apply(Map.of("pytorch", Map.of("inter-op-threads", 1, "cudnn-benchmark", false),
        "onnxruntime", Map.of("intra-op-threads", 3, "execution-provider", "tensorrt")), "engine");
    assertThatThrownBy(() -> EngineSections.apply(Map.of("onnxruntime", Map.of("intra-op-threads", 8)), "engine"))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("restart the process");
  }

  @Test
  void everyProblemHasItsKeyPath() {
    assertThatThrownBy(() -> EngineSections.apply(Map.of("tensorflow", Map.of(), "pytorch",
        Map.of("cuda-streams", "maybe", "threads", 4), "onnxruntime", Map.of("execution-provider", "rocm")),
        "engine"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("engine.tensorflow: no engine reads this section; known: decoding, onnxruntime, pytorch")
        .hasMessageContaining("engine.pytorch.cuda-streams: cuda-streams must be auto, true or false")
        .hasMessageContaining("engine.pytorch.threads")
        .hasMessageContaining("engine.onnxruntime.execution-provider");
  }

  @Test
  void cudaStreamsFollowTheirSetting() {
    assertThat(EngineSettings.builder().build().cudaStreamsFor(true, 2)).isTrue();
    assertThat(EngineSettings.builder().build().cudaStreamsFor(true, 1)).isFalse();
    assertThat(EngineSettings.builder().build().cudaStreamsFor(false, 4)).isFalse();
    assertThat(EngineSettings.builder().cudaStreams("false").build().cudaStreamsFor(true, 4)).isFalse();
  }
}
