package io.cascade4j.detection.ensemble;

import io.cascade4j.api.Ensemble;
import io.cascade4j.api.Evidence;
import io.cascade4j.api.StageOutcome;
import io.cascade4j.api.StageStatus;
import io.cascade4j.detection.box.Box;
import io.cascade4j.detection.box.WeightedBoxesFusion;
import io.cascade4j.detection.evidence.DetectedObjects;
import io.cascade4j.detection.evidence.ObjectRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Fuses the objects of a group's detectors with {@link WeightedBoxesFusion} (per-member weights, per role) and judges
 * the fused objects with a {@link ObjectRule}, counting those whose fused score reaches {@code minScore}. Because
 * WBF lowers the score of a box only some detectors saw, agreement between detectors is what lifts objects over
 * {@code minScore}. Abstains when no member reported objects.
 */
public final class BoxFusionEnsemble implements Ensemble {
  private final Map<String, Double> weights;
  private final double iou;
  private final double minScore;
  private final ObjectRule rule;

  public BoxFusionEnsemble(Map<String, Double> weights, double iou, double minScore, ObjectRule rule) {
    this.weights = Map.copyOf(weights);
    this.iou = iou;
    this.minScore = minScore;
    this.rule = rule;
  }

  @Override
  public Evidence combine(List<StageOutcome> members) {
    List<List<DetectedObjects.Found>> reported = new ArrayList<>();
    List<Double> memberWeights = new ArrayList<>();
    for (StageOutcome m : members) {
      Object extra = m.evidence().extras().get(DetectedObjects.EXTRA);
      if (m.status() == StageStatus.OK && extra instanceof List<?>) {
        reported.add(DetectedObjects.read(extra));
        memberWeights.add(weights.getOrDefault(m.stage(), 1.0));
      }
    }
    if (reported.isEmpty()) {
      return Evidence.abstain();
    }
    List<String> roles = new ArrayList<>(new TreeSet<>(reported.stream().flatMap(List::stream)
        .map(DetectedObjects.Found::role).toList()));
    List<List<Box>> perModel = new ArrayList<>();
    for (List<DetectedObjects.Found> found : reported) {
      perModel.add(found.stream().map(f -> new Box(f.box().x1(), f.box().y1(), f.box().x2(), f.box().y2(),
          f.box().score(), roles.indexOf(f.role()))).toList());
    }
    double[] w = memberWeights.stream().mapToDouble(Double::doubleValue).toArray();
    List<Box> fused = WeightedBoxesFusion.fuse(perModel, w, iou, 0.0);
    List<DetectedObjects.Found> counted = new ArrayList<>();
    List<Map<String, Object>> objects = new ArrayList<>();
    for (Box b : fused) {
      String role = roles.get(b.classId());
      objects.add(DetectedObjects.toExtra(role, b));
      if (b.score() >= minScore) {
        counted.add(new DetectedObjects.Found(role, b));
      }
    }
    return Evidence.of(rule.probability(counted)).withExtra(DetectedObjects.EXTRA, List.copyOf(objects));
  }
}
