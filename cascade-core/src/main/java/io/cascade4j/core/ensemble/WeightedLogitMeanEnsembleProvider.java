package io.cascade4j.core.ensemble;

import io.cascade4j.api.Ensemble;
import java.util.Map;

/**
 * {@code weighted-logit-mean}: the weighted mean of the members' logits.
 *
 * <pre>{@code
 * ensemble: {type: weighted-logit-mean, weights: {yolo: 0.45, detr: 0.55}}   # a member without a weight counts 1
 * }</pre>
 */
public final class WeightedLogitMeanEnsembleProvider extends WeightedEnsembleProvider {
  @Override
  public String type() {
    return "weighted-logit-mean";
  }

  @Override
  Ensemble create(Map<String, Double> weights, double threshold) {
    return Ensembles.weightedLogitMean(weights);
  }
}
