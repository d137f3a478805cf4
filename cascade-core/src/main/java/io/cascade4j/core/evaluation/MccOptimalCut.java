package io.cascade4j.core.evaluation;

import io.cascade4j.core.OperatingPoint;
import java.util.Arrays;

/** Finds the cut that maximises MCC on labelled data. */
public final class MccOptimalCut {
  private MccOptimalCut() {}

  /**
   * The cut that maximises MCC (positive when {@code p >= t}) among the observed probabilities strictly between 0
   * and 1; ties go to the cut closest to 0.5, and with no candidate the cut is 0.5.
   */
  public static OperatingPoint find(double[] probabilities, int[] labels) {
    BinaryMetrics.of(probabilities, labels);
    double[] candidates = Arrays.stream(probabilities).filter(p -> p > 0 && p < 1).distinct().sorted().toArray();
    double best = 0.5;
    double bestMcc = Double.NEGATIVE_INFINITY;
    for (double t : candidates) {
      double mcc = mccAt(probabilities, labels, t);
      if (mcc > bestMcc + 1e-12 || (Math.abs(mcc - bestMcc) <= 1e-12 && Math.abs(t - 0.5) < Math.abs(best - 0.5))) {
        best = t;
        bestMcc = mcc;
      }
    }
    return new OperatingPoint(best);
  }

  static double mccAt(double[] probabilities, int[] labels, double threshold) {
    int[] predicted = Arrays.stream(probabilities).mapToInt(p -> p >= threshold ? 1 : 0).toArray();
    return BinaryMetrics.ConfusionMatrix.of(predicted, labels).mcc();
  }
}
