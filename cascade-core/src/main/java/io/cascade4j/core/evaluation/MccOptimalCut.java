package io.cascade4j.core.evaluation;

import io.cascade4j.core.OperatingPoint;
import java.util.Arrays;
import java.util.stream.IntStream;

/** Finds the cut that maximises MCC on labelled data. */
public final class MccOptimalCut {
  private MccOptimalCut() {}

  /**
   * The cut that maximises MCC (positive when {@code p >= t}); candidates are the midpoints between consecutive
   * distinct observed probabilities (so saturated answers of 0 and 1 are separated too); ties go to the cut closest to
   * 0.5, and with no candidate the cut is 0.5.
   */
  public static OperatingPoint find(double[] probabilities, int[] labels) {
    BinaryMetrics.of(probabilities, labels);
    double[] distinct = Arrays.stream(probabilities).distinct().sorted().toArray();
    double[] candidates = IntStream.range(1, distinct.length).mapToDouble(i -> (distinct[i - 1] + distinct[i]) / 2)
        .filter(t -> t > 0 && t < 1).toArray();
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
