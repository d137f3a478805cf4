package io.cascade4j.vision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.Settings;
import io.cascade4j.vision.stage.ClassifierStageProvider;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The device setting: DJL Serving's syntax, checked against what the engine sees, never DJL's silent default. */
class DevicePlacementTest {
  private static final DevicePlacement.Inventory TWO_GPUS = new DevicePlacement.Inventory(2, "test engine (CUDA)");
  private static final DevicePlacement.Inventory NO_GPU = new DevicePlacement.Inventory(0, "test engine (CPU-only)");

  @Test
  void parsesTheLoadOnDevicesSyntax() {
    assertThat(DevicePlacement.parse("cpu", NO_GPU)).containsExactly(Device.cpu());
    assertThat(DevicePlacement.parse("gpu", TWO_GPUS)).containsExactly(Device.gpu(0));
    assertThat(DevicePlacement.parse("GPU1", TWO_GPUS)).containsExactly(Device.gpu(1));
    assertThat(DevicePlacement.parse("gpu0;gpu1", TWO_GPUS)).containsExactly(Device.gpu(0), Device.gpu(1));
    assertThat(DevicePlacement.parse("gpu1; gpu1", TWO_GPUS)).containsExactly(Device.gpu(1));
  }

  @Test
  void aMissingGpuOrABadValueSaysWhatWasFoundAndWhatToSet() {
    assertThatThrownBy(() -> DevicePlacement.parse("gpu2", TWO_GPUS))
        .hasMessageContaining("asks for gpu2").hasMessageContaining("test engine (CUDA) sees 2 GPU(s)")
        .hasMessageContaining("set device: cpu");
    assertThatThrownBy(() -> DevicePlacement.parse("gpu", NO_GPU)).hasMessageContaining("sees 0 GPU(s)");
    assertThatThrownBy(() -> DevicePlacement.parse("cuda:0", TWO_GPUS)).hasMessageContaining("not a device");
    assertThatThrownBy(() -> DevicePlacement.parse("cpu;gpu0", TWO_GPUS)).hasMessageContaining("mixes");
  }

  @Test
  void aStageOnAGpuThisMachineLacksFailsAtLoadNamingTheStageKeyAndTheEngine() {
    Map<String, Object> settings = new HashMap<>(Map.of("model", GoldenModels.model("tiny-classifier.pt").toString(),
        "preprocessing", Map.of("resize", "exact", "width", 32, "height", 32, "normalization", "imagenet"),
        "device", "gpu0"));
    int gpus = ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount();
    org.junit.jupiter.api.Assumptions.assumeTrue(gpus == 0, "this machine has a GPU");
    assertThatThrownBy(() -> new ClassifierStageProvider().create(Settings.of("stages[0]", settings)))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
            .extracting(p -> p.path() + ": " + p.message()).singleElement().asString()
            .startsWith("stages[0].device: asks for gpu0, but DJL's PyTorch engine 2.7.1")
            .contains("sees 0 GPU(s)"));
  }

  @Test
  void workersAndWarmUpAreSettingsAndPoolSizeStaysTheOlderName() throws Exception {
    Map<String, Object> base = new HashMap<>(Map.of("model", GoldenModels.model("tiny-classifier.onnx").toString(),
        "preprocessing", Map.of("resize", "exact", "width", 32, "height", 32, "normalization", "imagenet")));
    Map<String, Object> both = new HashMap<>(base);
    both.putAll(Map.of("workers", 2, "pool-size", 3));
    assertThatThrownBy(() -> new ClassifierStageProvider().create(Settings.of(both)))
        .hasMessageContaining("pool-size: is the older name of workers");
    Map<String, Object> cold = new HashMap<>(base);
    cold.putAll(Map.of("workers", 3, "warm-up", 0));
    try (var stage = new ClassifierStageProvider().create(Settings.of(cold))) {
      assertThat(stage.expectedLatency()).as("no warm-up, no warm latency").isEmpty();
    }
  }
}
