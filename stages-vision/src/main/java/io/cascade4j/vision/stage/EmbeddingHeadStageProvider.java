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
import org.jspecify.annotations.Nullable;

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
 *
 * <p>A {@code route} sends images unlike the head's training data to another backbone and head: its {@code by} head
 * reads the same embedding and gives P(the image is of the head's kind); below {@code below} (default 0.5) the
 * image is answered by the route's {@code model}, {@code head} and {@code preprocessing} (read as the stage's own; a
 * route's backbone is pooled {@code auto}).
 *
 * <pre>{@code
 *   route:
 *     by: models/photo-domain          # train-head on the same backbone: photographs 1, drawn scenes 0
 *     below: 0.1
 *     model: pixels
 *     head: models/scene-gate
 *     preprocessing: {resize: letterbox, width: 64, height: 64, normalization: half}
 * }</pre>
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
    EmbeddingHeadModel head = settings.problems().isEmpty() ? head(settings, "head", headDir, poolSize) : null;
    @Nullable Settings routeSettings = settings.has("route") ? settings.section("route") : null;
    String routeBy = routeSettings == null ? "" : routeSettings.string("by");
    String routeHeadDir = routeSettings == null ? "" : routeSettings.string("head");
    double routeBelow = routeSettings == null ? 0 : routeSettings.doubleValue("below", 0.5, 0.0, 1.0);
    @Nullable Preprocessing routePreprocessing =
        routeSettings == null ? null : VisionSettings.preprocessing(routeSettings);
    if (routeSettings != null && !routeSettings.has("preprocessing")) {
      routeSettings.problem("preprocessing", "is required: how the route's model sees the image");
    }
    @Nullable EmbeddingHeadModel routeDomain = null;
    @Nullable EmbeddingHeadModel routeHead = null;
    if (routeSettings != null && settings.problems().isEmpty()) {
      routeDomain = head(routeSettings, "by", routeBy, poolSize);
      routeHead = head(routeSettings, "head", routeHeadDir, poolSize);
      if (head != null && routeDomain != null && routeDomain.spec().inputDim() != head.spec().inputDim()) {
        routeSettings.problem("by", "reads " + routeDomain.spec().inputDim() + "-value embeddings but the stage's "
            + "head reads " + head.spec().inputDim() + ": train it on the same backbone");
      }
    }
    boolean routePixels = routeSettings != null && routeSettings.string("model", "").equals("pixels");
    boolean pixels = settings.string("model", "").equals("pixels");
    PooledModel model = pixels ? null : VisionSettings.model(settings,
        preprocessing == null ? java.util.Optional.empty() : preprocessing.fixedShape()); // loads only when all is well
    @Nullable PooledModel routeModel = routeSettings == null || routePixels ? null
        : VisionSettings.model(routeSettings,
            routePreprocessing == null ? java.util.Optional.empty() : routePreprocessing.fixedShape());
    VisionSettings.validateOrClose(settings, model, head, routeModel, routeDomain, routeHead);
    if ((model == null && !pixels) || head == null || preprocessing == null) {
      throw new IllegalStateException("settings validated without a backbone, head or preprocessing");
    }
    EmbeddingHeadStage.@Nullable Route route = null;
    if (routeSettings != null) {
      if ((routeModel == null && !routePixels) || routeDomain == null || routeHead == null
          || routePreprocessing == null) {
        throw new IllegalStateException("settings validated without the route's backbone, heads or preprocessing");
      }
      route = new EmbeddingHeadStage.Route(routeDomain, routeBelow, routeModel == null
          ? EmbeddingBackbone.pixels(routePreprocessing)
          : new EmbeddingBackbone(routeModel, routePreprocessing, EmbeddingBackbone.Pooling.AUTO), routeHead);
    }
    return new EmbeddingHeadStage(model == null ? EmbeddingBackbone.pixels(preprocessing)
        : new EmbeddingBackbone(model, preprocessing, pooling, prefixTokens), head, decoder, route);
  }

  /** The head in {@code dir}, or null with a problem under {@code key}. */
  private static @Nullable EmbeddingHeadModel head(Settings settings, String key, String dir, int poolSize) {
    try {
      return EmbeddingHeadModel.load(Path.of(dir), poolSize);
    } catch (IOException e) {
      settings.problem(key, e.getMessage());
      return null;
    }
  }
}
