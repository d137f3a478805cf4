package io.cascade4j.detection.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade4j.detection.box.Box;
import io.cascade4j.vision.model.ModelOutput;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every layout against the reference decoders of {@code scripts/fixtures/detection_decoding.py}. */
class DetectionDecoderParityTest {
  private static final JsonNode FIXTURES = load();

  static Stream<JsonNode> cases() {
    JsonNode c = FIXTURES.get("cases");
    return IntStream.range(0, c.size()).mapToObj(c::get);
  }

  @ParameterizedTest(name = "{index}")
  @MethodSource("cases")
  void decodesAsTheReference(JsonNode c) {
    DetectionDecoder decoder = decoder(c);
    List<ModelOutput> outputs = new ArrayList<>();
    c.get("outputs").forEach(o -> outputs.add(new ModelOutput(floats(o.get("values")), longs(o.get("shape")))));
    List<Box> boxes = decoder.decode(outputs, FIXTURES.get("input").get(0).asInt(),
        FIXTURES.get("input").get(1).asInt());
    JsonNode expected = c.get("expected");
    assertThat(boxes).as(c.get("layout").asText()).hasSize(expected.size());
    for (int i = 0; i < boxes.size(); i++) {
      Box b = boxes.get(i);
      JsonNode e = expected.get(i);
      assertThat(b.classId()).isEqualTo(e.get(5).asInt());
      assertThat(b.score()).isCloseTo(e.get(4).asDouble(), within(1e-6));
      assertThat(new double[] {b.x1(), b.y1(), b.x2(), b.y2()}).containsExactly(
          new double[] {e.get(0).asDouble(), e.get(1).asDouble(), e.get(2).asDouble(), e.get(3).asDouble()},
          within(1e-3));
    }
  }

  @Test
  void aShapeThatDoesNotFitTheLayoutNamesBoth() {
    DetectionDecoder yolo = new DetectionDecoder(OutputLayout.YOLO_V8, 3, 0.25, 0.45, 100, 100);
    assertThatThrownBy(() -> yolo.decode(List.of(new ModelOutput(new float[6 * 10], new long[] {1, 10, 6})), 64, 64))
        .hasMessageContaining("YOLO_V8").hasMessageContaining("[1, 10, 6]").hasMessageContaining("3 classes");
    DetectionDecoder detr = new DetectionDecoder(OutputLayout.DETR, 4, 0.5, 0, 1, 10);
    ModelOutput boxes = new ModelOutput(new float[40], new long[] {1, 10, 4});
    assertThatThrownBy(() -> detr.decode(List.of(boxes), 64, 64)).hasMessageContaining("two outputs")
        .hasMessageContaining("rtdetr-ultralytics");
    assertThatThrownBy(() -> detr.decode(List.of(boxes, boxes), 64, 64)).hasMessageContaining("boxes-output");
    assertThat(new DetectionDecoder(OutputLayout.DETR, 4, 0.5, 0, 1, 10, 1, false).decode(List.of(boxes, boxes), 64, 64))
        .isEmpty(); // all logits 0: sigmoid 0.5 is not above the threshold
    assertThatThrownBy(() -> OutputLayout.parse("ssd")).hasMessageContaining("yolov8");
  }

  @Test
  void agnosticNmsSuppressesAcrossClasses() {
    // Two candidates on the same spot, one per class: per-class NMS keeps both, agnostic keeps the stronger.
    float[] raw = new float[6 * 2];
    float[][] rows = {{50, 50, 20, 20, 0.9f, 0.1f}, {51, 50, 20, 20, 0.1f, 0.8f}};
    for (int field = 0; field < 6; field++) {
      for (int i = 0; i < 2; i++) {
        raw[field * 2 + i] = rows[i][field];
      }
    }
    List<ModelOutput> out = List.of(new ModelOutput(raw, new long[] {1, 6, 2}));
    assertThat(new DetectionDecoder(OutputLayout.YOLO_V8, 2, 0.25, 0.45, 100, 100).decode(out, 128, 128)).hasSize(2);
    List<Box> agnostic = new DetectionDecoder(OutputLayout.YOLO_V8, 2, 0.25, 0.45, 100, 100, -1, true)
        .decode(out, 128, 128);
    assertThat(agnostic).hasSize(1);
    assertThat(agnostic.getFirst().classId()).isZero();
  }

  @Test
  void letterboxMappingUndoesTheLetterbox() {
    InputMapping m = InputMapping.letterbox(1280, 720, 640, 640); // gain 0.5, 360 rows of image, 140 rows of pad
    assertThat(m.padTop()).isEqualTo(140);
    assertThat(m.padLeft()).isZero();
    Box back = m.toOriginal(new Box(100, 150, 200, 600, 0.9, 1));
    assertThat(new double[] {back.x1(), back.y1(), back.x2(), back.y2()})
        .containsExactly(200, 20, 400, 720); // y2 clipped to the image
    assertThat(m.clipping(false).toOriginal(new Box(100, 150, 200, 600, 0.9, 1)).y2())
        .as("as Hugging Face's post-processing: not clipped").isEqualTo(920);
    InputMapping strided = InputMapping.letterbox(1280, 720, 640, 384); // stride 32: 24 rows of pad, 12 on top
    assertThat(strided.padTop()).isEqualTo(12);
    assertThat(strided.toOriginal(new Box(0, 12, 640, 372, 1, 0)).y2()).isEqualTo(720);
  }

  @Test
  void resizeMappingScalesEachAxis() {
    Box back = InputMapping.resize(1280, 720, 640, 640).toOriginal(new Box(64, 64, 320, 320, 1, 0));
    assertThat(new double[] {back.x1(), back.y1(), back.x2(), back.y2()}).containsExactly(128, 72, 640, 360);
  }

  private static DetectionDecoder decoder(JsonNode c) {
    return new DetectionDecoder(OutputLayout.parse(c.get("layout").asText()), c.get("classes").asInt(),
        c.get("conf").asDouble(), c.get("iou").asDouble(), Math.max(1, c.get("max_nms").asInt()),
        c.get("max_det").asInt());
  }

  private static float[] floats(JsonNode a) {
    float[] out = new float[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) a.get(i).asDouble();
    }
    return out;
  }

  private static long[] longs(JsonNode a) {
    long[] out = new long[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asLong();
    }
    return out;
  }

  private static JsonNode load() {
    try (InputStream in = DetectionDecoderParityTest.class.getResourceAsStream("/decode/fixtures.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
