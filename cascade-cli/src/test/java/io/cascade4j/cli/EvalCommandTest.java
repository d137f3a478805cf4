package io.cascade4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascade4j.core.evaluation.Evaluation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {
  private static final Path DEMO = BundledSamples.EXAMPLES.resolve("src/main/resources/roadwork-demo.yaml");

  @Test
  void evaluatesTheDemoCascadeOnTheBundledSamples(@TempDir Path dir) throws Exception {
    Path samples = BundledSamples.copyTo(dir.resolve("samples"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Evaluation.Report report = EvalCommand.run(samples, DEMO, dir.resolve("out"),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(report.images()).isEqualTo(4);
    assertThat(report.positives()).isEqualTo(2);
    assertThat(report.stages()).containsKeys("orange-gate", "orange", "vest-green", "hi-vis");
    assertThat(Files.readString(dir.resolve("out/report.json"))).contains("\"sn72Score\"")
        .contains("\"provenance\"").contains("\"cascadeSha256\"");
    assertThat(Files.readString(dir.resolve("out/report.html"))).contains("ROC").contains("orange-gate");
    // Shares rounded for reading: "orange-gate 100%", never "orange-gate=1.0" or 0.9999999999999997.
    assertThat(bytes.toString(StandardCharsets.UTF_8)).containsPattern("answered by [a-z-]+ \\d+%")
        .doesNotContainPattern("\\d\\.\\d{6,}");
  }

  @Test
  void aCachedTableStillYieldsTheHardCasesAndEachRunGetsItsOwnFolder(@TempDir Path dir) throws Exception {
    Path samples = BundledSamples.copyTo(dir.resolve("samples"));
    Path cache = dir.resolve("table.json");
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    EvalCommand.run(samples, DEMO, dir.resolve("first"), cache, quiet);
    EvalCommand.run(samples, DEMO, dir.resolve("second"), cache, quiet);
    assertThat(cache).exists();
    try (var first = Files.list(dir.resolve("first/hard-cases"));
        var second = Files.list(dir.resolve("second/hard-cases"))) {
      assertThat(second.count()).isEqualTo(first.count()).isGreaterThan(1);
    }
    assertThat(Files.readString(dir.resolve("second/report.html"))).contains("href=\"hard-cases/case-00000");
  }
}
