package io.cascade4j.detection.stage;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.Settings;
import io.cascade4j.api.Stage;
import io.cascade4j.api.StageProvider;
import io.cascade4j.detection.decode.DetectionDecoder;
import io.cascade4j.detection.decode.OutputLayout;
import io.cascade4j.vision.image.ImageDecoder;
import io.cascade4j.vision.model.PooledModel;
import io.cascade4j.vision.preprocess.Interpolation;
import io.cascade4j.vision.preprocess.Preprocessing;
import io.cascade4j.vision.stage.VisionSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code detector} stage type, for Ultralytics YOLO exports.
 *
 * <pre>{@code
 * - name: yolo
 *   type: detector
 *   model: models/yolo11s.onnx
 *   layout: yolov8                 # yolov8 (also 11, 12) | yolov5 | yolo-end-to-end (v10, YOLO26, nms=True)
 *   input-size: 640                # the export's square input; or input-width and input-height
 *   num-classes: 80                # classes the model predicts (default: highest id in classes + 1)
 *   classes: {0: cone, 1: worker, 2: barrier}   # class id -> role; other classes are ignored
 *   confidence: 0.25
 *   iou: 0.45
 *   max-detections: 300
 *   rule: {at-least: {cone: 3, worker: 1, barrier: 1}, positive: 0.9, negative: 0.1}
 * }</pre>
 *
 * Images are letterboxed as Ultralytics does (ratio kept, grey 114 padding, bilinear) and scaled to [0, 1].
 */
public final class DetectorStageProvider implements StageProvider {
  @Override
  public String type() {
    return "detector";
  }

  @Override
  public Stage create(Settings s) throws ConfigurationException {
    ImageDecoder decoder = VisionSettings.decoder(s);
    OutputLayout layout = OutputLayout.YOLO_V8;
    try {
      layout = OutputLayout.parse(s.string("layout", "yolov8"));
      if (layout == OutputLayout.DETR) {
        s.problem("layout", "this stage runs YOLO exports; DETR outputs are decoded by DetectionDecoder but their"
            + " two-output stage is not available yet");
      }
    } catch (IllegalArgumentException e) {
      s.problem("layout", e.getMessage());
    }
    int size = s.intValue("input-size", 640, 32, 4096);
    int width = s.intValue("input-width", size, 32, 4096);
    int height = s.intValue("input-height", size, 32, 4096);
    Map<Integer, String> roles = new LinkedHashMap<>();
    Settings classes = s.section("classes");
    for (String key : classes.keys()) {
      try {
        roles.put(Integer.parseInt(key), classes.string(key));
      } catch (NumberFormatException e) {
        classes.problem(key, "class ids are integers, got '" + key + "'");
      }
    }
    if (roles.isEmpty() && s.problems().isEmpty()) {
      s.problem("classes", "map at least one class id to a role, e.g. {0: cone}");
    }
    int highest = roles.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
    int numClasses = s.intValue("num-classes", highest + 1, 1, 100_000);
    if (numClasses <= highest) {
      s.problem("num-classes", "must be above the highest class id in classes (" + highest + ")");
    }
    double confidence = s.doubleValue("confidence", 0.25, 0, 1);
    double iou = s.doubleValue("iou", 0.45, 0, 1);
    int maxDetections = s.intValue("max-detections", 300, 1, 100_000);
    RoleCountRule rule = RoleCountRule.read(s.section("rule"));
    PooledModel model = s.problems().isEmpty() ? VisionSettings.model(s) : null;
    VisionSettings.validateOrClose(s, model);
    if (model == null || rule == null) {
      throw new IllegalStateException("settings validated without a model or rule");
    }
    Preprocessing letterbox = Preprocessing.builder().letterbox(width, height).interpolation(Interpolation.BILINEAR)
        .antialias(false).build();
    return new DetectorStage(model, decoder, letterbox, width, height,
        new DetectionDecoder(layout, numClasses, confidence, iou, 30_000, maxDetections), Map.copyOf(roles), rule);
  }
}
