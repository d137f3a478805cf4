package io.cascade4j.core.evaluation;

import java.util.Arrays;

/**
 * Where the positive decision starts, and the monotone remap that puts it at 0.5 for the SN72 validator, which rounds
 * half to even: a probability at or above the cut comes out strictly above 0.5, one below it strictly below. The map
 * is piecewise linear: {@code [0, t)} onto {@code [0, 0.5)} and {@code [t, 1]} onto {@code (0.5, 1]}.
 *
 * @param threshold the cut {@code t}, within (0, 1)
 */
public record OperatingPoint(double threshold) {

  /** Validates the cut. */
  public OperatingPoint {
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("the cut must be strictly between 0 and 1, got " + threshold);
    }
  }

  /**
   * The cut that maximises MCC on labelled data (positive when {@code p >= t}), among the observed probabilities;
   * ties go to the cut closest to 0.5.
   */
  public static OperatingPoint mccOptimal(double[] probabilities, int[] labels) {
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

  /** The remapped probability. */
  public double remap(double p) {
    if (p < threshold) {
      return 0.5 * p / threshold;
    }
    return Math.max(Math.nextUp(0.5), 0.5 + 0.5 * (p - threshold) / (1 - threshold));
  }
}
