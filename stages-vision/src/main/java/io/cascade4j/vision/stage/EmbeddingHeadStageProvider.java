package io.cascade4j.vision.stage;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.Settings;
import io.cascade4j.api.Stage;
import io.cascade4j.api.StageProvider;
import io.cascade4j.vision.head.EmbeddingBackbone;
import io.cascade4j.vision.head.EmbeddingHeadModel;
import io.cascade4j.vision.image.ImageDecoder;
import io.cascade4j.vision.model.PooledModel;
import io.cascade4j.vision.preprocess.Preprocessing;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@code embedding-head} stage type.
 *
 * <pre>{@code
 * - name: dino
 *   type: embedding-head
 *   model: models/dinov2-small.pt   # the frozen backbone, TorchScript or ONNX
 *   pooling: auto                   # auto | cls | mean-patch | mean-all | none ([N, T, D] tokens: auto =
 *                                   # mean-patch, timm's avg)
 *   prefix-tokens: 5                # class + register tokens (default: read from the output's shape)
 *   head: models/dino-head          # the directory ./cascade4j train-head wrote
 *   pool-size: 2
 *   preprocessing: {from-huggingface: models/dinov2-small/preprocessor_config.json}
 * }</pre>
 *
 * {@code model: pixels} means no backbone: the head (kind {@code cnn}) reads the preprocessed image itself.
 */
public final class EmbeddingHeadStageProvider implements StageProvider {
  @Override
  public String type() {
    return "embedding-head";
  }

  @Override
  public Stage create(Settings settings) throws ConfigurationException {
    ImageDecoder decoder = VisionSettings.decoder(settings);
    String headDir = settings.string("head");
    EmbeddingBackbone.Pooling pooling = EmbeddingBackbone.Pooling.AUTO;
    try {
      pooling = EmbeddingBackbone.Pooling.parse(settings.string("pooling", "auto"));
    } catch (IllegalArgumentException e) {
      settings.problem("pooling", e.getMessage());
    }
    int prefixTokens = settings.intValue("prefix-tokens", -1, -1, 64);
    int poolSize = settings.intValue("pool-size", 2, 1, 256);
    Preprocessing preprocessing = VisionSettings.preprocessing(settings);
    EmbeddingHeadModel head = null;
    if (settings.problems().isEmpty()) {
      try {
        head = EmbeddingHeadModel.load(Path.of(headDir), poolSize);
      } catch (IOException e) {
        settings.problem("head", e.getMessage());
      }
    }
    boolean pixels = settings.string("model", "").equals("pixels");
    PooledModel model = pixels ? null : VisionSettings.model(settings,
        preprocessing == null ? java.util.Optional.empty() : preprocessing.fixedShape()); // loads only when all is well
    VisionSettings.validateOrClose(settings, model, head);
    if ((model == null && !pixels) || head == null || preprocessing == null) {
      throw new IllegalStateException("settings validated without a backbone, head or preprocessing");
    }
    return new EmbeddingHeadStage(model == null ? EmbeddingBackbone.pixels(preprocessing)
        : new EmbeddingBackbone(model, preprocessing, pooling, prefixTokens), head, decoder);
  }
}
