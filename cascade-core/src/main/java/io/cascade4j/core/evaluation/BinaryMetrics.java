package io.cascade4j.core.evaluation;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Binary classification metrics of probabilities against 0/1 labels, with the conventions of scikit-learn so that
 * numbers can be compared: a prediction is positive when {@code p > 0.5} (which is what an SN72 validator's {@code
 * np.round} does, 0.5 rounding to 0); precision, recall and F1 are 0 when undefined ({@code zero_division=0}); MCC is 0
 * when undefined; ROC-AUC is NaN when only one class occurs (scikit-learn raises).
 *
 * <pre>{@code
 * BinaryMetrics m = BinaryMetrics.of(new double[] {0.9, 0.2, 0.7}, new int[] {1, 0, 0});
 * m.mcc(); m.rocAuc(); m.expectedCalibrationError();
 * }</pre>
 *
 * @param n the number of examples
 * @param confusion the confusion matrix at the 0.5 cut
 * @param accuracy the share predicted right
 * @param precision tp / (tp + fp)
 * @param recall tp / (tp + fn)
 * @param f1 the harmonic mean of precision and recall
 * @param mcc the Matthews correlation coefficient
 * @param rocAuc the area under the ROC curve (ties counted half)
 * @param brier the mean squared error of the probabilities
 * @param expectedCalibrationError over 10 equal-width bins of the probability: the count-weighted mean of |share of
 *     positives - mean probability|; a probability of exactly 1 falls in the last bin
 */
public record BinaryMetrics(
    int n,
    ConfusionMatrix confusion,
    double accuracy,
    double precision,
    double recall,
    double f1,
    double mcc,
    double rocAuc,
    double brier,
    double expectedCalibrationError) {

  /** The number of bins of the expected calibration error. */
  public static final int CALIBRATION_BINS = 10;

  /**
   * Metrics of {@code probabilities} against {@code labels}.
   *
   * @throws IllegalArgumentException if the arrays differ in length, are empty, a probability is not within [0, 1], or
   *     a label is not 0 or 1
   */
  public static BinaryMetrics of(double[] probabilities, int[] labels) {
    if (probabilities.length != labels.length) {
      throw new IllegalArgumentException(
          probabilities.length + " probabilities but " + labels.length + " labels; they must pair up");
    }
    if (probabilities.length == 0) {
      throw new IllegalArgumentException("no examples");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] != 0 && labels[i] != 1) {
        throw new IllegalArgumentException("label " + i + " is " + labels[i] + "; labels are 0 or 1");
      }
      if (!(probabilities[i] >= 0 && probabilities[i] <= 1)) {
        throw new IllegalArgumentException("probability " + i + " is " + probabilities[i] + "; it must be in [0, 1]");
      }
    }
    int[] predicted = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      predicted[i] = probabilities[i] > 0.5 ? 1 : 0;
    }
    ConfusionMatrix c = ConfusionMatrix.of(predicted, labels);
    double precision = ratio(c.tp(), c.tp() + c.fp());
    double recall = ratio(c.tp(), c.tp() + c.fn());
    double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    double brier = 0;
    for (int i = 0; i < labels.length; i++) {
      brier += (probabilities[i] - labels[i]) * (probabilities[i] - labels[i]);
    }
    return new BinaryMetrics(labels.length, c, ratio(c.tp() + c.tn(), labels.length), precision, recall, f1,
        c.mcc(), rocAuc(probabilities, labels), brier / labels.length, calibrationError(probabilities, labels));
  }

  private static double ratio(long numerator, long denominator) {
    return denominator == 0 ? 0 : (double) numerator / denominator;
  }

  /** The Mann-Whitney form of the ROC area: the chance a positive outranks a negative, ties counting half. */
  static double rocAuc(double[] probabilities, int[] labels) {
    int n = labels.length;
    Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> probabilities[i]));
    double positiveRankSum = 0;
    long positives = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && probabilities[order[j + 1]] == probabilities[order[i]]) {
        j++;
      }
      double averageRank = (i + j) / 2.0 + 1; // ranks are 1-based; tied values share their mean rank
      for (int k = i; k <= j; k++) {
        if (labels[order[k]] == 1) {
          positiveRankSum += averageRank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  static double calibrationError(double[] probabilities, int[] labels) {
    double[] sumP = new double[CALIBRATION_BINS];
    double[] sumY = new double[CALIBRATION_BINS];
    int[] count = new int[CALIBRATION_BINS];
    for (int i = 0; i < labels.length; i++) {
      int bin = Math.min(CALIBRATION_BINS - 1, (int) (probabilities[i] * CALIBRATION_BINS));
      sumP[bin] += probabilities[i];
      sumY[bin] += labels[i];
      count[bin]++;
    }
    double error = 0;
    for (int b = 0; b < CALIBRATION_BINS; b++) {
      if (count[b] > 0) {
        error += Math.abs(sumY[b] / count[b] - sumP[b] / count[b]) * count[b] / labels.length;
      }
    }
    return error;
  }

  /**
   * A confusion matrix.
   *
   * @param tn true negatives
   * @param fp false positives
   * @param fn false negatives
   * @param tp true positives
   */
  public record ConfusionMatrix(long tn, long fp, long fn, long tp) {
    static ConfusionMatrix of(int[] predicted, int[] labels) {
      long tn = 0;
      long fp = 0;
      long fn = 0;
      long tp = 0;
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] == 1) {
          if (predicted[i] == 1) {
            tp++;
          } else {
            fn++;
          }
        } else if (predicted[i] == 1) {
          fp++;
        } else {
          tn++;
        }
      }
      return new ConfusionMatrix(tn, fp, fn, tp);
    }

    /** The Matthews correlation coefficient; 0 when undefined, as scikit-learn answers. */
    public double mcc() {
      double denominator = Math.sqrt((double) (tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
      return denominator == 0 ? 0 : ((double) tp * tn - (double) fp * fn) / denominator;
    }
  }
}
