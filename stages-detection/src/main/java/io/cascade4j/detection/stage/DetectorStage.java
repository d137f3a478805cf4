package io.cascade4j.detection.stage;

import io.cascade4j.api.Evidence;
import io.cascade4j.api.QueryContext;
import io.cascade4j.api.Stage;
import io.cascade4j.detection.box.Box;
import io.cascade4j.detection.decode.DetectionDecoder;
import io.cascade4j.detection.decode.LetterboxMapping;
import io.cascade4j.vision.image.ImageDecoder;
import io.cascade4j.vision.image.RgbImage;
import io.cascade4j.vision.model.ModelOutput;
import io.cascade4j.vision.model.PooledModel;
import io.cascade4j.vision.preprocess.ImageTensor;
import io.cascade4j.vision.preprocess.Preprocessing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code detector} stage (YOLO layouts): letterbox the image to the model's input, run it, decode and suppress
 * boxes, map them back to the original image, and judge roadwork by counting objects per role. The boxes travel in
 * the evidence's {@code objects} extra as maps of role, score and corners.
 */
public final class DetectorStage implements Stage {
  private final PooledModel model;
  private final ImageDecoder decoder;
  private final Preprocessing letterbox;
  private final int inputWidth;
  private final int inputHeight;
  private final DetectionDecoder detections;
  private final Map<Integer, String> roles;
  private final RoleCountRule rule;

  DetectorStage(PooledModel model, ImageDecoder decoder, Preprocessing letterbox, int inputWidth, int inputHeight,
      DetectionDecoder detections, Map<Integer, String> roles, RoleCountRule rule) {
    this.model = model;
    this.decoder = decoder;
    this.letterbox = letterbox;
    this.inputWidth = inputWidth;
    this.inputHeight = inputHeight;
    this.detections = detections;
    this.roles = roles;
    this.rule = rule;
  }

  @Override
  public Evidence evaluate(QueryContext context) throws InterruptedException {
    RgbImage image = decoder.decodeOnce(context);
    ImageTensor tensor = letterbox.apply(image);
    ModelOutput out = model.run(tensor.floats(), new long[] {1, 3, inputHeight, inputWidth});
    LetterboxMapping mapping = LetterboxMapping.of(image.width(), image.height(), inputWidth, inputHeight);
    List<Map<String, Object>> objects = new ArrayList<>();
    List<RoleCountRule.Found> found = new ArrayList<>();
    for (Box b : detections.decode(out.values(), out.shape(), new float[0], new long[0], inputWidth, inputHeight)) {
      String role = roles.get(b.classId());
      if (role == null) {
        continue; // a class the configuration does not care about
      }
      Box o = mapping.toOriginal(b);
      found.add(new RoleCountRule.Found(role, o.score()));
      objects.add(DetectedObjects.toExtra(role, o));
    }
    return Evidence.of(rule.probability(found)).withExtra("objects", List.copyOf(objects));
  }

  @Override
  public void close() {
    model.close();
  }
}
