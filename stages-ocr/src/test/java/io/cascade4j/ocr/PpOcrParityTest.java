package io.cascade4j.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade4j.vision.image.ImageDecoder;
import io.cascade4j.vision.image.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PP-OCR backend against the project's Python reference of PaddleOCR's pipeline (scripts/ocr/ppocr_reference.py:
 * onnxruntime, opencv-python, numpy; run here from the conformance suite's venv): on the 36 rendered ROAD WORK AHEAD
 * signs and on the shared street photos that show text, every image must give the same lines with the same strings,
 * their boxes within 2 pixels (OnnxRuntime 1.21 in Java and 1.30 in Python differ in the last bits of the
 * probability map). Lossless PNG inputs, so both sides see the same pixels.
 */
class PpOcrParityTest {
  private static final Path PYTHON = Path.of("..", "target", "conformance-venv", "bin", "python");
  private static final Path SHARED = Path.of("..", "..", "shared", "data");
  /** Shared photos with text in them: signs, shop fronts, a text overlay, a number plate. */
  private static final List<String> PHOTOS_WITH_TEXT = List.of("real-roads-2/r2_0016.jpg", "real-roads-2/r2_0267.jpg",
      "real-roads-2/r2_0271.jpg", "real-roads/img_003.jpg", "real-roads/img_004.jpg", "real-roads/img_014.jpg",
      "real-roads/img_020.jpg");

  @Test
  void theSameLinesAsThePythonReference(@TempDir Path dir) throws Exception {
    Path models = PpOcrModels.assumeInstalled();
    boolean ci = System.getenv("CI") != null;
    if (!ci) {
      Assumptions.assumeTrue(Files.isExecutable(PYTHON), "no " + PYTHON + " (scripts/conformance/prepare.sh)");
    }
    Map<String, RgbImage> images = new TreeMap<>();
    ImageDecoder decoder = ImageDecoder.standard();
    for (SignImages.Named sign : SignImages.roadWorkAhead()) {
      images.put("sign_" + sign.name().replace(' ', '_') + ".png", decoder.decode(png(sign.image())));
    }
    for (String photo : PHOTOS_WITH_TEXT) {
      Path file = SHARED.resolve(photo);
      if (Files.isRegularFile(file) || ci) {
        // Decoded once here and handed to Python as PNG: two JPEG decoders may differ by a level.
        images.put("photo_" + file.getFileName().toString().replace(".jpg", ".png"),
            decoder.decode(Files.readAllBytes(file)));
      }
    }
    for (Map.Entry<String, RgbImage> image : images.entrySet()) {
      Files.write(dir.resolve(image.getKey()), png(image.getValue()));
    }
    Process python = new ProcessBuilder(PYTHON.toString(), Path.of("..", "scripts", "ocr", "ppocr_reference.py")
        .toString(), models.toString(), dir.toString()).redirectErrorStream(true).start();
    String log = new String(python.getInputStream().readAllBytes());
    assertThat(python.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(python.exitValue()).as("the Python reference: %s", log).isZero();
    JsonNode reference = new ObjectMapper().readTree(dir.resolve("ppocr-reference.json").toFile());

    List<String> report = new ArrayList<>();
    try (PpOcrBackend backend = new PpOcrBackend(models, 1)) {
      for (Map.Entry<String, RgbImage> image : images.entrySet()) {
        List<PpOcrBackend.Line> ours = backend.lines(image.getValue());
        JsonNode theirs = reference.get(image.getKey());
        List<String> ourTexts = ours.stream().map(PpOcrBackend.Line::text).toList();
        List<String> theirTexts = new ArrayList<>();
        theirs.forEach(line -> theirTexts.add(line.get("text").asText()));
        report.add(image.getKey() + ": " + ourTexts);
        assertThat(ourTexts).as("%s: the lines read", image.getKey()).isEqualTo(theirTexts);
        for (int i = 0; i < ours.size(); i++) {
          JsonNode box = theirs.get(i).get("box");
          for (int corner = 0; corner < 4; corner++) {
            for (int axis = 0; axis < 2; axis++) {
              assertThat(Math.abs(ours.get(i).box()[corner][axis] - box.get(corner).get(axis).asInt()))
                  .as("%s line %d corner %d", image.getKey(), i, corner).isLessThanOrEqualTo(2);
            }
          }
        }
      }
    }
    System.out.println("PP-OCR, Java and Python alike:\n  " + String.join("\n  ", report));
  }

  private static byte[] png(java.awt.image.BufferedImage image) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private static byte[] png(RgbImage image) throws IOException {
    java.awt.image.BufferedImage out = new java.awt.image.BufferedImage(image.width(), image.height(),
        java.awt.image.BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < image.width(); x++) {
        out.setRGB(x, y, image.get(x, y, 0) << 16 | image.get(x, y, 1) << 8 | image.get(x, y, 2));
      }
    }
    return png(out);
  }
}
