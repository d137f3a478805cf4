package io.cascade4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's regression gate, on numbers rather than a timed run (the run itself is CI's smoke step). */
class BenchCommandTest {
  @Test
  void theOverheadIsARatioAgainstTheDirectCallOfTheSameRun() {
    Map<String, Object> r = BenchCommand.results(Map.of("direct", 10.0, "cascadeInline", 410.0,
        "cascadeThreadIsolated", 4000.0, "cascadeInlineEarlyExit", 200.0));
    assertThat(r).containsEntry("overheadNanos", 400.0).containsEntry("overheadRatio", 41.0);
  }

  @Test
  void theCommittedGoalPassesAndARegressionFails(@TempDir Path dir) throws Exception {
    BenchCommand.Goal goal = BenchCommand.Goal.read(Path.of("..", "benchmarks", "baseline.json"));
    assertThat(goal.maxRatio()).isGreaterThan(goal.measuredRatio());
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertThat(goal.check(goal.measuredRatio(), quiet, quiet)).isZero();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(goal.check(goal.maxRatio() * 1.01, quiet, new PrintStream(err, true, StandardCharsets.UTF_8)))
        .isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("REGRESSION");

    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"overheadRatio\": 3}");
    assertThatThrownBy(() -> BenchCommand.Goal.read(bad)).hasMessageContaining("needs maxOverheadRatio");
  }

  @Test
  void theSignatureGateFailsPastItsRatio() throws Exception {
    BenchCommand.Goal goal = BenchCommand.Goal.read(Path.of("..", "benchmarks", "baseline.json"));
    assertThat(goal.maxSignatureRatio()).isBetween(1.0, 2.0);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertThat(goal.checkSignatures(1.43, quiet, quiet)).isZero();
    assertThat(goal.checkSignatures(1.89, quiet, quiet)).isEqualTo(1);
  }

  @Test
  void theAxonLoadRunAnswersEveryRequestAndReportsItsFigures() throws Exception {
    io.cascade4j.benchmarks.AxonLoadBenchmark.Result r = io.cascade4j.benchmarks.AxonLoadBenchmark.run(4, 200, 20);
    assertThat(r.failures()).isZero();
    assertThat(r.perSecond()).isPositive();
    assertThat(r.p99Millis()).isGreaterThanOrEqualTo(r.p50Millis());
    assertThat(r.maxMillis()).isGreaterThanOrEqualTo(r.p99Millis());
    assertThat(r.shareOfVerifyBound()).isPositive();
    // Both sides spend CPU; verification is part of the server's, so never more than all of it.
    assertThat(r.serverCpuMicros()).isGreaterThan(r.verifyMicros() * 0.5);
    assertThat(r.clientCpuMicros()).isPositive();
    assertThat(r.serverShareOfVerifyBound()).isBetween(0.0, 2.0);
    // The floor answered the same requests (else run throws) and costs something; it bounds the share from above.
    assertThat(r.floorPerSecond()).isPositive();
    assertThat(r.floorCpuMicros()).isPositive();
    assertThat(r.transportBoundShareOfVerifyBound()).isStrictlyBetween(0.0, 1.0);
    assertThat(r.bodyWorkMicros()).isPositive();
    assertThat(r.workBoundShareOfVerifyBound()).isStrictlyBetween(0.0, r.transportBoundShareOfVerifyBound());
  }

  @Test
  void theAxonLoadRunCarriesNativeSizeImagesAndRefusesAMalformedSize() throws Exception {
    io.cascade4j.benchmarks.AxonLoadBenchmark.Result r =
        io.cascade4j.benchmarks.AxonLoadBenchmark.run(2, 20, 2, "1920x1080");
    assertThat(r.failures()).isZero();
    CliRun malformed = CliRun.of("bench", "--axon", "--image-size", "huge");
    assertThat(malformed.status()).isEqualTo(2);
    assertThat(malformed.err()).contains("image size must be WIDTHxHEIGHT");
  }
}
