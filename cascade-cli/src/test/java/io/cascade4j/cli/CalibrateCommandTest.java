package io.cascade4j.cli;

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

class CalibrateCommandTest {
  @Test
  void writesACalibratedCopyAndNeverTheOriginal(@TempDir Path dir) throws Exception {
    Path samples = BundledSamples.copyTo(dir.resolve("samples"));
    Path cascade = dir.resolve("cascade.yaml");
    Files.copy(BundledSamples.EXAMPLES.resolve("src/main/resources/roadwork-demo.yaml"), cascade);
    String original = Files.readString(cascade);
    Path out = dir.resolve("calibrated.yaml");
    // Four images (three to calibrate on) prove nothing, and calibration says so instead of writing a file.
    assertThatThrownBy(() -> CalibrateCommand.run(samples, cascade, out, 0.05, 0.1, 72, dir.resolve("work"),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
        .hasMessageContaining("the calibration set has 3 images").hasMessageContaining("needs at least 45");
    assertThat(Files.exists(out)).isFalse();

    // Generated scenes are enough to calibrate the demo cascade.
    Path scenes = Files.createDirectories(dir.resolve("scenes"));
    StringBuilder labels = new StringBuilder("file,label\n");
    for (int i = 0; i < 240; i++) {
      boolean roadwork = i % 2 == 0;
      Files.write(scenes.resolve("s" + i + ".png"),
          io.cascade4j.testkit.TestImages.png(io.cascade4j.testkit.TestImages.scene(96, 96, roadwork, i))
              .toByteArray());
      labels.append("s").append(i).append(".png,").append(roadwork ? 1 : 0).append('\n');
    }
    Files.writeString(scenes.resolve("labels.csv"), labels.toString());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CalibrateCommand.run(scenes, cascade, out, 0.05, 0.1, 72, dir.resolve("work"),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    var calibrated = new CascadeConfigLoader().load(out);
    assertThat(calibrated.operatingPoint()).isNotNull();
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("orange-gate: ").contains("written: ")
        .contains("held out (72 images): accuracy");
    assertThat(Files.readString(out)).contains("168 of 240 images (seeded shuffle, seed 72), 72 held out");
    assertThat(Files.readString(cascade)).isEqualTo(original);
    Path crossValidated = dir.resolve("cv.yaml");
    ByteArrayOutputStream cvOut = new ByteArrayOutputStream();
    CalibrateCommand.run(scenes, cascade, crossValidated, 0.05, 0.1, 72, 5,
        io.cascade4j.core.evaluation.CascadeCalibration.Exits.FIT, dir.resolve("work"),
        new PrintStream(cvOut, true, StandardCharsets.UTF_8));
    assertThat(cvOut.toString(StandardCharsets.UTF_8)).contains("5-fold cross-validation of the whole calibration")
        .doesNotContain("held out (");
    assertThat(Files.readString(crossValidated)).contains("240 of 240 images").contains("cross-validation: ");
    CliRun badExits = CliRun.of("calibrate", scenes.toString(), cascade.toString(), dir.resolve("k.yaml").toString(),
        "--exits", "sometimes");
    assertThat(badExits.status()).isEqualTo(2);
    assertThat(badExits.err()).contains("--exits must be fit or keep");
    assertThatThrownBy(() -> CalibrateCommand.run(samples, cascade, cascade, 0.05, 0.1, 72, dir.resolve("work"),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
        .hasMessageContaining("must be a new file");
  }
}
