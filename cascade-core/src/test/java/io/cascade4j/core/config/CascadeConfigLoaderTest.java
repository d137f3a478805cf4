package io.cascade4j.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.Problem;
import io.cascade4j.core.Isolation;
import io.cascade4j.core.config.CascadeConfigLoader.Format;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CascadeConfigLoaderTest {
  private static final String ROADWORK =
      """
      cascade: roadwork
      deadline: 8s
      fallback: {type: fixed, value: 0.4}
      stages:
        - name: gate
          type: classifier
          model: models/gate.pt
          preprocess: {resize: 256, crop: 224}
          timeout: 500ms
          isolation: inline
          exit: {type: band, low: 0.05, high: 0.95}
        - name: detectors
          parallel:
            - {name: yolo, type: yolo, classes: {0: cone, 1: worker}}
            - {name: detr, type: rt-detr}
          ensemble: {type: weighted-mean, weights: {yolo: 0.45, detr: 0.55}}
          exit: agreement
          timeout: 2s
        - name: judge
          type: vlm-judge
          endpoint: ${VLM_URL:-http://localhost:8000}/v1
          api-key-env: $${NOT_SUBSTITUTED}
          exit: always
      """;

  private final CascadeConfigLoader loader =
      new CascadeConfigLoader(name -> name.equals("VLM_URL") ? "http://vlm:9000" : null);

  @Test
  void readsEveryPartOfAYamlCascade() throws Exception {
    CascadeConfig config = loader.parse(ROADWORK, Format.YAML, "unused");

    assertThat(config.name()).isEqualTo("roadwork");
    assertThat(config.deadline()).isEqualTo(Duration.ofSeconds(8));
    assertThat(config.fallback()).isEqualTo(FallbackConfig.fixed(0.4));
    assertThat(config.steps()).extracting(StepConfig::name).containsExactly("gate", "detectors", "judge");

    StepConfig.Single gate = (StepConfig.Single) config.steps().get(0);
    assertThat(gate.stage().provider().type()).isEqualTo("classifier");
    assertThat(gate.stage().provider().settings())
        .containsOnlyKeys("model", "preprocess")
        .containsEntry("preprocess", Map.of("resize", 224 + 32, "crop", 224));
    assertThat(gate.stage().timeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(gate.stage().isolation()).isEqualTo(Isolation.INLINE);
    assertThat(gate.exit()).isEqualTo(ComponentConfig.of("band", Map.of("low", 0.05, "high", 0.95)));

    StepConfig.Group group = (StepConfig.Group) config.steps().get(1);
    assertThat(group.members()).extracting(StageConfig::name).containsExactly("yolo", "detr");
    assertThat(group.members().getFirst().provider().settings())
        .containsEntry("classes", Map.of("0", "cone", "1", "worker"));
    assertThat(group.ensemble().type()).isEqualTo("weighted-mean");
    assertThat(group.exit()).isEqualTo(ComponentConfig.of("agreement"));
    assertThat(group.timeout()).isEqualTo(Duration.ofSeconds(2));

    StepConfig.Single judge = (StepConfig.Single) config.steps().get(2);
    assertThat(judge.stage().provider().settings())
        .containsEntry("endpoint", "http://vlm:9000/v1")
        .containsEntry("api-key-env", "${NOT_SUBSTITUTED}");
  }

  @Test
  void jsonIsReadTheSameWay() throws Exception {
    String json =
        """
        {"cascade": "j", "fallback": 0.25, "stages": [
          {"name": "a", "type": "classifier", "exit": {"type": "band", "low": 0.1}},
          {"name": "b", "type": "classifier"}]}
        """;
    CascadeConfig config = loader.parse(json, Format.JSON, "x");
    assertThat(config.fallback()).isEqualTo(FallbackConfig.fixed(0.25));
    assertThat(config.deadline()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.steps().get(1).exit()).isEqualTo(ComponentConfig.of("never"));
  }

  @Test
  void environmentDefaultsApplyWhenAVariableIsUnset() throws Exception {
    CascadeConfig config =
        new CascadeConfigLoader(name -> null).parse(ROADWORK, Format.YAML, "x");
    StepConfig.Single judge = (StepConfig.Single) config.steps().get(2);
    assertThat(judge.stage().provider().settings()).containsEntry("endpoint", "http://localhost:8000/v1");
  }

  @Test
  void variablesNeedNoQuotesInsideFlowCollections() throws Exception {
    String flow = """
        stages:
          - {name: judge, type: vlm-judge, endpoint: ${VLM_URL}/v1, fallback: ${UNSET:-a,b}, tags: [${VLM_URL}, x]}
          - {name: escaped, type: vlm-judge, note: $${NOT_SUBSTITUTED}, ${VLM_URL}: key}
        """;
    CascadeConfig config = loader.parse(flow, Format.YAML, "x");
    StepConfig.Single judge = (StepConfig.Single) config.steps().get(0);
    assertThat(judge.stage().provider().settings())
        .containsEntry("endpoint", "http://vlm:9000/v1")
        .containsEntry("fallback", "a,b") // the default's comma is the value's, not the flow mapping's
        .containsEntry("tags", List.of("http://vlm:9000", "x"));
    StepConfig.Single escaped = (StepConfig.Single) config.steps().get(1);
    assertThat(escaped.stage().provider().settings())
        .containsEntry("note", "${NOT_SUBSTITUTED}")
        .containsEntry("${VLM_URL}", "key"); // keys are never substituted
  }

  @Test
  void aDocumentWithSeveralMistakesReportsEveryOneWithItsKeyPath() {
    String broken =
        """
        cascade: broken
        deadlin: 8s
        fallback: {type: fixed, value: 1.5}
        stages:
          - name: gate
            type: classifier
            timeout: fast
            isolation: sideways
          - name: gate
            type: classifier
            endpoint: ${MISSING_URL}
          - type: yolo
          - name: detectors
            parallel:
              - {name: yolo, type: yolo, exit: always}
              - "detr"
            ensemble: {weights: {yolo: 1}}
          - just a string
        """;

    assertThatThrownBy(() -> loader.parse(broken, Format.YAML, "x"))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::toString)
                    .containsExactlyInAnyOrder(
                        "deadlin: unknown key (did you mean 'deadline'?); known: cascade, deadline, engine, fallback, operating-point, plugins, provenance, stages",
                        "fallback.value: must be within [0, 1], got 1.5",
                        "stages[1].endpoint: environment variable MISSING_URL is not set (give a default with"
                            + " ${MISSING_URL:-value})",
                        "stages[0].timeout: must be a positive duration with a unit, such as 250ms, 8s or 2m, got"
                            + " 'fast'",
                        "stages[0].isolation: must be thread or inline, got 'sideways'",
                        "stages[1].name: 'gate' is already the name at stages[0].name; names must be unique",
                        "stages[2].name: is required",
                        "stages[3].ensemble.type: is required",
                        "stages[3].parallel[0].exit: members of a parallel group have no exit of their own; put it"
                            + " on the group",
                        "stages[3].parallel[1]: each member must be a map with 'name' and 'type', got 'detr'",
                        "stages[4]: each stage must be a map with 'name' and 'type' (or 'parallel'), got 'just a"
                            + " string'"));
  }

  @Test
  void syntaxErrorsAndDuplicateKeysSayWhere() {
    assertThatThrownBy(() -> loader.parse("stages: [\n  {name: a", Format.YAML, "x"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("not valid YAML: line ");
    assertThatThrownBy(() -> loader.parse("stages: []\nstages: []\n", Format.YAML, "x"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("Duplicate field 'stages'");
    assertThatThrownBy(() -> loader.parse("[1, 2]", Format.JSON, "x"))
        .hasMessage("a cascade document must be a map with at least 'stages', got a list");
  }

  @Test
  void loadsFilesAndNamesTheCascadeAfterTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("night-shift.yaml");
    Files.writeString(file, "stages:\n  - {name: a, type: classifier}\n");
    assertThat(loader.load(file).name()).isEqualTo("night-shift");

    Path models = Files.createDirectories(dir.resolve("models"));
    Path beside = models.resolve("gate.yaml");
    Files.writeString(beside, "stages:\n  - {name: a, type: classifier, model: '${CASCADE_DIR}/gate.onnx'}\n");
    StepConfig.Single step = (StepConfig.Single) loader.load(beside).steps().getFirst();
    assertThat(step.stage().provider().settings().get("model"))
        .isEqualTo(models.toAbsolutePath().normalize().resolve("gate.onnx").toString());

    Path huge = dir.resolve("huge.yaml");
    Files.write(huge, new byte[(int) CascadeConfigLoader.MAX_FILE_BYTES + 1]);
    assertThatThrownBy(() -> loader.load(huge)).hasMessageContaining("cascade files are limited to 1048576");
  }

  @Test
  void aValueStartingWithTildeSlashIsUnderTheHomeFolderAfterSubstitution() throws Exception {
    CascadeConfigLoader withHome = new CascadeConfigLoader(
        name -> switch (name) {
          case "HOME" -> "/home/miner";
          case "MODEL" -> "~/elsewhere/m.onnx";
          default -> null;
        });
    StepConfig.Single step = (StepConfig.Single) withHome.parse("""
        stages:
          - {name: a, type: classifier, model: ~/.cache/m.onnx, head: '${UNSET:-~/heads/a}', other: '${MODEL}',
             kept: a~/b, alone: '~'}
        """, Format.YAML, "x").steps().getFirst();
    Map<String, Object> settings = step.stage().provider().settings();
    assertThat(settings.get("model")).isEqualTo("/home/miner/.cache/m.onnx");
    assertThat(settings.get("head")).isEqualTo("/home/miner/heads/a");
    assertThat(settings.get("other")).isEqualTo("/home/miner/elsewhere/m.onnx");
    assertThat(settings.get("kept")).isEqualTo("a~/b");
    assertThat(settings.get("alone")).isEqualTo("~");
  }

  @Test
  void theBuilderHasTheSamePower() throws Exception {
    CascadeConfig built =
        CascadeConfig.builder("roadwork")
            .deadline(Duration.ofSeconds(8))
            .fallback(FallbackConfig.fixed(0.4))
            .stage(
                StageConfig.of("gate", "classifier",
                        Map.of("model", "models/gate.pt", "preprocess", Map.of("resize", 256, "crop", 224)))
                    .withTimeout(Duration.ofMillis(500))
                    .withIsolation(Isolation.INLINE),
                ComponentConfig.of("band", Map.of("low", 0.05, "high", 0.95)))
            .parallel(
                "detectors",
                List.of(
                    StageConfig.of("yolo", "yolo", Map.of("classes", Map.of("0", "cone", "1", "worker"))),
                    StageConfig.of("detr", "rt-detr", Map.of())),
                ComponentConfig.of("weighted-mean", Map.of("weights", Map.of("yolo", 0.45, "detr", 0.55))),
                ComponentConfig.of("agreement"),
                Duration.ofSeconds(2))
            .stage(
                StageConfig.of("judge", "vlm-judge",
                    Map.of("endpoint", "http://vlm:9000/v1", "api-key-env", "${NOT_SUBSTITUTED}")),
                ComponentConfig.of("always"))
            .build();
    assertThat(built).isEqualTo(loader.parse(ROADWORK, Format.YAML, "x"));
    assertThatThrownBy(() -> CascadeConfig.builder("x").build())
        .hasMessageContaining("needs at least one stage");
  }
}
