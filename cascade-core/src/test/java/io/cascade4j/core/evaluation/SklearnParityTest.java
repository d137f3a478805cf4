package io.cascade4j.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The metrics and the SN72 reward against golden values from scikit-learn, made by
 * {@code scripts/fixtures/evaluation_metrics.py}.
 */
class SklearnParityTest {
  private static final double EXACT = 1e-12;




  @Test
  void metricsEqualScikitLearns() throws Exception {
    JsonNode cases = GoldenValues.load("metrics");
    assertThat(cases).hasSizeGreaterThan(5);
    for (JsonNode c : cases) {
      BinaryMetrics m = BinaryMetrics.of(GoldenValues.doubles(c.get("probabilities")), GoldenValues.ints(c.get("labels")));
      String name = c.get("name").asText();
      assertThat(m.accuracy()).as(name).isCloseTo(c.get("accuracy").asDouble(), offset(EXACT));
      assertThat(m.precision()).as(name).isCloseTo(c.get("precision").asDouble(), offset(EXACT));
      assertThat(m.recall()).as(name).isCloseTo(c.get("recall").asDouble(), offset(EXACT));
      assertThat(m.f1()).as(name).isCloseTo(c.get("f1").asDouble(), offset(EXACT));
      assertThat(m.mcc()).as(name).isCloseTo(c.get("mcc").asDouble(), offset(EXACT));
      assertThat(m.brier()).as(name).isCloseTo(c.get("brier").asDouble(), offset(EXACT));
      assertThat(m.expectedCalibrationError()).as(name).isCloseTo(c.get("ece").asDouble(), offset(EXACT));
      if (c.get("roc_auc").isNull()) {
        assertThat(m.rocAuc()).as(name).isNaN();
      } else {
        assertThat(m.rocAuc()).as(name).isCloseTo(c.get("roc_auc").asDouble(), offset(EXACT));
      }
      int[] confusion = GoldenValues.ints(c.get("confusion"));
      assertThat(m.confusion()).as(name).isEqualTo(
          new BinaryMetrics.ConfusionMatrix(confusion[0], confusion[1], confusion[2], confusion[3]));
    }
  }

  @Test
  void sn72RewardsFollowTheValidator() throws Exception {
    for (JsonNode trajectory : GoldenValues.load("sn72")) {
      Sn72Scorer scorer = new Sn72Scorer();
      double[] predictions = GoldenValues.doubles(trajectory.get("predictions"));
      int[] labels = GoldenValues.ints(trajectory.get("labels"));
      double[] rewards = GoldenValues.doubles(trajectory.get("rewards"));
      double[] scores = GoldenValues.doubles(trajectory.get("scores"));
      for (int i = 0; i < predictions.length; i++) {
        assertThat(scorer.record(predictions[i], labels[i])).as("reward %d", i).isCloseTo(rewards[i], offset(EXACT));
        assertThat(scorer.score()).as("score %d", i).isCloseTo(scores[i], offset(EXACT));
      }
    }
  }

  @Test
  void halfRoundsToNoRoadworkAndBadInputIsRefused() {
    assertThat(Sn72Scorer.predictedLabel(0.5)).isZero();
    assertThat(Sn72Scorer.predictedLabel(Math.nextUp(0.5))).isOne();
    assertThat(Sn72Scorer.isAnswer(-1)).isFalse();
    assertThat(Sn72Scorer.isAnswer(Double.NaN)).isFalse();
    assertThat(new Sn72Scorer().record(1.2, 1)).as("out of range scores 0").isZero();
    assertThatThrownBy(() -> BinaryMetrics.of(new double[] {0.5}, new int[] {2})).hasMessageContaining("0 or 1");
    assertThatThrownBy(() -> BinaryMetrics.of(new double[] {1.5}, new int[] {1})).hasMessageContaining("[0, 1]");
    assertThatThrownBy(() -> BinaryMetrics.of(new double[] {0.5, 0.1}, new int[] {1})).hasMessageContaining("pair up");
  }
}
