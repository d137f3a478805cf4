package io.cascade4j.detection.hazard;

import io.cascade4j.api.Evidence;
import io.cascade4j.api.QueryContext;
import io.cascade4j.api.Stage;
import io.cascade4j.detection.evidence.DetectedObjects;
import io.cascade4j.detection.evidence.ObjectRule;
import io.cascade4j.vision.image.ImageDecoder;
import java.util.List;
import java.util.Map;

/**
 * The {@code hazard} stage: {@link HazardDetector}'s cones, barrier boards and vests, judged by an {@link ObjectRule},
 * with the objects in the {@code objects} extra like any detector's, so it can gate a cascade on its own or join a
 * detector group (box fusion, object agreement).
 */
final class HazardStage implements Stage {
  private final HazardDetector detector;
  private final ImageDecoder decoder;
  private final ObjectRule rule;

  HazardStage(HazardDetector detector, ImageDecoder decoder, ObjectRule rule) {
    this.detector = detector;
    this.decoder = decoder;
    this.rule = rule;
  }

  @Override
  public Evidence evaluate(QueryContext context) {
    List<DetectedObjects.Found> found = detector.detect(decoder.decodeOnce(context));
    List<Map<String, Object>> objects = found.stream().map(f -> DetectedObjects.toExtra(f.role(), f.box())).toList();
    return Evidence.of(rule.probability(found)).withExtra(DetectedObjects.EXTRA, objects);
  }
}
