package io.cascade4j.vision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PooledModelTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({"tiny-classifier.pt", "tiny-classifier.onnx", "tiny-backbone.pt", "tiny-backbone.onnx"})
  void matchesPythonWithin1e5(String file) throws Exception {
    try (PooledModel model = PooledModel.load(GoldenModels.model(file), InferenceEngine.select("auto",
        Path.of(file)), 2)) {
      float[] out = model.run(GoldenModels.input(), GoldenModels.inputShape()).values();
      float[] expected = GoldenModels.output(file.substring(0, file.lastIndexOf('.')));
      assertThat(out).hasSameSizeAs(expected);
      for (int i = 0; i < out.length; i++) {
        assertThat(out[i]).as("output %d", i).isCloseTo(expected[i], within(1e-5f));
      }
    }
  }

  @Test
  void missingAndCorruptFilesSayWhich(@TempDir Path dir) throws IOException {
    assertThatThrownBy(() -> PooledModel.load(dir.resolve("nope.pt"), InferenceEngine.PYTORCH, 1))
        .isInstanceOf(IOException.class).hasMessageContaining("nope.pt").hasMessageContaining("does not exist");
    Path junk = Files.writeString(dir.resolve("junk.onnx"), "not a model");
    assertThatThrownBy(() -> PooledModel.load(junk, InferenceEngine.ONNX_RUNTIME, 1))
        .isInstanceOf(IOException.class).hasMessageContaining("junk.onnx").hasMessageContaining("OnnxRuntime");
  }

  @Test
  void engineIsChosenByExtensionOrName() {
    assertThat(InferenceEngine.select("auto", Path.of("m.onnx"))).isEqualTo(InferenceEngine.ONNX_RUNTIME);
    assertThat(InferenceEngine.select("auto", Path.of("m.torchscript"))).isEqualTo(InferenceEngine.PYTORCH);
    assertThat(InferenceEngine.select("PyTorch", Path.of("m.bin"))).isEqualTo(InferenceEngine.PYTORCH);
    assertThatThrownBy(() -> InferenceEngine.select("auto", Path.of("m.bin"))).hasMessageContaining("engine:");
  }
}
