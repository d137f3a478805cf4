package io.cascade4j.core.ensemble;

import io.cascade4j.api.Ensemble;
import io.cascade4j.api.Settings;
import java.util.Map;

/**
 * {@code majority-vote}: the weighted share of members with {@code p >= threshold}.
 *
 * <pre>{@code
 * ensemble: {type: majority-vote, threshold: 0.5, weights: {yolo: 2}}   # a member without a weight counts 1
 * }</pre>
 */
public final class MajorityVoteEnsembleProvider extends WeightedEnsembleProvider {
  @Override
  public String type() {
    return "majority-vote";
  }

  @Override
  double readThreshold(Settings settings) {
    return settings.doubleValue("threshold", 0.5, 0.0, 1.0);
  }

  @Override
  Ensemble create(Map<String, Double> weights, double threshold) {
    return Ensembles.majorityVote(weights, threshold);
  }
}
