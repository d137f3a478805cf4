package io.cascade4j.vision.stage;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.Settings;
import io.cascade4j.api.Stage;
import io.cascade4j.api.StageProvider;
import io.cascade4j.vision.image.ImageDecoder;
import io.cascade4j.vision.model.PooledModel;
import io.cascade4j.vision.preprocess.Preprocessing;
import java.util.List;

/**
 * The {@code classifier} stage type.
 *
 * <pre>{@code
 * - name: gate
 *   type: classifier
 *   model: models/gate.onnx        # .onnx runs on OnnxRuntime, .pt / .torchscript on PyTorch
 *   engine: auto                   # auto | pytorch | onnxruntime
 *   pool-size: 2                   # DJL predictors, i.e. concurrent forward passes
 *   output: logits                 # logits | probabilities
 *   activation: softmax            # softmax | sigmoid
 *   labels: [Background, Roadwork] # optional; then positive-label picks the class by name
 *   positive-label: Roadwork       # or positive-index: 1 (the default)
 *   temperature: 1.0
 *   preprocessing: {from-timm: models/gate/config.json}
 * }</pre>
 *
 * Decoding limits ({@code max-bytes}, {@code max-pixels}) and {@code exif-orientation} are also accepted.
 */
public final class ClassifierStageProvider implements StageProvider {
  @Override
  public String type() {
    return "classifier";
  }

  @Override
  public Stage create(Settings settings) throws ConfigurationException {
    ImageDecoder decoder = VisionSettings.decoder(settings);
    ClassHead head = head(settings);
    Preprocessing preprocessing = VisionSettings.preprocessing(settings);
    PooledModel model = VisionSettings.model(settings,
        preprocessing == null ? java.util.Optional.empty() : preprocessing.fixedShape()); // reads its keys always; loads only when all is well
    VisionSettings.validateOrClose(settings, model);
    if (model == null || preprocessing == null) {
      throw new IllegalStateException("settings validated without a model or preprocessing");
    }
    return new ClassifierStage(model, preprocessing, decoder, head);
  }

  static ClassHead head(Settings s) {
    String output = s.string("output", "logits");
    String activation = s.string("activation", "softmax");
    double temperature = s.doubleValue("temperature", 1.0, 1e-6, 1e6);
    List<String> labels = s.stringList("labels");
    int index = 1;
    if (s.has("positive-label")) {
      String label = s.string("positive-label");
      index = labels.indexOf(label);
      if (index < 0) {
        s.problem("positive-label", "'" + label + "' is not among labels " + labels);
        index = 0;
      }
    } else {
      index = s.intValue("positive-index", 1, 0, 100_000);
    }
    if (!output.equals("logits") && !output.equals("probabilities")) {
      s.problem("output", "must be logits or probabilities, got '" + output + "'");
    }
    if (!activation.equals("softmax") && !activation.equals("sigmoid")) {
      s.problem("activation", "must be softmax or sigmoid, got '" + activation + "'");
    }
    try {
      return new ClassHead(index, output.equals("logits"), activation.equals("sigmoid"), temperature);
    } catch (IllegalArgumentException e) {
      s.problem("temperature", e.getMessage());
      return new ClassHead(0, true, false, 1.0);
    }
  }
}
