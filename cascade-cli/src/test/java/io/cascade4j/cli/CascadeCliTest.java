package io.cascade4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade4j.testkit.PluginJars;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line as a user meets it: help, version, exit statuses, typed options, plugin folders. */
class CascadeCliTest {
  /** Every command and subcommand the README names. */
  static final List<String> COMMANDS = List.of("demo", "eval", "calibrate", "train-head", "train-gate", "fit-rule",
      "scenes", "validate", "bench", "miner", "miner serve", "miner check", "miner metagraph", "miner serve-axon");

  @Test
  void everyCommandHasHelpThatExitsZero() {
    for (String command : COMMANDS) {
      String[] args = (command + " --help").split(" ");
      CliRun run = CliRun.of(args);
      assertThat(run.status()).as(command + " --help: " + run.err()).isZero();
      assertThat(run.out()).as(command).contains("Usage: cascade4j " + command);
      // picocli formats descriptions with String.format: a lone % makes it warn and print the raw text.
      assertThat(run.err()).as(command + " --help").doesNotContain("Could not format");
    }
    CliRun top = CliRun.of("--help");
    assertThat(top.status()).isZero();
    for (String command : COMMANDS) {
      assertThat(top.out()).contains(command.split(" ")[0]);
    }
  }

  @Test
  void versionComesFromTheBuild() {
    CliRun run = CliRun.of("--version");
    assertThat(run.status()).isZero();
    assertThat(run.out()).startsWith("cascade4j " + System.getProperty("project.version", ""))
        .doesNotContain("unknown").contains("Java ");
    assertThat(CliRun.of("miner", "--version").out()).isEqualTo(run.out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo --challenges abc", "scenes --out x --count 1.5", "validate --hotkey h --axon ::",
      "eval", "demo --no-such-option", "nosuchcommand", "calibrate a b c --alpha x"})
  void usageMistakesExitWithTwoAndSayWhat(String line) {
    CliRun run = CliRun.of(line.split(" "));
    assertThat(run.status()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).doesNotContain("\tat ").doesNotContain("For input string")
        .containsAnyOf("Invalid value", "Missing required", "Unknown option", "Unmatched argument");
  }

  @Test
  void missingFilesAndFoldersAreUsageProblemsNamingThePath(@TempDir Path dir) {
    CliRun eval = CliRun.of("eval", dir.resolve("nothing-here").toString());
    assertThat(eval.status()).isEqualTo(2);
    assertThat(eval.err()).contains("no folder " + dir.resolve("nothing-here")).contains("labelled images");
    CliRun calibrate = CliRun.of("calibrate", dir.toString(), dir.resolve("no.yaml").toString(),
        dir.resolve("out.yaml").toString());
    assertThat(calibrate.status()).isEqualTo(2);
    assertThat(calibrate.err()).contains("no file " + dir.resolve("no.yaml"));
    CliRun plugins = CliRun.of("--plugins", dir.resolve("nope").toString(), "scenes", "--out", dir.toString());
    assertThat(plugins.status()).isEqualTo(2);
    assertThat(plugins.err()).contains("--plugins").contains("nope");
  }

  @Test
  void trainHeadsPreprocessingBackendIsCheckedBeforeAnyWork(@TempDir Path dir) throws Exception {
    Path backbone = Files.writeString(dir.resolve("backbone.onnx"), "not read: the options fail first");
    CliRun alone = CliRun.of("train-head", "--images", dir.toString(), "--backbone", backbone.toString(), "--out",
        dir.resolve("head").toString(), "--preprocessing-backend", "pil");
    assertThat(alone.status()).isEqualTo(2);
    assertThat(alone.err()).contains("--preprocessing-backend applies to --preprocessing-from-huggingface only");
    Path config = Files.writeString(dir.resolve("preprocessor_config.json"),
        "{\"image_processor_type\": \"ViTImageProcessor\", \"size\": 224}");
    CliRun unknown = CliRun.of("train-head", "--images", dir.toString(), "--backbone", backbone.toString(), "--out",
        dir.resolve("head").toString(), "--preprocessing-from-huggingface", config.toString(),
        "--preprocessing-backend", "opencv");
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err()).contains("--preprocessing-backend must be torchvision or pil, got 'opencv'");
  }

  @Test
  void pluginsFromAFolderServeEveryCommand(@TempDir Path dir) throws Exception {
    Path plugins = PluginJars.constantStage(dir.resolve("plugins"), "always-ninety", 0.9);
    Path samples = BundledSamples.copyTo(dir.resolve("samples"));
    Path cascade = Files.writeString(dir.resolve("cascade.yaml"), """
        stages:
          - {name: ninety, type: always-ninety, exit: always}
        """);
    String cache = dir.resolve("table.json").toString();
    CliRun with = CliRun.of("eval", "--plugins", plugins.toString(), samples.toString(), cascade.toString(),
        "--out", dir.resolve("b").toString(), "--cache", cache);
    assertThat(with.status()).as(with.err()).isZero();
    assertThat(with.out()).contains("4 images (2 positive)").contains("accuracy 0.500");
    assertThat(Files.readString(dir.resolve("b/report.json"))).contains("\"ninety\"");

    // Without the folder the type is unknown, even though a table for this cascade and these images is cached.
    CliRun without = CliRun.of("eval", samples.toString(), cascade.toString(), "--out", dir.resolve("a").toString(),
        "--cache", cache);
    assertThat(without.status()).isEqualTo(2);
    assertThat(without.err()).contains("unknown stage type 'always-ninety'");
  }

  @Test
  void aValidatorWhoseChallengesAllMissExitsWithOne(@TempDir Path dir) throws Exception {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      deadPort = socket.getLocalPort();
    }
    CliRun run = CliRun.of("validate", "--hotkey", "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY", "--axon",
        "http://127.0.0.1:" + deadPort, "--challenges", "3", "--validators", "1", "--report",
        dir.resolve("report.json").toString());
    assertThat(run.status()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.err()).contains("answered none of the 3 challenges");
  }

  @Test
  void trainingOnAGpuThisMachineLacksIsAUsageProblemNamingTheEngine(@TempDir Path dir) {
    org.junit.jupiter.api.Assumptions.assumeTrue(ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount() < 8);
    CliRun run = CliRun.of("train-gate", "--scenes", "10", "--epochs", "1", "--device", "gpu7", "--out",
        dir.toString());
    assertThat(run.status()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains("--device: asks for gpu7").contains("DJL's PyTorch engine");
  }
}
