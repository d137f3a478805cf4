package io.cascade4j.core.evaluation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Scores one miner's answers exactly as a NATIX StreetVision (subnet 72) validator does ({@code
 * natix/validator/reward.py}, {@code miner_performance_tracker.py}):
 *
 * <ul>
 *   <li>a window of the last 100 {@code (prediction, label)} pairs; a miss (no answer, an error, a value outside [0, 1]
 *       or NaN) takes a slot as {@code -1} but is left out of the metrics;
 *   <li>predictions become labels with {@code np.round}: half to even, so exactly 0.5 counts as 0;
 *   <li>{@code mcc} over the window, clipped at 0, and 0 unless both the labels and the predictions hold both classes;
 *   <li>{@code accuracy} over the last 10 slots (their answered entries);
 *   <li>{@code reward = (0.5 mcc + 0.5 accuracy)^3}, or 0 for a miss;
 *   <li>{@code score = 0.05 reward + 0.95 score}, starting at 0.
 * </ul>
 *
 * Not thread-safe: one scorer per miner, fed in order.
 */
public final class Sn72Scorer {
  /** Window sizes and the EMA factor of the validator. */
  public static final int MCC_WINDOW = 100;
  public static final int ACCURACY_WINDOW = 10;
  public static final double ALPHA = 0.05;

  private final Deque<double[]> window = new ArrayDeque<>();
  private double score;

  /** The rounding the validator applies: {@code np.round}, half to even. */
  public static int predictedLabel(double prediction) {
    return (int) Math.rint(prediction);
  }

  /** Whether the validator counts {@code prediction} as an answer at all. */
  public static boolean isAnswer(double prediction) {
    return prediction >= 0 && prediction <= 1;
  }

  /**
   * Scores one challenge.
   *
   * @param prediction the miner's answer; anything outside [0, 1] (the -1 of a miss, NaN) is a miss
   * @param label the challenge's label, 0 or 1
   * @return this step's reward
   */
  public double record(double prediction, int label) {
    if (label != 0 && label != 1) {
      throw new IllegalArgumentException("labels are 0 or 1, got " + label);
    }
    boolean answered = isAnswer(prediction);
    window.addLast(new double[] {answered ? prediction : -1, label});
    if (window.size() > MCC_WINDOW) {
      window.removeFirst();
    }
    double reward = answered ? Math.pow(0.5 * mcc() + 0.5 * recentAccuracy(), 3) : 0;
    score = ALPHA * reward + (1 - ALPHA) * score;
    return reward;
  }

  /** The EMA score so far. */
  public double score() {
    return score;
  }

  /** The clipped MCC over the window's answered entries. */
  public double mcc() {
    List<double[]> answered = answered(new ArrayList<>(window));
    boolean[] labels = new boolean[2];
    boolean[] predictions = new boolean[2];
    int[] predicted = new int[answered.size()];
    int[] truth = new int[answered.size()];
    for (int i = 0; i < answered.size(); i++) {
      predicted[i] = predictedLabel(answered.get(i)[0]);
      truth[i] = (int) answered.get(i)[1];
      labels[truth[i]] = true;
      predictions[predicted[i]] = true;
    }
    if (!(labels[0] && labels[1] && predictions[0] && predictions[1])) {
      return 0;
    }
    return Math.max(0, BinaryMetrics.ConfusionMatrix.of(predicted, truth).mcc());
  }

  /** The accuracy over the last 10 slots' answered entries (0 if none answered). */
  public double recentAccuracy() {
    List<double[]> all = new ArrayList<>(window);
    List<double[]> answered = answered(all.subList(Math.max(0, all.size() - ACCURACY_WINDOW), all.size()));
    if (answered.isEmpty()) {
      return 0;
    }
    long right = answered.stream().filter(e -> predictedLabel(e[0]) == (int) e[1]).count();
    return (double) right / answered.size();
  }

  private static List<double[]> answered(List<double[]> entries) {
    return entries.stream().filter(e -> e[0] >= 0).toList();
  }
}
