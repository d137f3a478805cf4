package io.cascade4j.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's ROC and precision-recall points, worked out by hand; tied probabilities make one point. */
class EvaluationPageCurvesTest {
  private static final double[] P = {0.9, 0.8, 0.8, 0.3};
  private static final int[] Y = {1, 0, 1, 0};

  @Test
  void rocPointsStartAtTheOriginAndTakeTiesTogether() {
    List<double[]> roc = EvaluationPage.rocPoints(P, Y);
    assertThat(roc).containsExactly(new double[] {0, 0}, new double[] {0, 0.5}, new double[] {0.5, 1},
        new double[] {1, 1});
  }

  @Test
  void precisionRecallPointsFollowTheThresholds() {
    List<double[]> pr = EvaluationPage.prPoints(P, Y);
    assertThat(pr).containsExactly(new double[] {0.5, 1}, new double[] {1, 2.0 / 3}, new double[] {1, 0.5});
  }
}
