package io.cascade4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade4j.core.config.CascadeConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrateCascadeTest {
  @Test
  void writesACalibratedCopyAndNeverTheOriginal(@TempDir Path dir) throws Exception {
    Path samples = Files.createDirectories(dir.resolve("samples"));
    for (String name : new String[] {"img_003.jpg", "img_005.jpg", "img_012.jpg", "img_022.jpg", "labels.csv"}) {
      Files.write(samples.resolve(name),
          CalibrateCascade.class.getResourceAsStream("/sample-images/" + name).readAllBytes());
    }
    Path cascade = dir.resolve("cascade.yaml");
    Files.write(cascade, CalibrateCascade.class.getResourceAsStream("/roadwork-demo.yaml").readAllBytes());
    String original = Files.readString(cascade);
    Path out = dir.resolve("calibrated.yaml");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CalibrateCascade.run(samples, cascade, out, 0.05, 0.1, dir.resolve("work"),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));

    // Four images prove nothing: no early exit can be shown safe, so the gate never exits.
    assertThat(new CascadeConfigLoader().load(out).steps().getFirst().exit().type()).isEqualTo("never");
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("orange-gate: no early exit could be shown")
        .contains("the step never exits");
    assertThat(Files.readString(cascade)).isEqualTo(original);
    assertThatThrownBy(() -> CalibrateCascade.run(samples, cascade, cascade, 0.05, 0.1, dir.resolve("work"),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
        .hasMessageContaining("must be a new file");
  }
}
