package io.cascade4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Progress written to a log rather than a terminal: whole lines, each with the count, rate and time left. */
class JobProgressTest {
  @Test
  void plainOutputGetsPeriodicLinesWithRateAndEta() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    try (JobProgress progress = JobProgress.start("running every stage", 40, "images", out, false,
        Duration.ofMillis(50))) {
      for (int i = 1; i <= 40; i++) {
        progress.stepTo(i);
        Thread.sleep(5);
      }
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
    assertThat(text).doesNotContain("\r");
    assertThat(lines).hasSizeGreaterThan(1).allSatisfy(line -> assertThat(line).startsWith("running every stage"));
    // The count, the elapsed and remaining time "(0:00:01 / 0:00:03)", and the rate.
    assertThat(lines.getLast()).contains("40/40").containsPattern("\\(\\d+:\\d\\d:\\d\\d / \\d+:\\d\\d:\\d\\d\\)")
        .contains("images/s");
  }
}
