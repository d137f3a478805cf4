package io.cascade4j.vision.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX files that DJL's OnnxRuntime 1.21 refuses, each for a reason users meet (made by
 * scripts/fixtures/onnx_load_errors.py with the onnx package), fail with a message naming the cause and the fix; the
 * same graph with its external data file beside it loads and runs.
 */
class OnnxLoadErrorsTest {
  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(OnnxLoadErrorsTest.class.getResource("/models/onnx-errors/" + name).toURI());
  }

  @Test
  void anOpsetNewerThanTheEngineRunsIsNamedWithTheOpsetToExportFor() {
    assertThatThrownBy(() -> PooledModel.load(fixture("opset23.onnx"), InferenceEngine.ONNX_RUNTIME, 1))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("opset23.onnx")
        .hasMessageContaining("uses ONNX opset 23")
        .hasMessageContaining("OnnxRuntime 1.21 runs opsets up to 22")
        .hasMessageContaining("opset_version=22");
  }

  @Test
  void aMissingExternalDataFileIsNamedWithWhereItWasLookedFor() {
    assertThatThrownBy(() -> PooledModel.load(fixture("moved.onnx"), InferenceEngine.ONNX_RUNTIME, 1))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("external data file 'original.onnx.data'")
        .hasMessageContaining("copy the data file with the .onnx");
  }

  @Test
  void withItsExternalDataBesideItTheModelLoadsAndRuns() throws Exception {
    assertThat(OnnxModelFile.read(fixture("external.onnx")).externalDataFiles()).containsExactly("external.onnx.data");
    try (PooledModel model = PooledModel.load(fixture("external.onnx"), InferenceEngine.ONNX_RUNTIME, 1)) {
      float[] out = model.run(new float[] {10, 20, 30, 40}, new long[] {1, 4}).values();
      assertThat(out).containsExactly(new float[] {11, 22, 33, 44}, within(0f));
    }
  }

  @Test
  void anOperatorTheEngineLacksIsNamedWithTheEngineVersion() {
    assertThatThrownBy(() -> PooledModel.load(fixture("unknown-op.onnx"), InferenceEngine.ONNX_RUNTIME, 1))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Cosine")
        .hasMessageContaining("OnnxRuntime 1.21 has no operator Cosine at opset 17")
        .hasMessageContaining("another opset_version (at most 22)");
  }

  @Test
  void aKnownOperatorFedATypeWithoutKernelSaysSoAndHowToAvoidIt() {
    assertThatThrownBy(() -> PooledModel.load(fixture("float64-cos.onnx"), InferenceEngine.ONNX_RUNTIME, 1))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Could not find an implementation for Cos(7)")
        .hasMessageContaining("knows operator Cos(7) but has no kernel for the input types")
        .hasMessageContaining("float64").hasMessageContaining("TorchScript trace");
  }

  @Test
  void theFileSummaryReadsOpsetsOperatorsOfARealExport() throws Exception {
    OnnxModelFile.Summary s = OnnxModelFile.read(GoldenModels.model("tiny-classifier.onnx"));
    assertThat(s.opsets()).containsKey("");
    assertThat(s.opsets().get("")).isBetween(7L, 22L);
    assertThat(s.operators()).contains("Conv");
    assertThat(s.externalDataFiles()).isEmpty();
  }

  @Test
  void bytesThatAreNoProtobufAreSaidToBeNoOnnxModel(@TempDir Path dir) throws IOException {
    Path junk = Files.writeString(dir.resolve("junk.onnx"), "not a model");
    assertThatThrownBy(() -> PooledModel.load(junk, InferenceEngine.ONNX_RUNTIME, 1))
        .hasMessageContaining("junk.onnx").hasMessageContaining("it is not an ONNX model");
  }
}
