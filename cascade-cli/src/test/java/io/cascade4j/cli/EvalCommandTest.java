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
  @Test
  void evaluatesTheDemoCascadeOnTheBundledSamples(@TempDir Path dir) throws Exception {
    Path samples = BundledSamples.copyTo(dir.resolve("samples"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Evaluation.Report report = EvalCommand.run(samples, BundledSamples.EXAMPLES.resolve("src/main/resources/roadwork-demo.yaml"), dir.resolve("out"),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(report.images()).isEqualTo(4);
    assertThat(report.positives()).isEqualTo(2);
    assertThat(report.stages()).containsKeys("orange-gate", "orange", "vest-green", "hi-vis");
    assertThat(Files.readString(dir.resolve("out/report.json"))).contains("\"sn72Score\"");
    assertThat(Files.readString(dir.resolve("out/report.html"))).contains("ROC").contains("orange-gate");
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("answered by");
  }
}
