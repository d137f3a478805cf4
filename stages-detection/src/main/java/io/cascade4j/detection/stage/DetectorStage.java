package io.cascade4j.detection.stage;

import io.cascade4j.api.Evidence;
import io.cascade4j.api.QueryContext;
import io.cascade4j.api.Stage;
import io.cascade4j.detection.box.Box;
import io.cascade4j.detection.decode.DetectionDecoder;
import io.cascade4j.detection.decode.InputMapping;
import io.cascade4j.detection.evidence.DetectedObjects;
import io.cascade4j.detection.evidence.ObjectRule;
import io.cascade4j.vision.image.ImageDecoder;
import io.cascade4j.vision.image.RgbImage;
import io.cascade4j.vision.model.ModelOutput;
import io.cascade4j.vision.model.PooledModel;
import io.cascade4j.vision.preprocess.Preprocessing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code detector} stage: bring the image to the model's input (letterbox for YOLO, a plain resize for the DETR
 * family), run it, decode the boxes, map them back to the original image, and judge roadwork from the objects per
 * role. The boxes travel in the evidence's {@code objects} extra as maps of role, score and corners.
 */
public final class DetectorStage implements Stage {
  private final PooledModel model;
  private final ImageDecoder decoder;
  private final Preprocessing preprocessing;
  private final boolean letterboxed;
  private final boolean clipBoxes;
  private final DetectionDecoder detections;
  private final Map<Integer, String> roles;
  private final ObjectRule rule;

  DetectorStage(PooledModel model, ImageDecoder decoder, Preprocessing preprocessing, boolean letterboxed,
      boolean clipBoxes, DetectionDecoder detections, Map<Integer, String> roles, ObjectRule rule) {
    this.model = model;
    this.decoder = decoder;
    this.preprocessing = preprocessing;
    this.letterboxed = letterboxed;
    this.clipBoxes = clipBoxes;
    this.detections = detections;
    this.roles = roles;
    this.rule = rule;
  }

  /** Whether boxes are clipped to the image (the {@code clip-boxes} setting). */
  boolean clipsBoxes() {
    return clipBoxes;
  }

  /** The warm latency its model measured while warming up at load, for the cascade's deadline logic. */
  @Override
  public java.util.Optional<java.time.Duration> expectedLatency() {
    return model.warmLatency();
  }

  @Override
  public Evidence evaluate(QueryContext context) throws InterruptedException {
    RgbImage image = decoder.decodeOnce(context);
    // The geometry first, then the pixels written straight into the predictor's input buffer.
    Preprocessing.Prepared prepared = preprocessing.prepare(image);
    int height = prepared.height(); // stride-aligned letterboxes and shorter-side resizes vary per image
    int width = prepared.width();
    List<ModelOutput> out = model.runAll(prepared.batchShape(), prepared::writeInto);
    InputMapping mapping = letterboxed ? InputMapping.letterbox(image.width(), image.height(), width, height)
        : InputMapping.resize(image.width(), image.height(), width, height);
    mapping = mapping.clipping(clipBoxes);
    List<Map<String, Object>> objects = new ArrayList<>();
    List<DetectedObjects.Found> found = new ArrayList<>();
    for (Box b : detections.decode(out, width, height)) {
      String role = roles.get(b.classId());
      if (role == null) {
        continue; // a class the configuration does not care about
      }
      Box o = mapping.toOriginal(b);
      found.add(new DetectedObjects.Found(role, o));
      objects.add(DetectedObjects.toExtra(role, o));
    }
    return Evidence.of(rule.probability(found)).withExtra("objects", List.copyOf(objects));
  }

  @Override
  public void close() {
    model.close();
  }
}
