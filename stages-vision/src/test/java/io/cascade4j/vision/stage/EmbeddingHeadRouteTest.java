package io.cascade4j.vision.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.EncodedImage;
import io.cascade4j.api.Evidence;
import io.cascade4j.api.Problem;
import io.cascade4j.api.Query;
import io.cascade4j.api.Settings;
import io.cascade4j.api.Stage;
import io.cascade4j.testkit.TestQueryContext;
import io.cascade4j.vision.head.HeadTraining;
import io.cascade4j.vision.head.HeadTrainingTest;
import io.cascade4j.vision.model.GoldenModels;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding-head stage's {@code route}: a second head on the same embedding sends images below its threshold to
 * another backbone and head (here a pixel-reading CNN, as the default cascade's scene gate), and the evidence says
 * which answered. Heads are trained here: the main and domain heads on the tiny backbone's 16-value embeddings, the
 * routed one on 8x8 pixels.
 */
class EmbeddingHeadRouteTest {
  @TempDir static Path dir;
  private static Path mainHead;
  private static Path domainHead;
  private static Path pixelHead;
  private static final Map<String, Object> PIXELS =
      Map.of("resize", "letterbox", "width", 8, "height", 8, "normalization", "half");

  @BeforeAll
  static void trainHeads() throws Exception {
    int[] labels = new int[80];
    mainHead = dir.resolve("main");
    HeadTraining.train(HeadTrainingTest.embeddings(80, labels, 5), labels,
        new HeadTraining.Options("mlp", 16, 0.1, 5, 16, 1e-2, 0.01, 5, 0.25, true, 1), mainHead, (e, m, t, v, a) -> { });
    domainHead = dir.resolve("domain");
    HeadTraining.train(HeadTrainingTest.embeddings(80, labels, 6), labels,
        new HeadTraining.Options("linear", 0, 0.0, 5, 16, 1e-2, 0.01, 5, 0.25, true, 2), domainHead,
        (e, m, t, v, a) -> { });
    Random random = new Random(7);
    float[][] pixels = new float[60][3 * 8 * 8];
    int[] pixelLabels = new int[60];
    for (int i = 0; i < pixels.length; i++) {
      pixelLabels[i] = i % 2;
      for (int j = 0; j < pixels[i].length; j++) {
        pixels[i][j] = (float) (random.nextGaussian() * 0.3 + (pixelLabels[i] == 1 ? 0.3 : -0.3));
      }
    }
    pixelHead = dir.resolve("pixels");
    HeadTraining.train(pixels, pixelLabels,
        new HeadTraining.Options("cnn", 0, 0.1, 3, 16, 1e-2, 0.01, 3, 0.25, true, 3), pixelHead,
        (e, m, t, v, a) -> { });
  }

  private static Map<String, Object> stage(Map<String, Object> route) {
    Map<String, Object> s = new HashMap<>(Map.of("model", GoldenModels.model("tiny-backbone.onnx").toString(),
        "head", mainHead.toString(),
        "preprocessing", Map.of("resize", "exact", "width", 64, "height", 64, "normalization", "imagenet")));
    if (!route.isEmpty()) {
      s.put("route", route);
    }
    return s;
  }

  private static Map<String, Object> route(double below) {
    return Map.of("by", domainHead.toString(), "below", below, "model", "pixels", "head", pixelHead.toString(),
        "preprocessing", PIXELS);
  }

  private static Evidence evaluate(Map<String, Object> settings, byte[] png) throws Exception {
    try (Stage stage = new EmbeddingHeadStageProvider().create(Settings.of(settings));
        TestQueryContext context = TestQueryContext.of(Query.of(EncodedImage.png(png)))) {
      return stage.evaluate(context);
    }
  }

  @Test
  void anImageAtOrAboveTheThresholdIsAnsweredByTheMainHeadAndBelowItByTheRoute() throws Exception {
    byte[] png = ClassifierStageTest.smallPng();
    double main = evaluate(stage(Map.of()), png).probability();
    double routed = evaluate(Map.of("model", "pixels", "head", pixelHead.toString(), "preprocessing", PIXELS), png)
        .probability();
    assertThat(routed).as("the two heads must differ for this test to tell them apart").isNotEqualTo(main);

    Evidence never = evaluate(stage(route(0.0)), png);
    double domain = never.extra(EmbeddingHeadStage.DOMAIN_EXTRA, Double.class).orElseThrow();
    assertThat(domain).isBetween(0.0, 1.0);
    assertThat(never.probability()).isEqualTo(main);
    assertThat(never.extras()).doesNotContainKey(EmbeddingHeadStage.ROUTED_EXTRA);

    Evidence justAbove = evaluate(stage(route(Math.nextUp(domain))), png);
    assertThat(justAbove.probability()).isEqualTo(routed);
    assertThat(justAbove.extra(EmbeddingHeadStage.ROUTED_EXTRA, Boolean.class)).contains(true);
    assertThat(justAbove.extra(EmbeddingHeadStage.DOMAIN_EXTRA, Double.class)).contains(domain);

    Evidence atIt = evaluate(stage(route(domain)), png);
    assertThat(atIt.probability()).isEqualTo(main);
    assertThat(atIt.extras()).doesNotContainKey(EmbeddingHeadStage.ROUTED_EXTRA);
  }

  @Test
  void aRouteThroughABackboneEmbedsWithIt() throws Exception {
    byte[] png = ClassifierStageTest.smallPng();
    Map<String, Object> throughBackbone = new HashMap<>(route(1.0));
    throughBackbone.putAll(Map.of("model", GoldenModels.model("tiny-backbone.onnx").toString(),
        "head", domainHead.toString(),
        "preprocessing", Map.of("resize", "exact", "width", 64, "height", 64, "normalization", "imagenet")));
    Evidence routed = evaluate(stage(throughBackbone), png);
    // The route's head is the domain head itself here, on the same backbone: it must give the domain score.
    assertThat(routed.probability()).isEqualTo(routed.extra(EmbeddingHeadStage.DOMAIN_EXTRA, Double.class)
        .orElseThrow());
    assertThat(routed.extra(EmbeddingHeadStage.ROUTED_EXTRA, Boolean.class)).contains(true);
  }

  @Test
  void aBadRouteIsReportedUnderItsKeys() {
    Map<String, Object> bad = new HashMap<>(route(1.5));
    bad.remove("preprocessing");
    bad.remove("head");
    assertThatThrownBy(() -> new EmbeddingHeadStageProvider().create(Settings.of(stage(bad))))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).extracting(Problem::path)
            .contains("route.below", "route.preprocessing", "route.head"));

    Map<String, Object> otherFeatures = new HashMap<>(route(0.5));
    otherFeatures.put("by", pixelHead.toString()); // reads 192 pixels, not the backbone's 16 values
    assertThatThrownBy(() -> new EmbeddingHeadStageProvider().create(Settings.of(stage(otherFeatures))))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
            .anySatisfy(p -> {
              assertThat(p.path()).isEqualTo("route.by");
              assertThat(p.message()).contains("192-value", "16");
            }));

    Map<String, Object> unknown = new HashMap<>(route(0.5));
    unknown.put("threshold", 0.5);
    assertThatThrownBy(() -> new EmbeddingHeadStageProvider().create(Settings.of(stage(unknown))))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).extracting(Problem::path)
            .contains("route.threshold"));
  }
}
