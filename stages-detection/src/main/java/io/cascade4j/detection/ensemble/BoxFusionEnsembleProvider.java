package io.cascade4j.detection.ensemble;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.Ensemble;
import io.cascade4j.api.EnsembleProvider;
import io.cascade4j.api.Settings;
import io.cascade4j.detection.evidence.ObjectRule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code box-fusion} ensemble for detector groups.
 *
 * <pre>{@code
 * ensemble:
 *   type: box-fusion
 *   weights: {yolo: 2, yolo-nms: 1}     # per member, default 1
 *   iou: 0.55                           # WBF matching threshold
 *   min-score: 0.5                      # fused objects below this do not count
 *   rule: {at-least: {cone: 3, worker: 1}, positive: 0.9, negative: 0.1}
 * }</pre>
 */
public final class BoxFusionEnsembleProvider implements EnsembleProvider {
  @Override
  public String type() {
    return "box-fusion";
  }

  @Override
  public Ensemble create(Settings settings, List<String> members) throws ConfigurationException {
    Map<String, Double> weights = new HashMap<>();
    Settings w = settings.section("weights");
    for (String member : w.keys()) {
      if (!members.contains(member)) {
        w.problem(member, "is not a member of this group " + members);
      }
      weights.put(member, w.doubleValue(member, 1.0, 0.0, 1e6));
    }
    double iou = settings.doubleValue("iou", 0.55, 0, 1);
    double minScore = settings.doubleValue("min-score", 0.5, 0, 1);
    ObjectRule rule = ObjectRule.read(settings.section("rule"));
    settings.validate();
    return new BoxFusionEnsemble(weights, iou, minScore, java.util.Objects.requireNonNull(rule));
  }
}
