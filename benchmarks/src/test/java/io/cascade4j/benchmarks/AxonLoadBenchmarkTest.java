package io.cascade4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AxonLoadBenchmarkTest {
  @Test
  void readsTheCompilerThreadsOwnCpuTimeOnLinux() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux /proc only");
    // This JVM has compiled the test framework by now: its compiler threads have run.
    assertThat(AxonLoadBenchmark.compilerThreadsCpuNanos()).isPositive();
  }
}
