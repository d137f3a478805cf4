package io.cascade4j.core.ensemble;

import io.cascade4j.api.Ensemble;
import io.cascade4j.api.Evidence;
import io.cascade4j.api.StageOutcome;
import java.util.List;
import java.util.Map;

/**
 * The built-in ensembles, for building cascades in code. Every one ignores members without an opinion and abstains
 * when none has one. Weights are by member name; a member without a weight counts 1.
 */
public final class Ensembles {
  private static final Ensemble MIN = extreme("min", true);
  private static final Ensemble MAX = extreme("max", false);

  private Ensembles() {}

  /** The weighted mean of the members' probabilities. */
  public static Ensemble weightedMean(Map<String, Double> weights) {
    return new WeightedEnsemble(WeightedEnsemble.Rule.MEAN, weights, 0.5);
  }

  /**
   * The weighted mean of the members' logits, mapped back to a probability: confident members count for more than
   * in {@link #weightedMean}, which suits calibrated members. Probabilities are clamped to [1e-6, 1 - 1e-6] first.
   */
  public static Ensemble weightedLogitMean(Map<String, Double> weights) {
    return new WeightedEnsemble(WeightedEnsemble.Rule.LOGIT_MEAN, weights, 0.5);
  }

  /**
   * The weighted share of members that vote positive ({@code p >= threshold}); above 0.5 means the weighted majority
   * says positive.
   */
  public static Ensemble majorityVote(Map<String, Double> weights, double threshold) {
    return new WeightedEnsemble(WeightedEnsemble.Rule.MAJORITY, weights, threshold);
  }

  /**
   * Logistic stacking: {@code sigmoid(intercept + sum of weight_i * logit(p_i))}; fitted from data by calibration.
   */
  public static Ensemble logistic(Map<String, Double> weights, double intercept) {
    return new LogisticEnsemble(weights, intercept);
  }

  /** The lowest probability: positive only if every member says so. */
  public static Ensemble min() {
    return MIN;
  }

  /** The highest probability: positive if any member says so. */
  public static Ensemble max() {
    return MAX;
  }

  private static Ensemble extreme(String name, boolean lowest) {
    return new Ensemble() {
      @Override
      public Evidence combine(List<StageOutcome> members) {
        double best = Double.NaN;
        for (StageOutcome member : members) {
          if (member.hasOpinion()) {
            double p = member.evidence().probability();
            if (Double.isNaN(best) || (lowest ? p < best : p > best)) {
              best = p;
            }
          }
        }
        return Double.isNaN(best) ? Evidence.abstain() : Evidence.of(best);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }
}
