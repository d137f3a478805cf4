package io.cascade4j.core.ensemble;

import io.cascade4j.api.Ensemble;
import java.util.Map;

/**
 * {@code weighted-mean}: the weighted mean of the members' probabilities.
 *
 * <pre>{@code
 * ensemble: {type: weighted-mean, weights: {yolo: 0.45, detr: 0.55}}   # a member without a weight counts 1
 * }</pre>
 */
public final class WeightedMeanEnsembleProvider extends WeightedEnsembleProvider {
  @Override
  public String type() {
    return "weighted-mean";
  }

  @Override
  Ensemble create(Map<String, Double> weights, double threshold) {
    return Ensembles.weightedMean(weights);
  }
}
