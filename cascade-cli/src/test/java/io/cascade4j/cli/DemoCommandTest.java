package io.cascade4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade4j.miner.validator.ValidatorReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, shortened: the default cascade behind a real miner, scored by the local validator. */
class DemoCommandTest {
  @Test
  void servesTheDefaultCascadeToTheLocalValidator(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Path report = dir.resolve("report.json");
    ValidatorReport result = DemoCommand.run(BundledSamples.EXAMPLES.resolve("default/cascade.yaml"),
        ChallengeOptions.of(null, 40, 2, 3, "2026"), report,
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(result.misses()).as(out).isEmpty();
    assertThat(result.challenges()).isEqualTo(40);
    assertThat(result.exits().keySet()).as("stages that answered").containsAnyOf("hazards", "photo-gate", "signs");
    assertThat(out).contains("2026 (native size").contains("40 challenges, 40 answered").contains("score")
        .containsPattern("serving (photo-gate -> )?hazards -> signs").contains("left out: judge (vlm-judge): no VLM endpoint");
    assertThat(Files.readString(report)).contains("\"validators\"");
  }

  @Test
  void takesChallengesFromAFolderOfPhotos(@TempDir Path dir) throws Exception {
    Path shared = Path.of("..", "..", "shared", "data", "real-roads");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(shared), "shared/data/real-roads is not here");
    ValidatorReport result = DemoCommand.run(BundledSamples.EXAMPLES.resolve("default/cascade.yaml"),
        ChallengeOptions.of(shared, 12, 1, 5, "2026"),
        dir.resolve("report.json"), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(result.misses()).isEmpty();
    assertThat(result.confusion().values().stream().mapToLong(Long::longValue).sum()
        + result.consensus().getOrDefault("answered", 0)).as("graded or consensus tasks").isEqualTo(12);
  }
}
