package io.cascade4j.examples.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade4j.api.Evidence;
import io.cascade4j.api.Query;
import io.cascade4j.api.Settings;
import io.cascade4j.api.Stage;
import io.cascade4j.api.StageProvider;
import io.cascade4j.testkit.StageProviderCompatibilityKit;
import io.cascade4j.testkit.TestImages;
import io.cascade4j.testkit.TestQueryContext;
import java.awt.Color;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example plugin passes the same kit as every built-in, plus checks of its own. */
class SafetyColourStageProviderTest extends StageProviderCompatibilityKit {
  @Override
  protected StageProvider provider() {
    return new SafetyColourStageProvider();
  }

  @Override
  protected Map<String, Object> validSettings() {
    return Map.of("threshold", 0.004);
  }

  @Override
  protected Map<String, Object> invalidSettings() {
    return Map.of("hue-min", 40, "hue-max", 30, "threshold", 2);
  }

  private static double evaluate(Stage stage, java.awt.image.BufferedImage image) throws Exception {
    try (TestQueryContext context = TestQueryContext.of(Query.of(TestImages.png(image)))) {
      return stage.evaluate(context).probability();
    }
  }

  @Test
  void orangeConesRaiseTheProbability() throws Exception {
    Stage stage = createStage();
    assertThat(evaluate(stage, TestImages.scene(224, 224, true, 5))).isGreaterThan(0.95);
    assertThat(evaluate(stage, TestImages.scene(224, 224, false, 5))).isLessThan(0.05);
    assertThat(evaluate(stage, TestImages.solid(50, 50, TestImages.SAFETY_ORANGE))).isGreaterThan(0.99);
    assertThat(evaluate(stage, TestImages.solid(50, 50, Color.BLUE))).isLessThan(0.05);
  }

  @Test
  void reportsTheColourShareAsAnExtra() throws Exception {
    Stage stage = createStage();
    try (TestQueryContext context = TestQueryContext.of(Query.of(TestImages.png(
        TestImages.solid(10, 10, TestImages.SAFETY_ORANGE))))) {
      Evidence evidence = stage.evaluate(context);
      assertThat(evidence.extra("colour-share", Double.class)).contains(1.0);
      assertThat(context.get(DecodedImages.DECODED)).as("decoded image shared through the context").isPresent();
    }
  }

  @Test
  void refusesImagesOverItsLimitsBeforeDecoding() throws Exception {
    Stage stage = provider().create(Settings.of(Map.of("max-pixels", 100, "max-bytes", 1_000_000)));
    try (TestQueryContext context = TestQueryContext.of(Query.of(TestImages.png(TestImages.gradient(20, 20))))) {
      assertThatThrownBy(() -> stage.evaluate(context))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("image has 400 pixels; this stage accepts at most 100");
    }
  }
}
