package io.cascade4j.core.ensemble;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.Ensemble;
import io.cascade4j.api.EnsembleProvider;
import io.cascade4j.api.Settings;
import io.cascade4j.api.Suggestions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code logistic}: logistic stacking, as {@code cascade calibrate} fits it from data.
 *
 * <pre>{@code
 * ensemble: {type: logistic, intercept: -0.3, weights: {yolo: 1.2, detr: 0.8}}   # a member without a weight counts 0
 * }</pre>
 */
public final class LogisticEnsembleProvider implements EnsembleProvider {
  @Override
  public String type() {
    return "logistic";
  }

  @Override
  public Ensemble create(Settings settings, List<String> members) throws ConfigurationException {
    Settings weightSettings = settings.section("weights");
    Map<String, Double> weights = new LinkedHashMap<>();
    for (String member : weightSettings.keys()) {
      weights.put(member, weightSettings.doubleValue(member, 0.0));
      if (!members.contains(member)) {
        weightSettings.problem(member, "the group has no member named '" + member + "'"
            + Suggestions.closest(member, members).map(s -> " (did you mean '" + s + "'?)").orElse("")
            + "; members: " + String.join(", ", members));
      }
    }
    if (weights.isEmpty() && settings.problems().isEmpty()) {
      settings.problem("weights", "is required: a weight per member (fitted by calibration)");
    }
    double intercept = settings.doubleValue("intercept", 0.0);
    settings.validate();
    return Ensembles.logistic(weights, intercept);
  }
}
