package io.cascade4j.vision.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cascade4j.api.EncodedImage;
import io.cascade4j.api.Query;
import io.cascade4j.api.Settings;
import io.cascade4j.api.Stage;
import io.cascade4j.testkit.TestQueryContext;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * On a machine with a GPU the engine sees: the classifier on gpu0 answers as on the CPU. Skipped elsewhere (CI has no
 * GPU; scripts/gpu/ proves the GPU path on a real one).
 */
class GpuStageTest {
  @Test
  void theClassifierOnGpu0AnswersAsOnTheCpu() throws Exception {
    Assumptions.assumeTrue(ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount() > 0, "no GPU here");
    byte[] png = ClassifierStageTest.smallPng();
    double[] answers = new double[2];
    String[] devices = {"cpu", "gpu0"};
    for (int i = 0; i < devices.length; i++) {
      Map<String, Object> settings = new java.util.HashMap<>(ClassifierStageTest.settings("tiny-classifier.pt",
          Map.of("device", devices[i])));
      try (Stage stage = new ClassifierStageProvider().create(Settings.of(settings))) {
        answers[i] = stage.evaluate(TestQueryContext.of(Query.of(EncodedImage.png(png)))).probability();
      }
    }
    assertThat(answers[1]).isCloseTo(answers[0], within(1e-5));
  }
}
