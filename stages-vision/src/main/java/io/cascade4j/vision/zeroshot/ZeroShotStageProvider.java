package io.cascade4j.vision.zeroshot;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.Settings;
import io.cascade4j.api.Stage;
import io.cascade4j.api.StageProvider;
import io.cascade4j.vision.image.ImageDecoder;
import io.cascade4j.vision.model.PooledModel;
import io.cascade4j.vision.preprocess.Preprocessing;
import io.cascade4j.vision.stage.VisionSettings;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@code zero-shot} stage type.
 *
 * <pre>{@code
 * - name: siglip
 *   type: zero-shot
 *   model: models/siglip-image.onnx          # the image tower alone, giving [1, D]
 *   prompts: models/roadwork-prompts.json     # text embeddings made offline with the same model
 *   temperature: 0.01                         # CLIP's logit scale 100; fit it with ./cascade4j calibrate
 *   preprocessing: {from-huggingface: models/siglip/preprocessor_config.json}
 * }</pre>
 */
public final class ZeroShotStageProvider implements StageProvider {
  @Override
  public String type() {
    return "zero-shot";
  }

  @Override
  public Stage create(Settings s) throws ConfigurationException {
    ImageDecoder decoder = VisionSettings.decoder(s);
    Preprocessing preprocessing = VisionSettings.preprocessing(s);
    double temperature = s.doubleValue("temperature", 0.01, 1e-4, 100);
    PromptEmbeddings prompts = null;
    String file = s.string("prompts");
    if (s.problems().isEmpty()) {
      try {
        prompts = PromptEmbeddings.read(Path.of(file));
      } catch (IOException e) {
        s.problem("prompts", e.getMessage());
      }
    }
    PooledModel encoder = VisionSettings.model(s,
        preprocessing == null ? java.util.Optional.empty() : preprocessing.fixedShape()); // reads its keys always; loads only when all is well
    VisionSettings.validateOrClose(s, encoder);
    if (encoder == null || prompts == null || preprocessing == null) {
      throw new IllegalStateException("settings validated without an encoder, prompts or preprocessing");
    }
    return new ZeroShotStage(encoder, preprocessing, decoder, prompts, temperature);
  }
}
