package io.cascade4j.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LearnThenTestTest {
  /**
   * A world with known truth: the full cascade's decision is a coin flip; the stage sees it through noise, so its
   * confident answers are mostly but not always right.
   */
  private static void draw(Random random, double[] stage, int[] full) {
    for (int i = 0; i < stage.length; i++) {
      full[i] = random.nextInt(2);
      double z = (full[i] == 1 ? 1.0 : -1.0) + random.nextGaussian() * 1.1;
      stage[i] = 1 / (1 + Math.exp(-2 * z));
    }
  }

  private static double trueRisk(double margin, Random random) {
    double[] stage = new double[200_000];
    int[] full = new int[stage.length];
    draw(random, stage, full);
    int wrong = 0;
    for (int i = 0; i < stage.length; i++) {
      if ((stage[i] <= 0.5 - margin || stage[i] >= 0.5 + margin) && (stage[i] > 0.5 ? 1 : 0) != full[i]) {
        wrong++;
      }
    }
    return (double) wrong / stage.length;
  }

  @Test
  void theGuaranteeHoldsOnFreshDataAtTheStatedRate() {
    double alpha = 0.05;
    double delta = 0.1;
    Random random = new Random(2026);
    int repetitions = 200;
    int violations = 0;
    int exitsSomething = 0;
    for (int r = 0; r < repetitions; r++) {
      double[] stage = new double[400];
      int[] full = new int[400];
      draw(random, stage, full);
      LearnThenTest.Choice choice = LearnThenTest.choose(stage, full, alpha, delta, 100);
      if (choice.margin() < 0.5) {
        exitsSomething++;
      }
      if (trueRisk(choice.margin(), random) > alpha) {
        violations++;
      }
    }
    // At most delta of the repetitions may violate the bound; allow three standard errors of sampling noise.
    double slack = 3 * Math.sqrt(delta * (1 - delta) / repetitions);
    assertThat((double) violations / repetitions).isLessThanOrEqualTo(delta + slack);
    assertThat(exitsSomething).as("the method is not vacuous: it does choose exits").isGreaterThan(repetitions / 2);
  }

  @Test
  void binomialTailsAreExact() {
    assertThat(LearnThenTest.binomialCdf(0, 10, 0.5)).isCloseTo(1 / 1024.0, offset(1e-15));
    assertThat(LearnThenTest.binomialCdf(10, 10, 0.3)).isCloseTo(1.0, offset(1e-12));
    assertThat(LearnThenTest.binomialCdf(2, 5, 0.2)).isCloseTo(0.94208, offset(1e-12));
  }

  @Test
  void withoutEnoughEvidenceNothingExits() {
    LearnThenTest.Choice choice = LearnThenTest.choose(new double[] {0.9, 0.1, 0.8}, new int[] {1, 0, 0}, 0.01, 0.05,
        50);
    assertThat(choice.margin()).isEqualTo(0.5);
    assertThat(choice.guarantee()).contains("3 calibration queries").contains("never exits");
  }
}
