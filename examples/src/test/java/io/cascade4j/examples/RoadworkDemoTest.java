package io.cascade4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoadworkDemoTest {
  private static String run(Path folder, Path config) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RoadworkDemo.run(folder, config, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void runsTheBundledCascadeOnTheBundledSamples(@TempDir Path empty) throws Exception {
    String out = run(empty.resolve("missing"), null);
    assertThat(out).startsWith("4 images from the bundled samples");
    assertThat(out).contains("img_003.jpg", "img_022.jpg", "decided by: {", "agreement with labels: ");
    // The sample with the most cone orange is decided by the cheap gate.
    assertThat(out).containsPattern("img_022\\.jpg +0\\.99\\d +1 +orange-gate");
    assertThat(out).containsPattern("img_005\\.jpg +0\\.0\\d\\d +0 +orange-gate");
  }

  @Test
  void runsTheSharedRealPhotosWhenPresent() throws Exception {
    Path shared = Path.of("..", "..", "shared", "data", "real-roads");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(shared), "shared/data/real-roads is not here");
    String out = run(shared, null);
    assertThat(out).startsWith("22 images from ");
    assertThat(out).contains("img_018.png", "img_010.jpg");
  }

  @Test
  void acceptsACascadeFileOfItsOwn(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("mine.yaml");
    Files.writeString(config, "stages:\n  - {name: only, type: safety-colour, exit: always}\n");
    assertThat(run(dir.resolve("missing"), config)).contains("decided by: {only=4}");
  }
}
