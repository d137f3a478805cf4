package io.cascade4j.detection.stage;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.Settings;
import io.cascade4j.api.Stage;
import io.cascade4j.api.StageProvider;
import io.cascade4j.detection.decode.DetectionDecoder;
import io.cascade4j.detection.decode.OutputLayout;
import io.cascade4j.detection.evidence.ObjectRule;
import io.cascade4j.vision.image.ImageDecoder;
import io.cascade4j.vision.model.PooledModel;
import io.cascade4j.vision.preprocess.Interpolation;
import io.cascade4j.vision.preprocess.Normalization;
import io.cascade4j.vision.preprocess.Preprocessing;
import io.cascade4j.vision.stage.VisionSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code detector} stage type, for YOLO and DETR-family exports.
 *
 * <pre>{@code
 * - name: yolo
 *   type: detector
 *   model: models/yolo11s.onnx
 *   layout: yolov8      # yolov8 (also 11, 12) | yolov5 | yolo-end-to-end (v10, YOLO26, nms=True)
 *                       # | detr (RT-DETR, RF-DETR, D-FINE: boxes + logits) | rtdetr-ultralytics
 *   input-size: 640     # the export's square input; or input-width and input-height
 *   num-classes: 80     # classes the model predicts (default: highest id in classes + 1)
 *   classes: {0: cone, 1: worker, 2: barrier}   # class id -> role; other classes are ignored
 *   confidence: 0.25
 *   iou: 0.45           # NMS, YOLO raw layouts
 *   agnostic-nms: false # true: overlapping boxes suppress each other whatever their class
 *   max-detections: 300
 *   rule: {at-least: {cone: 3, barrier: 1}, all-of: {worker: 1, cone: 1}}   # or logistic / fitted, see ObjectRule
 *   # preprocessing; the defaults follow the layout. Or a preprocessing: section instead of these keys, as the
 *   # other image stages take it, e.g. preprocessing: {from-huggingface: models/rtdetr/preprocessor_config.json}
 *   resize: letterbox   # letterbox (YOLO default) | stretch (DETR default) | shorter-side (DETR's 800/1333)
 *   stride: 0           # letterbox only: 32 pads just to the next multiple of 32, for dynamic-shape exports
 *   shorter-side: 800   # shorter-side only, with max-size: 1333
 *   normalization: none # none | imagenet (RF-DETR, Hugging Face DETR) | clip | half
 *   antialias: false    # true: PIL's antialiased resize (Hugging Face processors); false: cv2.resize itself,
 *                       # INTER_LINEAR, as Ultralytics' letterbox (YOLO layouts and rtdetr-ultralytics)
 *   boxes-output: -1    # detr: which output holds the boxes; -1 tells them apart by shape
 *   clip-boxes: true    # clip boxes to the image: the default follows the exporter's own post-processing (YOLO
 *                       # layouts clip, as Ultralytics' scale_boxes; detr and rtdetr-ultralytics do not, as
 *                       # Hugging Face's post_process_object_detection and Ultralytics' RT-DETR predictor)
 * }</pre>
 *
 * Pixels are scaled to [0, 1] before normalisation; letterbox pads with grey 114, bilinear, as Ultralytics does.
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
    } catch (IllegalArgumentException e) {
      s.problem("layout", e.getMessage());
    }
    Map<Integer, String> roles = roles(s);
    int highest = roles.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
    int numClasses = s.intValue("num-classes", highest + 1, 1, 100_000);
    if (numClasses <= highest) {
      s.problem("num-classes", "must be above the highest class id in classes (" + highest + ")");
    }
    double confidence = s.doubleValue("confidence", 0.25, 0, 1);
    double iou = s.doubleValue("iou", 0.45, 0, 1);
    int maxDetections = s.intValue("max-detections", 300, 1, 100_000);
    int boxesOutput = s.intValue("boxes-output", -1, -1, 1);
    boolean agnostic = s.booleanValue("agnostic-nms", false);
    boolean clipBoxes = s.booleanValue("clip-boxes", !layout.normalisedBoxes());
    String resize = s.string("resize", layout.normalisedBoxes() ? "stretch" : "letterbox");
    Preprocessing preprocessing = preprocessing(s, resize, layout);
    ObjectRule rule = ObjectRule.read(s.section("rule"));
    PooledModel model = VisionSettings.model(s,
        preprocessing == null ? java.util.Optional.empty() : preprocessing.fixedShape()); // reads its keys always; loads only when all is well
    VisionSettings.validateOrClose(s, model);
    if (model == null || rule == null || preprocessing == null) {
      throw new IllegalStateException("settings validated without a model, rule or preprocessing");
    }
    return new DetectorStage(model, decoder, preprocessing,
        preprocessing.resizeMode() == Preprocessing.ResizeMode.LETTERBOX, clipBoxes,
        new DetectionDecoder(layout, numClasses, confidence, iou, 30_000, maxDetections, boxesOutput, agnostic),
        Map.copyOf(roles), rule);
  }

  private static Map<Integer, String> roles(Settings s) {
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
    return roles;
  }

  /** The flat preprocessing keys, which a {@code preprocessing:} section replaces. */
  private static final List<String> FLAT_KEYS = List.of("resize", "input-size", "input-width", "input-height",
      "antialias", "normalization", "stride", "shorter-side", "max-size");

  private static @Nullable Preprocessing preprocessing(Settings s, String resize, OutputLayout layout) {
    if (s.has("preprocessing")) {
      List<String> flat = FLAT_KEYS.stream().filter(s::has).toList();
      if (!flat.isEmpty()) {
        s.problem("preprocessing", "give the preprocessing as this section or as the flat keys " + flat
            + ", not both");
        return null;
      }
      Preprocessing p = VisionSettings.preprocessing(s);
      if (p != null && p.crops()) {
        s.problem("preprocessing", "a detector's boxes are mapped back through the resize and padding only: a crop "
            + "would cut objects off, so it is not accepted here");
        return null;
      }
      return p;
    }
    int size = s.intValue("input-size", 640, 32, 4096);
    int width = s.intValue("input-width", size, 32, 4096);
    int height = s.intValue("input-height", size, 32, 4096);
    // Ultralytics resizes with cv2 itself (no antialias); Hugging Face and RF-DETR processors with PIL or antialiased
    // torch.
    boolean antialias = s.booleanValue("antialias", layout == OutputLayout.DETR);
    Preprocessing.Builder b = Preprocessing.builder().interpolation(Interpolation.BILINEAR).antialias(antialias)
        .backend(antialias ? Preprocessing.Backend.PIL : Preprocessing.Backend.OPENCV);
    try {
      b.normalization(Normalization.preset(s.string("normalization", "none")));
    } catch (IllegalArgumentException e) {
      s.problem("normalization", e.getMessage());
    }
    switch (resize) {
      case "letterbox" -> b.letterbox(width, height, s.intValue("stride", 0, 0, 1024));
      case "stretch" -> b.resizeExact(width, height);
      case "shorter-side" -> {
        int shorter = s.intValue("shorter-side", 800, 32, 4096);
        int max = s.intValue("max-size", 1333, 0, 8192);
        if (max != 0 && max <= shorter) {
          s.problem("max-size", "must be above shorter-side (" + shorter + "), or 0 for no limit");
          return null;
        }
        b.resizeShorterSide(shorter, max);
      }
      default -> {
        s.problem("resize", "must be letterbox, stretch or shorter-side, got '" + resize + "'");
        return null;
      }
    }
    if (s.has("stride") && !resize.equals("letterbox")) {
      s.problem("stride", "applies to resize: letterbox only");
    }
    return b.build();
  }
}
