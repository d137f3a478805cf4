package io.cascade4j.vision.stage;

import io.cascade4j.api.StageProvider;
import io.cascade4j.testkit.StageProviderCompatibilityKit;
import io.cascade4j.vision.head.HeadTraining;
import io.cascade4j.vision.head.HeadTrainingTest;
import io.cascade4j.vision.model.GoldenModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The embedding-head stage against the stage kit: the tiny backbone with a head trained here on 16-dim vectors. */
class EmbeddingHeadStageProviderTest extends StageProviderCompatibilityKit {
  private static final Path HEAD = trainedHead();

  private static Path trainedHead() {
    try {
      Path dir = Files.createTempDirectory("cascade4j-head");
      int[] labels = new int[80];
      HeadTraining.train(HeadTrainingTest.embeddings(80, labels, 5), labels,
          new HeadTraining.Options("mlp", 16, 0.1, 5, 16, 1e-2, 0.01, 5, 0.25, true, 1), dir, (e, m, t, v, a) -> { });
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected StageProvider provider() {
    return new EmbeddingHeadStageProvider();
  }

  @Override
  protected Map<String, Object> validSettings() {
    return Map.of(
        "model", GoldenModels.model("tiny-backbone.onnx").toString(),
        "head", HEAD.toString(),
        "preprocessing", Map.of("resize", "exact", "width", 64, "height", 64, "normalization", "imagenet"));
  }

  @Override
  protected Map<String, Object> invalidSettings() {
    return Map.of("model", GoldenModels.model("tiny-backbone.onnx").toString(), "head", HEAD.toString(),
        "pooling", "max");
  }
}
