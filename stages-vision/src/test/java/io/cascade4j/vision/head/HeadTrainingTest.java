package io.cascade4j.vision.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

public class HeadTrainingTest {
  @TempDir Path dir;

  /** Two Gaussian clouds in 16 dimensions, a quarter positive: separable, imbalanced. */
  public static float[][] embeddings(int n, int[] labels, long seed) {
    Random r = new Random(seed);
    float[][] x = new float[n][16];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 4 == 0 ? 1 : 0;
      for (int d = 0; d < 16; d++) {
        x[i][d] = (float) (r.nextGaussian() + (labels[i] == 1 && d < 4 ? 2.5 : 0.0));
      }
    }
    return x;
  }

  @ParameterizedTest
  @ValueSource(strings = {"linear", "mlp"})
  void learnsSeparableEmbeddingsAndLoadsBack(String kind) throws Exception {
    int[] labels = new int[240];
    float[][] x = embeddings(240, labels, 1);
    HeadTraining.Options o = new HeadTraining.Options(kind, 32, 0.1, 60, 32, 1e-2, 0.01, 8, 0.25, true, 7);
    List<Integer> epochs = new ArrayList<>();
    Map<String, Object> metrics = HeadTraining.train(x, labels, o, dir, (e, max, t, v, a) -> epochs.add(e));
    assertThat((double) metrics.get("validation_accuracy")).isGreaterThanOrEqualTo(0.85);
    assertThat(epochs).isNotEmpty().startsWith(1);
    assertThat(metrics.get("class_weights").toString()).contains("positive");
    assertThat(Files.readString(dir.resolve("head.json"))).contains("\"kind\" : \"" + kind + "\"");

    int[] testLabels = new int[100];
    float[][] test = embeddings(100, testLabels, 2);
    float[] flat = new float[100 * 16];
    for (int i = 0; i < 100; i++) {
      System.arraycopy(test[i], 0, flat, i * 16, 16);
    }
    try (EmbeddingHeadModel head = EmbeddingHeadModel.load(dir, 1)) {
      double[] p = head.probabilities(flat, 100);
      int correct = 0;
      for (int i = 0; i < 100; i++) {
        correct += (p[i] > 0.5 ? 1 : 0) == testLabels[i] ? 1 : 0;
      }
      assertThat(correct).as("held-out accuracy of the reloaded head, of 100").isGreaterThan(85);
    }
  }

  @Test
  void earlyStoppingEndsLongBeforeTheEpochLimit() throws Exception {
    int[] labels = new int[120];
    float[][] x = embeddings(120, labels, 3);
    HeadTraining.Options o = new HeadTraining.Options("linear", 1, 0, 2_000, 16, 5e-2, 0, 3, 0.25, true, 7);
    Map<String, Object> metrics = HeadTraining.train(x, labels, o, dir, (e, max, t, v, a) -> { });
    assertThat((int) metrics.get("epochs_run")).isLessThan(2_000);
    assertThat((int) metrics.get("epochs_run") - (int) metrics.get("best_epoch")).isEqualTo(3);
  }

  @Test
  void refusesDataThatCannotTrainAHead() {
    float[][] x = {{1, 2}, {3, 4}};
    assertThatThrownBy(() -> HeadTraining.train(x, new int[] {1, 1}, HeadTraining.Options.defaults(), dir,
        (e, m, t, v, a) -> { })).hasMessageContaining("both classes");
    assertThatThrownBy(() -> HeadTraining.train(new float[][] {{1, 2}, {3}}, new int[] {0, 1},
        HeadTraining.Options.defaults(), dir, (e, m, t, v, a) -> { })).hasMessageContaining("embedding 1");
    assertThatThrownBy(() -> EmbeddingHeadModel.load(dir.resolve("empty"), 1)).hasMessageContaining("head.json");
  }
}
