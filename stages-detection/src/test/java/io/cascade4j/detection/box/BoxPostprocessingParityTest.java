package io.cascade4j.detection.box;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * NMS against {@code torchvision.ops.nms} / {@code batched_nms}, and WBF against the paper's algorithm written
 * independently in Python, on the fixtures of {@code scripts/fixtures/box_postprocessing.py}.
 */
class BoxPostprocessingParityTest {
  private static final JsonNode FIXTURES = load();

  static Stream<JsonNode> nmsCases() {
    return IntStream.range(0, FIXTURES.get("nms").size()).mapToObj(FIXTURES.get("nms")::get);
  }

  static Stream<JsonNode> wbfCases() {
    return IntStream.range(0, FIXTURES.get("wbf").size()).mapToObj(FIXTURES.get("wbf")::get);
  }

  @ParameterizedTest
  @MethodSource("nmsCases")
  void nmsKeepsExactlyWhatTorchvisionKeeps(JsonNode c) {
    List<Box> boxes = boxes(c.get("boxes"));
    double iou = c.get("iou").asDouble();
    assertThat(NonMaximumSuppression.classAgnostic(boxes, iou)).containsExactly(ints(c.get("agnostic")));
    assertThat(NonMaximumSuppression.perClass(boxes, iou)).containsExactly(ints(c.get("per_class")));
  }

  @ParameterizedTest
  @MethodSource("wbfCases")
  void wbfEqualsTheReference(JsonNode c) {
    List<List<Box>> models = new ArrayList<>();
    c.get("models").forEach(m -> models.add(boxes(m)));
    double[] weights = new double[c.get("weights").size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = c.get("weights").get(i).asDouble();
    }
    List<Box> fused = WeightedBoxesFusion.fuse(models, weights, c.get("iou").asDouble(), c.get("skip").asDouble());
    List<Box> expected = boxes(c.get("fused"));
    assertThat(fused).hasSameSizeAs(expected);
    for (int i = 0; i < fused.size(); i++) {
      Box a = fused.get(i);
      Box e = expected.get(i);
      assertThat(a.classId()).isEqualTo(e.classId());
      assertThat(new double[] {a.x1(), a.y1(), a.x2(), a.y2(), a.score()})
          .containsExactly(new double[] {e.x1(), e.y1(), e.x2(), e.y2(), e.score()}, within(1e-9));
    }
  }

  @Test
  void aBoxSeenByOneOfTwoModelsCountsLess() {
    Box a = new Box(0, 0, 10, 10, 0.8, 0);
    Box b = new Box(1, 0, 11, 10, 0.6, 0);
    List<Box> both = WeightedBoxesFusion.fuse(List.of(List.of(a), List.of(b)), new double[] {1, 1}, 0.5, 0);
    assertThat(both).hasSize(1);
    assertThat(both.get(0).score()).isCloseTo(0.7, within(1e-12));
    assertThat(both.get(0).x1()).isCloseTo((0.8 * 0 + 0.6 * 1) / 1.4, within(1e-12));
    List<Box> one = WeightedBoxesFusion.fuse(List.of(List.of(a), List.of()), new double[] {1, 1}, 0.5, 0);
    assertThat(one.get(0).score()).isCloseTo(0.4, within(1e-12));
  }

  private static List<Box> boxes(JsonNode rows) {
    List<Box> out = new ArrayList<>();
    rows.forEach(r -> out.add(new Box(r.get(0).asDouble(), r.get(1).asDouble(), r.get(2).asDouble(),
        r.get(3).asDouble(), r.get(4).asDouble(), r.get(5).asInt())));
    return out;
  }

  private static int[] ints(JsonNode a) {
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asInt();
    }
    return out;
  }

  private static JsonNode load() {
    try (InputStream in = BoxPostprocessingParityTest.class.getResourceAsStream("/box/fixtures.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
