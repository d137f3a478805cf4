package io.cascade4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged distribution ({@code target/cascade4j-VERSION}) as a user runs it: its own launcher and jars, no Maven,
 * started from another directory, with paths relative to that directory (spaces included).
 */
class DistributionIT {
  private static final Path HOME = Path.of(System.getProperty("distribution", "target/cascade4j"));

  private record Result(int status, String out) {}

  private static Result run(Path cwd, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(HOME.resolve("bin/cascade4j").toAbsolutePath().toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  @Test
  void theLauncherRunsTheCommandLineFromItsOwnJars(@TempDir Path cwd) throws Exception {
    assertThat(HOME.resolve("lib")).isDirectory();
    assertThat(HOME.resolve("default/cascade.yaml")).isRegularFile();
    assertThat(HOME.resolve("LICENSE")).isRegularFile();
    try (var jars = Files.list(HOME.resolve("lib"))) {
      List<String> names = jars.map(p -> p.getFileName().toString()).toList();
      assertThat(names).anyMatch(n -> n.startsWith("org.slf4j.slf4j-simple"));
      // Natives for linux-x86_64 only: no -platform artifacts, no other operating system.
      assertThat(names).noneMatch(n -> n.contains("-platform") || n.contains("windows") || n.contains("macosx"));
    }
    Result version = run(cwd, "--version");
    assertThat(version.status()).as(version.out()).isZero();
    assertThat(version.out()).contains("cascade4j " + System.getProperty("project.version"));
  }

  @Test
  void pathsAreRelativeToTheCallersDirectoryAndMayHaveSpaces(@TempDir Path cwd) throws Exception {
    Result scenes = run(cwd, "scenes", "--out", "my scenes", "--count", "2", "--width", "96", "--height", "64");
    assertThat(scenes.status()).as(scenes.out()).isZero();
    assertThat(cwd.resolve("my scenes/labels.csv")).isRegularFile();
    assertThat(Files.readAllLines(cwd.resolve("my scenes/labels.csv"))).hasSize(3);
  }

  @Test
  void theMinerChecksTheDefaultCascadeAndLogsThroughTheBackend(@TempDir Path cwd) throws Exception {
    Files.writeString(cwd.resolve("miner.yaml"), """
        cascade: %s
        axons:
          - {hotkey: 5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY, port: 0}
        """.formatted(HOME.resolve("default/cascade.yaml").toAbsolutePath()));
    Result check = run(cwd, "miner", "check", "--config", "miner.yaml");
    assertThat(check.status()).as(check.out()).isZero();
    assertThat(check.out()).contains("ok: 1 axon(s)").contains("INFO Cascades - cascade 'roadwork-default' ready");
    Result quiet = run(cwd, "--log-level", "error", "miner", "check", "--config", "miner.yaml");
    assertThat(quiet.status()).isZero();
    assertThat(quiet.out()).contains("ok: 1 axon(s)").doesNotContain("INFO");
  }
}
