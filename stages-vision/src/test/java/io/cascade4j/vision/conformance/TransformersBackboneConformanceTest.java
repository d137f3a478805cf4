package io.cascade4j.vision.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascade4j.vision.head.EmbeddingBackbone;
import io.cascade4j.vision.image.ImageDecoder;
import io.cascade4j.vision.model.InferenceEngine;
import io.cascade4j.vision.model.PooledModel;
import io.cascade4j.vision.preprocess.ModelPreprocessingConfigs;
import io.cascade4j.vision.preprocess.Preprocessing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance suite's Hugging Face backbones (scripts/conformance/transformers_exports.py): a DINOv3 ViT with four
 * register tokens exported with its {@code last_hidden_state} and a SigLIP vision tower with its {@code pooler_output}
 * (SigLIP2's fixed-resolution towers are the same architecture), each export (TorchScript trace, ONNX opset 17, and
 * torch 2.13's dynamo exporter where it succeeds) loaded as an embedding backbone with the model's own
 * preprocessor_config.json imported (transformers 5's default torchvision backend; DINOv3's float resize), from the PNG
 * bytes of real photos. DINOv3 pools as {@code pooler_output} with {@code pooling: cls} and as the mean of the patch
 * tokens with the default ({@code auto}, its five prefix tokens read from the token count).
 */
class TransformersBackboneConformanceTest {
  private static final ImageDecoder DECODER = ImageDecoder.standard();

  static List<Arguments> exports() throws IOException {
    JsonNode g = ConformanceSuite.golden("hf/golden.json");
    List<Arguments> out = new ArrayList<>();
    g.get("models").properties().forEach(model -> {
      if (model.getValue().get("kind").asText().equals("backbone")) {
        model.getValue().get("exports").properties().forEach(export -> {
          if (export.getValue().asText().equals("ok")) {
            for (String pooling : model.getKey().equals("dinov3") ? List.of("cls", "mean_patch") : List.of("pooled")) {
              out.add(Arguments.of(model.getKey(), export.getKey(), pooling));
            }
          }
        });
      }
    });
    return out;
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("exports")
  void theEmbeddingIsWhatTransformersComputes(String family, String export, String pooled) throws Exception {
    JsonNode g = ConformanceSuite.golden("hf/golden.json");
    Path folder = ConformanceSuite.DIR.resolve("hf").resolve(family);
    Preprocessing preprocessing = ModelPreprocessingConfigs.huggingFace(folder.resolve("preprocessor_config.json"))
        .build();
    EmbeddingBackbone.Pooling pooling = switch (pooled) {
      case "cls" -> EmbeddingBackbone.Pooling.CLS;
      case "mean_patch" -> EmbeddingBackbone.Pooling.AUTO; // timm's avg: the patch tokens only
      default -> EmbeddingBackbone.Pooling.AUTO; // already pooled: [1, D] passes through
    };
    Path file = folder.resolve(export);
    try (EmbeddingBackbone backbone = new EmbeddingBackbone(
        PooledModel.load(file, InferenceEngine.select("auto", file), 1), preprocessing, pooling)) {
      for (JsonNode image : g.get("images")) {
        float[] embedding = backbone.embed(DECODER.decode(Files.readAllBytes(ConformanceSuite.DIR.resolve("images")
            .resolve(image.asText()))));
        JsonNode want = g.get("models").get(family).get("outputs").get(image.asText()).get(pooled);
        assertThat(embedding).as("%s %s %s dimensions", family, export, pooled).hasSize(want.size());
        for (int i = 0; i < embedding.length; i++) {
          assertThat((double) embedding[i]).as("%s %s %s %s dimension %d", family, export, pooled, image.asText(), i)
              .isCloseTo(want.get(i).asDouble(), within(1e-4));
        }
      }
    }
  }
}
