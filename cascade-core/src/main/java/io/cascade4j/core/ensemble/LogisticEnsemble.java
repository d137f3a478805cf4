package io.cascade4j.core.ensemble;

import io.cascade4j.api.Ensemble;
import io.cascade4j.api.Evidence;
import io.cascade4j.api.StageOutcome;
import java.util.List;
import java.util.Map;

/**
 * Logistic stacking: {@code sigmoid(intercept + sum of weight_i * logit(p_i))} over the members with an opinion, a
 * member without one counting as 0.5 (logit 0). Weights are free (not normalised), as a stacked logistic regression
 * fits them; members without a weight count 0.
 */
final class LogisticEnsemble implements Ensemble {
  private static final double EPSILON = 1e-6;

  private final Map<String, Double> weights;
  private final double intercept;

  LogisticEnsemble(Map<String, Double> weights, double intercept) {
    weights.forEach((member, weight) -> {
      if (!Double.isFinite(weight)) {
        throw new IllegalArgumentException("weight of member '" + member + "' must be finite, got " + weight);
      }
    });
    if (!Double.isFinite(intercept)) {
      throw new IllegalArgumentException("intercept must be finite, got " + intercept);
    }
    this.weights = Map.copyOf(weights);
    this.intercept = intercept;
  }

  @Override
  public Evidence combine(List<StageOutcome> members) {
    double z = intercept;
    boolean any = false;
    for (StageOutcome member : members) {
      if (member.hasOpinion()) {
        any = true;
        double p = Math.min(1 - EPSILON, Math.max(EPSILON, member.evidence().probability()));
        z += weights.getOrDefault(member.stage(), 0.0) * Math.log(p / (1 - p));
      }
    }
    return any ? Evidence.of(1 / (1 + Math.exp(-z))) : Evidence.abstain();
  }

  @Override
  public String toString() {
    return "logistic" + weights + "+" + intercept;
  }
}
