package io.cascade4j.vision.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade4j.vision.image.ImageDecoder;
import io.cascade4j.vision.image.RgbImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our decode + preprocessing against torchvision 0.14 / Pillow 9.4 on the fixtures written by
 * {@code scripts/fixtures/preprocessing_parity.py}: real road photos, SN72-like 224x224 q75 JPEGs and a PNG, through
 * antialiased (PIL) and non-antialiased (tensor) resizes, centre crops and normalisations.
 */
class TorchvisionParityTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ImageDecoder DECODER = ImageDecoder.standard();

  static List<JsonNode> cases() throws IOException {
    List<JsonNode> out = new ArrayList<>();
    JSON.readTree(resource("cases.json")).get("cases").forEach(out::add);
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void geometryMatchesTorchvisionWithinOneLevel(JsonNode c) throws IOException {
    Preprocessing p = pipeline(c.get("pipeline"));
    RgbImage ours = p.geometry(DECODER.decode(resource(c.get("image").asText())));
    byte[] expected = gunzip(c.get("u8").asText());
    int h = c.get("shape").get(1).asInt();
    int w = c.get("shape").get(2).asInt();
    assertThat(ours.width()).isEqualTo(w);
    assertThat(ours.height()).isEqualTo(h);
    int maxDiff = 0;
    for (int ch = 0; ch < 3; ch++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          maxDiff = Math.max(maxDiff, Math.abs(ours.get(x, y, ch) - (expected[(ch * h + y) * w + x] & 0xFF)));
        }
      }
    }
    // One 8-bit level is 1/255 in [0, 1] units: the bound we promise. Decoders (libjpeg in OpenCV vs Pillow) may
    // differ by one level on JPEG pixels, and ATen's vectorised float interpolation (antialias off) rounds a few
    // ties differently; PIL's integer resize on a lossless PNG must match exactly.
    assertThat(maxDiff).as("max abs difference in 8-bit levels").isLessThanOrEqualTo(1);
    if (c.get("image").asText().endsWith(".png") && c.get("pipeline").get("antialias").asBoolean()) {
      assertThat(maxDiff).as("PNG decoding is lossless, so the resize itself must be exact").isZero();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void scalingAndNormalisationAreExactOnTheSameEightBitImage(JsonNode c) throws IOException {
    if (!c.has("f32")) {
      return;
    }
    int h = c.get("shape").get(1).asInt();
    int w = c.get("shape").get(2).asInt();
    byte[] chw = gunzip(c.get("u8").asText());
    byte[] hwc = new byte[chw.length];
    for (int ch = 0; ch < 3; ch++) {
      for (int i = 0; i < h * w; i++) {
        hwc[i * 3 + ch] = chw[ch * h * w + i];
      }
    }
    Preprocessing normaliseOnly = Preprocessing.builder()
        .normalization(Normalization.preset(c.get("pipeline").get("norm").asText())).build();
    float[] ours = normaliseOnly.apply(RgbImage.of(w, h, hwc)).floats();
    float[] expected = new float[ours.length];
    ByteBuffer.wrap(gunzip(c.get("f32").asText())).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(expected);
    assertThat(ours).as("bit-exact float32 tensor").isEqualTo(expected);
  }

  static Preprocessing pipeline(JsonNode p) {
    Preprocessing.Builder b = Preprocessing.builder()
        .interpolation(Interpolation.fromName(p.get("interp").asText()))
        .antialias(p.get("antialias").asBoolean())
        .normalization(Normalization.preset(p.get("norm").asText()));
    JsonNode resize = p.get("resize");
    if (resize.isInt()) {
      b.resizeShorterSide(resize.asInt());
    } else if (resize.isArray()) {
      b.resizeExact(resize.get(1).asInt(), resize.get(0).asInt()); // torchvision sizes are [h, w]
    }
    if (p.get("crop").isInt()) {
      b.centerCrop(p.get("crop").asInt(), p.get("crop").asInt());
    }
    return b.build();
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = TorchvisionParityTest.class.getResourceAsStream("/preprocess/" + name)) {
      if (in == null) {
        throw new IOException("missing fixture /preprocess/" + name + "; run scripts/fixtures/preprocessing_parity.py");
      }
      return in.readAllBytes();
    }
  }

  private static byte[] gunzip(String name) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(resource(name)))) {
      return in.readAllBytes();
    }
  }
}
