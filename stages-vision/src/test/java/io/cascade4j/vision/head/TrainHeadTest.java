package io.cascade4j.vision.head;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade4j.api.EncodedImage;
import io.cascade4j.testkit.TestImages;
import io.cascade4j.vision.model.GoldenModels;
import io.cascade4j.vision.model.InferenceEngine;
import io.cascade4j.vision.model.PooledModel;
import io.cascade4j.vision.preprocess.Normalization;
import io.cascade4j.vision.preprocess.Preprocessing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainHeadTest {
  /** A labelled folder (0/ and 1/) of synthetic street scenes, with and without roadwork, plus one broken file. */
  static Path labelledFolder(Path dir, int perClass) throws IOException {
    for (int label = 0; label <= 1; label++) {
      Path sub = Files.createDirectories(dir.resolve(String.valueOf(label)));
      for (int i = 0; i < perClass; i++) {
        EncodedImage jpeg = TestImages.jpeg(TestImages.scene(96, 96, label == 1, 100L * label + i), 85);
        Files.write(sub.resolve("scene-" + i + ".jpg"), jpeg.toByteArray());
      }
    }
    return dir;
  }

  static EmbeddingBackbone tinyBackbone() throws IOException {
    return new EmbeddingBackbone(
        PooledModel.load(GoldenModels.model("tiny-backbone.pt"), InferenceEngine.PYTORCH, 1),
        Preprocessing.builder().resizeExact(64, 64).normalization(Normalization.IMAGENET).build(),
        EmbeddingBackbone.Pooling.AUTO);
  }

  @Test
  void trainsFromAFolderCachesEmbeddingsAndReportsBrokenImages(@TempDir Path dir) throws Exception {
    Path images = labelledFolder(dir.resolve("images"), 24);
    Files.write(images.resolve("1/broken.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0});
    Path cacheDir = dir.resolve("cache");
    HeadTraining.Options o = new HeadTraining.Options("mlp", 32, 0.1, 40, 16, 1e-2, 0.01, 40, 0.25, true, 3);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (EmbeddingBackbone backbone = tinyBackbone()) {
      java.util.List<Integer> embedded = new java.util.ArrayList<>();
      java.util.List<Integer> epochs = new java.util.ArrayList<>();
      Map<String, Object> metrics = TrainHead.run(images, backbone, new EmbeddingCache(cacheDir), o,
          dir.resolve("head"), new PrintStream(log, true, StandardCharsets.UTF_8), embedded::add,
          (epoch, max, train, val, acc) -> epochs.add(epoch));
      assertThat(metrics).containsEntry("skipped_images", 1).containsKey("validation_accuracy");
      assertThat(log.toString(StandardCharsets.UTF_8)).contains("skipped 1/broken.jpg");
      assertThat(embedded).hasSize(49).endsWith(49);
      assertThat(epochs).isNotEmpty().startsWith(1);
      try (Stream<Path> cached = Files.list(cacheDir)) {
        assertThat(cached.filter(p -> p.toString().endsWith(".f32")).count()).isEqualTo(48);
      }
      // A second run reads every embedding from the cache: its backbone is closed, so a single miss would fail it.
      // (Its loss is close, not equal: libtorch's multithreaded CPU kernels are not bitwise repeatable.)
      EmbeddingBackbone closed = tinyBackbone();
      closed.close();
      Map<String, Object> again = TrainHead.run(images, closed, new EmbeddingCache(cacheDir), o,
          dir.resolve("head2"), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      assertThat((double) again.get("validation_loss"))
          .isCloseTo((double) metrics.get("validation_loss"), org.assertj.core.data.Percentage.withPercentage(5));
    }
    assertThat(dir.resolve("head/head.json")).exists();
  }
}
