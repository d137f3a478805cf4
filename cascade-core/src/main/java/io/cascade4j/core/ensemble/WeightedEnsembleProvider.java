package io.cascade4j.core.ensemble;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.Ensemble;
import io.cascade4j.api.EnsembleProvider;
import io.cascade4j.api.Settings;
import io.cascade4j.api.Suggestions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code weights: {member: weight, ...}} (and, for votes, {@code threshold}) for the weighted ensembles. */
abstract sealed class WeightedEnsembleProvider implements EnsembleProvider
    permits WeightedMeanEnsembleProvider, WeightedLogitMeanEnsembleProvider, MajorityVoteEnsembleProvider {

  @Override
  public final Ensemble create(Settings settings, List<String> members) throws ConfigurationException {
    Settings weightSettings = settings.section("weights");
    Map<String, Double> weights = new LinkedHashMap<>();
    for (String member : weightSettings.keys()) {
      double weight = weightSettings.doubleValue(member, 1.0, 0.0, Double.MAX_VALUE);
      if (!members.contains(member)) {
        weightSettings.problem(
            member,
            "the group has no member named '"
                + member
                + "'"
                + Suggestions.closest(member, members).map(s -> " (did you mean '" + s + "'?)").orElse("")
                + "; members: "
                + String.join(", ", members));
      }
      weights.put(member, weight);
    }
    if (!weights.isEmpty()
        && members.stream().allMatch(m -> weights.getOrDefault(m, 1.0) == 0.0)
        && settings.problems().isEmpty()) {
      settings.problem("weights", "at least one member needs a weight above 0");
    }
    double threshold = readThreshold(settings);
    settings.validate();
    return create(weights, threshold);
  }

  /** Reads settings beyond the weights; none by default. */
  double readThreshold(Settings settings) {
    return 0.5;
  }

  abstract Ensemble create(Map<String, Double> weights, double threshold);
}
