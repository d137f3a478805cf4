package io.cascade4j.vision.model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A TorchScript file calling an operator libtorch 2.7.1 does not know (made by
 * scripts/fixtures/torchscript_unknown_op.py, standing for an operator newer than the libtorch DJL runs) fails with a
 * message naming the operator, the libtorch version and the two ways out.
 */
class TorchScriptLoadErrorsTest {
  @Test
  void anOperatorLibtorchDoesNotKnowIsNamedWithTheFix() throws Exception {
    Path file = Path.of(TorchScriptLoadErrorsTest.class.getResource("/models/torchscript-errors/unknown-op.pt")
        .toURI());
    assertThatThrownBy(() -> PooledModel.load(file, InferenceEngine.PYTORCH, 1))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cascade4j_fixtures::shift")
        .hasMessageContaining("unknown to libtorch 2.7.1")
        .hasMessageContaining("export with torch 2.7.1")
        .hasMessageContaining("opset at most 22");
  }
}
