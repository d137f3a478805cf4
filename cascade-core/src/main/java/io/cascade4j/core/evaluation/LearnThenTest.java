package io.cascade4j.core.evaluation;

import java.util.Locale;

/**
 * Chooses how early a band exit may answer, with a guarantee (Learn-then-Test, Angelopoulos et al. 2021, with
 * fixed-sequence testing and exact binomial p-values): with probability at least {@code 1 - delta} over the
 * calibration data, the chosen exit disagrees with running every stage on at most an {@code alpha} share of queries.
 * Since an exit can only lose accuracy where it disagrees with the full cascade, {@code alpha} also bounds the
 * accuracy an early exit loses.
 *
 * <p>The band is symmetric around 0.5: with margin {@code m} the stage answers when {@code p <= 0.5 - m} or {@code p >=
 * 0.5 + m}. Margins are tested from the most cautious (0.5: never exit) down; the first that cannot be shown safe
 * stops the sequence, and the smallest margin shown safe is chosen (it exits most often, so it costs least).
 */
public final class LearnThenTest {
  private LearnThenTest() {}

  /**
   * The chosen margin and what it rests on.
   *
   * @param margin the band's margin; 0.5 means "never exit" when nothing could be shown safe
   * @param empiricalRisk the share of calibration queries on which the exit disagreed with the full cascade
   * @param exitRate the share of calibration queries it answered
   * @param alpha the risk bound
   * @param delta the allowed failure probability of the guarantee
   * @param n the number of calibration queries
   */
  public record Choice(double margin, double empiricalRisk, double exitRate, double alpha, double delta, int n) {
    /** The exit band's low edge. */
    public double low() {
      return 0.5 - margin;
    }

    /** The exit band's high edge. */
    public double high() {
      return 0.5 + margin;
    }

    /** The guarantee in words, for the provenance of a calibrated cascade file. */
    public String guarantee() {
      if (margin >= 0.5) {
        return String.format(Locale.ROOT, "no early exit could be shown to change at most %.3f of decisions with"
            + " probability >= %.3f on the %d calibration queries; the step never exits", alpha, 1 - delta, n);
      }
      String exit = margin == 0 ? "answering at this step every time"
          : String.format(Locale.ROOT, "exiting at p <= %.4f or p >= %.4f", low(), high());
      return String.format(Locale.ROOT,
          "with probability >= %.3f over the %d calibration queries, %s disagrees with running every stage on at"
              + " most %.3f of queries (Learn-then-Test, fixed sequence, exact binomial)", 1 - delta, n, exit, alpha);
    }
  }

  /**
   * Chooses the margin.
   *
   * @param stage the stage's probability per calibration query
   * @param full the full cascade's decision (0/1) per query
   * @param alpha the risk bound, in (0, 1)
   * @param delta the failure probability, in (0, 1)
   * @param steps how many margins to test between 0.5 and 0 (for example 100)
   */
  public static Choice choose(double[] stage, int[] full, double alpha, double delta, int steps) {
    if (stage.length != full.length || stage.length == 0) {
      throw new IllegalArgumentException("stage probabilities and full decisions must pair up, and not be empty");
    }
    if (!(alpha > 0 && alpha < 1 && delta > 0 && delta < 1)) {
      throw new IllegalArgumentException("alpha and delta must be within (0, 1)");
    }
    int n = stage.length;
    Choice chosen = new Choice(0.5, 0, 0, alpha, delta, n);
    for (int s = steps - 1; s >= 0; s--) {
      double margin = 0.5 * s / steps;
      int exits = 0;
      int disagreements = 0;
      for (int i = 0; i < n; i++) {
        if (stage[i] <= 0.5 - margin || stage[i] >= 0.5 + margin) {
          exits++;
          if ((stage[i] > 0.5 ? 1 : 0) != full[i]) {
            disagreements++;
          }
        }
      }
      if (binomialCdf(disagreements, n, alpha) > delta) {
        break; // fixed-sequence testing: the first margin not shown safe ends the search
      }
      chosen = new Choice(margin, (double) disagreements / n, (double) exits / n, alpha, delta, n);
    }
    return chosen;
  }

  /** P(Binomial(n, p) <= k), summed in log space. */
  static double binomialCdf(int k, int n, double p) {
    double logP = Math.log(p);
    double logQ = Math.log1p(-p);
    double logTerm = n * logQ; // i = 0
    double sum = Math.exp(logTerm);
    for (int i = 1; i <= k; i++) {
      logTerm += Math.log((double) (n - i + 1) / i) + logP - logQ;
      sum += Math.exp(logTerm);
    }
    return Math.min(1, sum);
  }
}
