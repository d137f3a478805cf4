package io.cascade4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade4j.api.Answer;
import io.cascade4j.api.Cascade;
import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.Problem;
import io.cascade4j.api.Query;
import io.cascade4j.core.config.CascadeConfigLoader;
import io.cascade4j.testkit.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CascadesTest {
  private final ProviderRegistry registry =
      ProviderRegistry.builder()
          .discover(getClass().getClassLoader())
          .register(new ConstantStageProvider())
          .build();

  @Test
  void loadsAndRunsACascadeFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("demo.yaml");
    Files.writeString(
        file,
        """
        deadline: 2s
        stages:
          - {name: gate, type: constant, probability: 0.5, exit: {type: band, low: 0.1, high: 0.9}}
          - name: detectors
            parallel:
              - {name: a, type: constant, probability: 0.9}
              - {name: b, type: constant, probability: 0.7, isolation: inline}
            ensemble: {type: weighted-mean, weights: {a: 1, b: 3}}
            exit: {type: agreement, margin: 0.1}
          - {name: judge, type: constant, probability: 0.1, exit: always}
        """);
    try (Cascade cascade = Cascades.load(file, registry)) {
      Answer answer = cascade.evaluate(Query.of(TestImages.notAnImage()));
      assertThat(cascade.name()).isEqualTo("demo");
      assertThat(answer.decidedBy()).isEqualTo("detectors");
      assertThat(cascade.steps()).containsExactly("gate", "detectors", "judge");
      assertThat(answer.probability()).isCloseTo((0.9 + 3 * 0.7) / 4, org.assertj.core.data.Offset.offset(1e-12));
    }
  }

  @Test
  void reportsTheFilesAndTheProvidersMistakesTogether(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("broken.yaml");
    Files.writeString(
        file,
        """
        deadline: soon
        stages:
          - {name: gate, type: constant, probability: 2, exit: {type: band, low: 0.9, high: 1.7}}
          - {name: typo, type: constnat}
          - name: detectors
            parallel:
              - {name: a, type: constant, probabilty: 0.9}
              - {name: b, type: constant}
            ensemble: {type: weighted-mean, weights: {a: 1, c: 2}}
            exit: {type: agremeent}
        """);
    assertThatThrownBy(() -> Cascades.load(file, new CascadeConfigLoader(n -> null), registry))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::toString)
                    .containsExactly(
                        "deadline: must be a positive duration with a unit, such as 250ms, 8s or 2m, got 'soon'",
                        "stages[0].probability: must be within [0, 1], got 2",
                        "stages[0].exit.high: must be within [0, 1], got 1.7",
                        "stages[1].type: unknown stage type 'constnat' (did you mean 'constant'?); known: constant",
                        "stages[2].parallel[0].probabilty: unknown setting (did you mean 'probability'?); known:"
                            + " probability",
                        "stages[2].ensemble.weights.c: the group has no member named 'c' (did you mean 'a'?);"
                            + " members: a, b",
                        "stages[2].exit.type: unknown exit policy type 'agremeent' (did you mean 'agreement'?);"
                            + " known: agreement, always, band, never"));
  }

  @Test
  void optionalStagesThatCannotBeCreatedAreLeftOut(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("optional.yaml");
    Files.writeString(
        file,
        """
        stages:
          - {name: ocr, type: constant, probability: 7, optional: true}
          - {name: vlm, type: no-such-plugin, optional: true, exit: always}
          - {name: gate, type: constant, probability: 0.8, exit: always}
        """);
    try (Cascade cascade = Cascades.load(file, registry)) {
      Answer answer = cascade.evaluate(Query.of(TestImages.notAnImage()));
      assertThat(answer.decidedBy()).isEqualTo("gate");
      assertThat(answer.trace()).extracting(io.cascade4j.api.StageOutcome::stage).containsExactly("gate");
      assertThat(cascade.steps()).containsExactly("gate");
    }
    // Required stages still fail the file, and optional is a boolean that only single stages may carry.
    Files.writeString(
        file,
        """
        stages:
          - {name: ocr, type: constant, probability: 7, optional: true}
          - {name: gate, type: constant, probability: 2, exit: always, optional: maybe}
          - name: group
            parallel:
              - {name: a, type: constant, optional: true}
        """);
    assertThatThrownBy(() -> Cascades.load(file, registry))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("stages[1].optional: must be true or false")
        .hasMessageContaining("stages[2].parallel[0].optional: members of a parallel group cannot be optional");
  }
}
