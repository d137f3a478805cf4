package io.cascade4j.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.cascade4j.core.OperatingPoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Calibration fits against scikit-learn, and the operating-point remap. */
class CalibrationTest {



  @Test
  void plattTemperatureAndIsotonicEqualScikitLearn() throws Exception {
    for (JsonNode c : GoldenValues.load("calibration")) {
      double[] p = GoldenValues.doubles(c.get("probabilities"));
      int[] y = GoldenValues.ints(c.get("labels"));
      double[] grid = GoldenValues.doubles(c.get("grid"));
      Calibrators.Logistic platt = Calibrators.platt(p, y);
      assertThat(platt.slope()).isCloseTo(c.at("/platt/slope").asDouble(), offset(1e-5));
      assertThat(platt.intercept()).isCloseTo(c.at("/platt/intercept").asDouble(), offset(1e-5));
      Calibrators.Logistic temperature = Calibrators.temperature(p, y);
      assertThat(temperature.slope()).isCloseTo(c.at("/temperature/slope").asDouble(), offset(1e-5));
      assertThat(temperature.intercept()).isZero();
      Calibrators.Isotonic isotonic = Calibrators.isotonic(p, y);
      for (int i = 0; i < grid.length; i++) {
        assertThat(platt.apply(grid[i])).as("platt at %s", grid[i])
            .isCloseTo(c.at("/platt/grid/" + i).asDouble(), offset(1e-5)); // lbfgs stops at its tolerance
        assertThat(temperature.apply(grid[i])).isCloseTo(c.at("/temperature/grid/" + i).asDouble(), offset(1e-5));
        assertThat(isotonic.apply(grid[i])).as("isotonic at %s", grid[i])
            .isCloseTo(c.at("/isotonic/grid/" + i).asDouble(), offset(1e-12));
      }
      for (int i = 0; i < p.length; i++) {
        assertThat(isotonic.apply(p[i])).isCloseTo(c.at("/isotonic/train/" + i).asDouble(), offset(1e-12));
      }
    }
  }

  @Test
  void theRemapPutsTheCutAtOneHalfAndKeepsEveryDecision() {
    OperatingPoint point = new OperatingPoint(0.72);
    assertThat(point.remap(0.72)).isGreaterThan(0.5);
    assertThat(Sn72Scorer.predictedLabel(point.remap(0.72))).isOne();
    assertThat(Sn72Scorer.predictedLabel(point.remap(Math.nextDown(0.72)))).isZero();
    assertThat(point.remap(0.0)).isZero();
    assertThat(point.remap(1.0)).isEqualTo(1.0);
    double previous = -1;
    for (int i = 0; i <= 1000; i++) {
      double p = i / 1000.0;
      double r = point.remap(p);
      assertThat(r).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(previous);
      assertThat(r > 0.5).isEqualTo(p >= 0.72);
      previous = r;
    }
    assertThatThrownBy(() -> new OperatingPoint(1.0)).hasMessageContaining("strictly between 0 and 1");
  }

  @Test
  void theMccOptimalCutBeatsEveryOtherObservedCut() {
    Random random = new Random(8);
    double[] p = new double[300];
    int[] y = new int[300];
    for (int i = 0; i < p.length; i++) {
      y[i] = random.nextInt(2);
      p[i] = Math.min(0.999, Math.max(0.001, 0.3 + 0.4 * y[i] + random.nextGaussian() * 0.2));
    }
    OperatingPoint best = MccOptimalCut.find(p, y);
    double bestMcc = MccOptimalCut.mccAt(p, y, best.threshold());
    for (double t : p) {
      assertThat(MccOptimalCut.mccAt(p, y, t)).isLessThanOrEqualTo(bestMcc + 1e-12);
    }
    // Saturated answers are separated too: the cut falls between them.
    assertThat(MccOptimalCut.find(new double[] {0.03, 0.03, 1.0, 1.0}, new int[] {0, 0, 1, 1}).threshold())
        .isCloseTo(0.515, offset(1e-12));
    // After the remap, the validator's rounding reproduces the chosen cut's MCC.
    double[] remapped = java.util.Arrays.stream(p).map(best::remap).toArray();
    assertThat(BinaryMetrics.of(remapped, y).mcc()).isCloseTo(bestMcc, offset(1e-12));
  }

  @Test
  void stackingEqualsScikitLearnsLogisticRegression() throws Exception {
    JsonNode cases = GoldenValues.load("stacking");
    assertThat(cases).hasSize(2);
    for (JsonNode c : cases) {
      double[][] features = new double[c.get("features").size()][];
      for (int i = 0; i < features.length; i++) {
        features[i] = GoldenValues.doubles(c.get("features").get(i));
      }
      LogisticFit fit = LogisticFit.fit(features, GoldenValues.ints(c.get("labels")), true);
      // scikit-learn's lbfgs stops at its own tolerance; Newton goes to the optimum, so allow 1e-4.
      for (int j = 0; j < 3; j++) {
        assertThat(fit.weights()[j]).isCloseTo(c.get("weights").get(j).asDouble(), offset(1e-4));
      }
      assertThat(fit.intercept()).isCloseTo(c.get("intercept").asDouble(), offset(1e-4));
      LogisticFit ridge = LogisticFit.fit(features, GoldenValues.ints(c.get("labels")), true, c.get("l2").asDouble());
      for (int j = 0; j < 3; j++) {
        assertThat(ridge.weights()[j]).isCloseTo(c.get("l2_weights").get(j).asDouble(), offset(1e-4));
        assertThat(Math.abs(ridge.weights()[j])).isLessThan(Math.abs(fit.weights()[j]));
      }
      assertThat(ridge.intercept()).isCloseTo(c.get("l2_intercept").asDouble(), offset(1e-4));
    }
    assertThatThrownBy(() -> LogisticFit.fit(new double[][] {{1}}, new int[] {1}, true, -1)).hasMessageContaining("l2");
  }
}
