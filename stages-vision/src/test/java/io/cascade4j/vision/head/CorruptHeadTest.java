package io.cascade4j.vision.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A damaged head file is refused when it loads (so {@code miner check} and start-up fail with the file's name), never
 * accepted to fail every query later, and never reported as a bare {@code NullPointerException}.
 */
class CorruptHeadTest {
  static Stream<Arguments> damage() {
    return Stream.of(
        Arguments.of("random bytes of the same size", (Damage) bytes -> {
          byte[] noise = new byte[bytes.length];
          new Random(7).nextBytes(noise);
          return noise;
        }),
        Arguments.of("empty", (Damage) bytes -> new byte[0]),
        Arguments.of("truncated to half", (Damage) bytes -> Arrays.copyOf(bytes, bytes.length / 2)),
        Arguments.of("random bytes after a valid start", (Damage) bytes -> {
          byte[] copy = bytes.clone();
          byte[] noise = new byte[copy.length - 64];
          new Random(9).nextBytes(noise);
          System.arraycopy(noise, 0, copy, 64, noise.length);
          return copy;
        }));
  }

  interface Damage {
    byte[] apply(byte[] bytes);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("damage")
  void aDamagedParameterFileIsRefusedWhenItLoads(String what, Damage damage, @TempDir Path dir) throws Exception {
    int[] labels = new int[40];
    HeadTraining.train(HeadTrainingTest.embeddings(40, labels, 3), labels,
        new HeadTraining.Options("mlp", 16, 0.1, 2, 16, 1e-2, 0.01, 2, 0.25, true, 1), dir, (e, m, t, v, a) -> { });
    try (EmbeddingHeadModel intact = EmbeddingHeadModel.load(dir, 1)) {
      assertThat(intact.probabilities(new float[intact.spec().inputDim()], 1)[0]).isBetween(0.0, 1.0);
    }
    Path params;
    try (Stream<Path> files = Files.list(dir)) {
      params = files.filter(f -> f.getFileName().toString().endsWith(".params")).findFirst().orElseThrow();
    }
    Files.write(params, damage.apply(Files.readAllBytes(params)));

    assertThatThrownBy(() -> EmbeddingHeadModel.load(dir, 1)).as(what)
        .isInstanceOf(IOException.class)
        .hasMessageContaining(params.getFileName().toString())
        .hasMessageContaining("train-head")
        .hasMessageNotContaining("null");
  }
}
