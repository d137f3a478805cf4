package io.cascade4j.core.ensemble;

import io.cascade4j.api.Ensemble;
import io.cascade4j.api.Evidence;
import io.cascade4j.api.StageOutcome;
import java.util.List;
import java.util.Map;

/** Weighted combinations of the members' probabilities; see {@link Ensembles}. */
final class WeightedEnsemble implements Ensemble {
  private static final double EPSILON = 1e-6;

  enum Rule {
    MEAN,
    LOGIT_MEAN,
    MAJORITY
  }

  private final Rule rule;
  private final Map<String, Double> weights;
  private final double threshold;

  WeightedEnsemble(Rule rule, Map<String, Double> weights, double threshold) {
    weights.forEach(
        (member, weight) -> {
          if (!(weight >= 0 && Double.isFinite(weight))) {
            throw new IllegalArgumentException(
                "weight of member '" + member + "' must be finite and >= 0, got " + weight);
          }
        });
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("vote threshold must be within [0, 1], got " + threshold);
    }
    this.rule = rule;
    this.weights = Map.copyOf(weights);
    this.threshold = threshold;
  }

  @Override
  public Evidence combine(List<StageOutcome> members) {
    double total = 0;
    double sum = 0;
    for (StageOutcome member : members) {
      if (!member.hasOpinion()) {
        continue;
      }
      double weight = weights.getOrDefault(member.stage(), 1.0);
      if (weight == 0) {
        continue;
      }
      double p = member.evidence().probability();
      sum +=
          weight
              * switch (rule) {
                case MEAN -> p;
                case LOGIT_MEAN -> logit(p);
                case MAJORITY -> p >= threshold ? 1.0 : 0.0;
              };
      total += weight;
    }
    if (total == 0) {
      return Evidence.abstain();
    }
    double mean = sum / total;
    double combined = rule == Rule.LOGIT_MEAN ? 1 / (1 + Math.exp(-mean)) : mean;
    return Evidence.of(Math.min(1.0, Math.max(0.0, combined)));
  }

  private static double logit(double p) {
    double q = Math.min(1 - EPSILON, Math.max(EPSILON, p));
    return Math.log(q / (1 - q));
  }

  @Override
  public String toString() {
    return rule.name().toLowerCase(java.util.Locale.ROOT) + weights;
  }
}
