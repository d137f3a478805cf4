package io.cascade4j.vision.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade4j.vision.image.ImageDecoder;
import io.cascade4j.vision.image.RgbImage;
import io.cascade4j.vision.model.InferenceEngine;
import io.cascade4j.vision.model.PooledModel;
import io.cascade4j.vision.preprocess.ModelPreprocessingConfigs;
import io.cascade4j.vision.preprocess.Preprocessing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The default cascade's photo backbone, converted from nsfwjs's TensorFlow.js InceptionV3 by
 * scripts/perception/export_photo_backbone.py, against nsfwjs itself (scripts/perception/prepare-reference.sh runs
 * its own infer() on three sample photos at 299x299): through the stage's own preprocessing
 * (examples/default/photo-backbone.json) and engine, the 768 features the photo gate reads and, from the whole
 * converted model, the five class probabilities. Only the converted layers and the [0, 1] input scaling are under
 * test here: a 299x299 PNG resizes to itself.
 */
class PhotoBackboneParityTest {
  private static final Path REFERENCE = Path.of("..", "target", "perception");
  private static final ImageDecoder DECODER = ImageDecoder.standard();
  private static JsonNode reference;
  private static Path models;
  private static Preprocessing preprocessing;

  @BeforeAll
  static void readReference() throws Exception {
    Path file = REFERENCE.resolve("reference.json");
    if (!Files.isRegularFile(file)) {
      boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
      Assumptions.assumeFalse(!ci, "target/perception is not made (scripts/perception/prepare-reference.sh)");
      throw new IllegalStateException("CI=true but target/perception/reference.json is missing: "
          + "scripts/perception/prepare-reference.sh did not run or failed");
    }
    reference = new ObjectMapper().readTree(file.toFile());
    models = Path.of(Files.readString(REFERENCE.resolve("models")).strip());
    preprocessing = ModelPreprocessingConfigs.timm(Path.of("..", "examples", "default", "photo-backbone.json"))
        .build();
  }

  @Test
  void theFeaturesThePhotoGateReadsAreNsfwjsMixed7Block() throws Exception {
    assertThat(compare("photo-backbone.onnx", "embedding", 1e-4)).isEqualTo(3);
  }

  @Test
  void theWholeConvertedModelGivesNsfwjsClassProbabilities() throws Exception {
    assertThat(compare("nsfw-classifier.onnx", "probabilities", 1e-5)).isEqualTo(3);
  }

  /** Images compared, every value within {@code tolerance} (absolute) of nsfwjs's. */
  private static int compare(String model, String field, double tolerance) throws Exception {
    Path file = models.resolve(model);
    int compared = 0;
    try (EmbeddingBackbone backbone = new EmbeddingBackbone(
        PooledModel.load(file, InferenceEngine.select("auto", file), 1), preprocessing,
        EmbeddingBackbone.Pooling.AUTO)) {
      for (Iterator<Map.Entry<String, JsonNode>> it = reference.get("images").properties().iterator();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> image = it.next();
        RgbImage pixels = DECODER.decode(Files.readAllBytes(REFERENCE.resolve(image.getKey())));
        assertThat(pixels.width()).isEqualTo(299);
        float[] ours = backbone.embed(pixels);
        JsonNode want = image.getValue().get(field);
        assertThat(ours).as("%s of %s", field, image.getKey()).hasSize(want.size());
        for (int i = 0; i < ours.length; i++) {
          assertThat((double) ours[i]).as("%s %s [%d]", image.getKey(), field, i)
              .isCloseTo(want.get(i).asDouble(), within(tolerance));
        }
        compared++;
      }
    }
    return compared;
  }
}
