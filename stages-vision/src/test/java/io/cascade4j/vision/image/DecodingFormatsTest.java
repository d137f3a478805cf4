package io.cascade4j.vision.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every format and pixel layout from {@code scripts/fixtures/decoding_formats.py} decodes to what PIL's
 * {@code Image.open(f).convert("RGB")} gives: exactly for lossless files, within the small differences of two JPEG and
 * WebP decoder builds otherwise. EXIF orientation is ignored as PIL does; 16-bit keeps the high byte.
 */
class DecodingFormatsTest {
  static List<JsonNode> cases() throws IOException {
    List<JsonNode> out = new ArrayList<>();
    new ObjectMapper().readTree(read("cases.json")).get("cases").forEach(out::add);
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decodesAsPilSeesIt(JsonNode c) throws IOException {
    String file = c.get("file").asText();
    RgbImage image = ImageDecoder.standard().decode(read(file));
    assertThat(image.width()).as("width (EXIF rotation would swap it)").isEqualTo(c.get("width").asInt());
    assertThat(image.height()).isEqualTo(c.get("height").asInt());
    byte[] expected;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(read(file + ".rgb.gz")))) {
      expected = in.readAllBytes();
    }
    byte[] ours = image.pixels();
    int max = 0;
    long total = 0;
    for (int i = 0; i < ours.length; i++) {
      int d = Math.abs((ours[i] & 0xFF) - (expected[i] & 0xFF));
      max = Math.max(max, d);
      total += d;
    }
    if (c.get("lossless").asBoolean()) {
      assertThat(max).as("lossless %s must decode exactly", file).isZero();
    } else {
      // Different libjpeg/libwebp builds and colour conversions round differently; a wrong orientation, channel
      // order or colour model would give mean differences of tens of levels.
      assertThat((double) total / ours.length).as("mean abs difference in levels for %s", file).isLessThan(3.0);
    }
  }

  private static byte[] read(String name) throws IOException {
    try (InputStream in = DecodingFormatsTest.class.getResourceAsStream("/decoding/" + name)) {
      if (in == null) {
        throw new IOException("missing /decoding/" + name + "; run scripts/fixtures/decoding_formats.py");
      }
      return in.readAllBytes();
    }
  }
}
