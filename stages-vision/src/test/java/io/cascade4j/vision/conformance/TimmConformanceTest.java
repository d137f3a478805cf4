package io.cascade4j.vision.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade4j.api.EncodedImage;
import io.cascade4j.api.Evidence;
import io.cascade4j.api.Query;
import io.cascade4j.api.Settings;
import io.cascade4j.api.Stage;
import io.cascade4j.testkit.TestQueryContext;
import io.cascade4j.vision.head.EmbeddingBackbone;
import io.cascade4j.vision.image.ImageDecoder;
import io.cascade4j.vision.model.InferenceEngine;
import io.cascade4j.vision.model.PooledModel;
import io.cascade4j.vision.preprocess.ModelPreprocessingConfigs;
import io.cascade4j.vision.preprocess.Preprocessing;
import io.cascade4j.vision.stage.ClassifierStageProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance suite on real timm architectures (MobileNetV4, ConvNeXt, ResNet, EfficientNet, a SigLIP image
 * tower, a DINOv3 ViT with four register tokens) at random seeded weights, exported as users export them
 * (TorchScript trace; ONNX opset 17 with the TorchScript-based exporter; ONNX from torch 2.13's default dynamo exporter,
 * opset 20 with external weights, where it succeeds): each export goes through the real {@code classifier} stage from its settings
 * with {@code from-timm} preprocessing, from the image bytes of real photos, and must give what timm computed in
 * Python. Made by scripts/conformance/prepare.sh
 * (which {@code ./cascade4j test} runs) into target/conformance; without it the suite skips, and fails under CI=true.
 */
class TimmConformanceTest {
  private static final Path DIR = ConformanceSuite.DIR;
  private static final ImageDecoder DECODER = ImageDecoder.standard();

  private static JsonNode golden() throws IOException {
    return ConformanceSuite.golden("golden.json");
  }

  static List<Arguments> exports() throws IOException {
    JsonNode g = golden();
    List<Arguments> out = new ArrayList<>();
    g.get("models").properties().forEach(model -> model.getValue().get("exports").properties().forEach(export -> {
      if (export.getValue().asText().equals("ok")) {
        out.add(Arguments.of(model.getKey(), export.getKey()));
      }
    }));
    return out;
  }

  /** Exports made to fail, and what the error must tell the user: opset 23 is newer than OnnxRuntime 1.21 runs. */
  private static final Map<String, String> CANNOT_LOAD = Map.of(
      "resnet opset23.onnx", "uses ONNX opset 23, and DJL's OnnxRuntime 1.21 runs opsets up to 22");

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("exports")
  void theClassifierStageGivesWhatTimmGives(String family, String export) throws Exception {
    JsonNode g = golden();
    JsonNode model = g.get("models").get(family);
    Path folder = DIR.resolve(family);
    Map<String, Object> settings = Map.of("model", folder.resolve(export).toString(),
        "labels", List.of("other", "roadwork"), "positive-label", "roadwork", "workers", 1,
        "preprocessing", Map.of("from-timm", folder.resolve("config.json").toString()));
    String cannotLoad = CANNOT_LOAD.get(family + " " + export);
    if (cannotLoad != null) {
      assertThatThrownBy(() -> new ClassifierStageProvider().create(Settings.of(settings)).close())
          .isInstanceOf(io.cascade4j.api.ConfigurationException.class).hasMessageContaining(cannotLoad)
          .hasMessageContaining("export again with opset_version=22");
      return;
    }
    Preprocessing preprocessing = ModelPreprocessingConfigs.timm(folder.resolve("config.json")).build();
    try (Stage stage = new ClassifierStageProvider().create(Settings.of(settings));
        PooledModel direct = PooledModel.load(folder.resolve(export), InferenceEngine.select("auto",
            folder.resolve(export)), 1)) {
      for (JsonNode image : g.get("images")) {
        byte[] png = Files.readAllBytes(DIR.resolve("images").resolve(image.asText()));
        Evidence e = stage.evaluate(TestQueryContext.of(Query.of(EncodedImage.of("image/png", png))));
        double expected = model.get("probabilities").get(image.asText()).get(1).asDouble();
        assertThat(e.probability()).as("%s %s %s P(roadwork)", family, export, image.asText())
            .isCloseTo(expected, within(1e-4));

        Preprocessing.Prepared prepared = preprocessing.prepare(DECODER.decode(png));
        float[] logits = direct.run(prepared.batchShape(), prepared::writeInto).values();
        JsonNode want = model.get("logits").get(image.asText());
        for (int i = 0; i < logits.length; i++) {
          double w = want.get(i).asDouble();
          assertThat((double) logits[i]).as("%s %s %s logit %d", family, export, image.asText(), i)
              .isCloseTo(w, within(1e-4 * Math.max(1, Math.abs(w))));
        }
      }
    }
  }

  @Test
  void dinov3TokensPoolAsTimmsAvgWithItsRegisterTokensLeftOut() throws Exception {
    JsonNode g = golden();
    JsonNode model = g.get("models").get("dinov3");
    Path folder = DIR.resolve("dinov3");
    Preprocessing preprocessing = ModelPreprocessingConfigs.timm(folder.resolve("config.json")).build();
    try (EmbeddingBackbone backbone = new EmbeddingBackbone(
        PooledModel.load(folder.resolve("features.pt"), InferenceEngine.PYTORCH, 1), preprocessing,
        EmbeddingBackbone.Pooling.AUTO)) {
      for (JsonNode image : g.get("images")) {
        float[] embedding = backbone.embed(DECODER.decode(Files.readAllBytes(DIR.resolve("images")
            .resolve(image.asText()))));
        JsonNode want = model.get("pre_logits").get(image.asText());
        assertThat(embedding).hasSize(want.size());
        for (int i = 0; i < embedding.length; i++) {
          assertThat((double) embedding[i]).as("%s dimension %d", image.asText(), i)
              .isCloseTo(want.get(i).asDouble(), within(1e-4));
        }
      }
    }
  }
}
