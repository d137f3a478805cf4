package io.cascade4j.detection.box;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Weighted Boxes Fusion (Solovyev, Wang and Gabruseva, 2021) for combining several detectors' boxes: per class, boxes
 * in descending score join the fused cluster they overlap most (IoU strictly above the threshold, measured against the
 * cluster's current fused box) or start a new one; a fused box is the score-weighted mean of its members' corners,
 * its score their mean score, rescaled by {@code min(models, members) / sum of model weights} so a box only one
 * model saw counts less. Scores are multiplied by each model's weight first. This is the {@code conf_type="avg"}
 * variant of the authors' {@code ensemble_boxes} package.
 */
public final class WeightedBoxesFusion {
  private WeightedBoxesFusion() {}

  /**
   * Fuses {@code perModel.get(m)} (model m's boxes) with {@code weights[m]}, dropping boxes scored below
   * {@code skipBelow}. Result in descending score.
   */
  public static List<Box> fuse(List<List<Box>> perModel, double[] weights, double iouThreshold, double skipBelow) {
    if (weights.length != perModel.size()) {
      throw new IllegalArgumentException("one weight per model: " + perModel.size() + " models, " + weights.length
          + " weights");
    }
    double weightSum = 0;
    for (double w : weights) {
      weightSum += w;
    }
    Map<Integer, List<Box>> byClass = new TreeMap<>();
    for (int m = 0; m < perModel.size(); m++) {
      for (Box b : perModel.get(m)) {
        if (b.score() >= skipBelow) {
          byClass.computeIfAbsent(b.classId(), k -> new ArrayList<>())
              .add(new Box(b.x1(), b.y1(), b.x2(), b.y2(), b.score() * weights[m], b.classId()));
        }
      }
    }
    List<Box> out = new ArrayList<>();
    for (List<Box> boxes : byClass.values()) {
      boxes.sort(Comparator.comparingDouble(Box::score).reversed());
      List<List<Box>> clusters = new ArrayList<>();
      List<Box> fused = new ArrayList<>();
      for (Box b : boxes) {
        int best = -1;
        double bestIou = iouThreshold;
        for (int k = 0; k < fused.size(); k++) {
          double iou = fused.get(k).iou(b);
          if (iou > bestIou) {
            bestIou = iou;
            best = k;
          }
        }
        if (best < 0) {
          clusters.add(new ArrayList<>(List.of(b)));
          fused.add(b);
        } else {
          clusters.get(best).add(b);
          fused.set(best, average(clusters.get(best)));
        }
      }
      for (int k = 0; k < fused.size(); k++) {
        Box f = fused.get(k);
        double scale = Math.min(weights.length, clusters.get(k).size()) / weightSum;
        out.add(new Box(f.x1(), f.y1(), f.x2(), f.y2(), f.score() * scale, f.classId()));
      }
    }
    out.sort(Comparator.comparingDouble(Box::score).reversed());
    return out;
  }

  private static Box average(List<Box> cluster) {
    double total = 0;
    double x1 = 0;
    double y1 = 0;
    double x2 = 0;
    double y2 = 0;
    for (Box b : cluster) {
      total += b.score();
      x1 += b.score() * b.x1();
      y1 += b.score() * b.y1();
      x2 += b.score() * b.x2();
      y2 += b.score() * b.y2();
    }
    return new Box(x1 / total, y1 / total, x2 / total, y2 / total, total / cluster.size(), cluster.get(0).classId());
  }
}
