package io.cascade4j.vision.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade4j.vision.image.ImageDecoder;
import io.cascade4j.vision.image.RgbImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code from-huggingface} with {@code backend: pil} against transformers 5's PIL image processors themselves (goldens
 * and the processors' own preprocessor_config.json from scripts/fixtures/hf_processor_parity.py): ConvNeXt's crop_pct
 * both ways, the DETR family's shortest/longest edge, CLIP, ViT. Lossless inputs, so every 8-bit level must match; and
 * every key that could change the pixels is honoured or refused by name. The default torchvision backend is proven on
 * real photos by the conformance suite (HuggingFaceProcessorConformanceTest).
 */
class HuggingFaceProcessorParityTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ImageDecoder DECODER = ImageDecoder.standard();

  static List<JsonNode> cases() throws IOException {
    List<JsonNode> out = new ArrayList<>();
    JSON.readTree(bytes("cases.json")).get("cases").forEach(out::add);
    return out;
  }

  private static byte[] bytes(String name) throws IOException {
    String path = "/preprocess/huggingface/" + name;
    try (InputStream in = HuggingFaceProcessorParityTest.class.getResourceAsStream(path)) {
      if (in == null) {
        // The small PNG lives one folder up, shared with the torchvision parity cases.
        try (InputStream up = HuggingFaceProcessorParityTest.class.getResourceAsStream("/preprocess/" + name)) {
          return up.readAllBytes();
        }
      }
      return in.readAllBytes();
    }
  }

  private static Path config(String processor) throws URISyntaxException {
    return Path.of(HuggingFaceProcessorParityTest.class
        .getResource("/preprocess/huggingface/" + processor + "/preprocessor_config.json").toURI());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyLevelMatchesTheProcessor(JsonNode c) throws Exception {
    Preprocessing p = ModelPreprocessingConfigs.huggingFace(config(c.get("processor").asText()),
        Preprocessing.Backend.PIL).build();
    RgbImage ours = p.geometry(DECODER.decode(bytes(c.get("image").asText())));
    RgbImage golden = DECODER.decode(bytes(c.get("golden").asText()));
    assertThat(new int[] {3, ours.height(), ours.width()}).as("shape")
        .containsExactly(c.get("shape").get(0).asInt(), c.get("shape").get(1).asInt(), c.get("shape").get(2).asInt());
    assertThat(ours.pixels()).as("8-bit levels, %s on %s", c.get("processor").asText(), c.get("image").asText())
        .isEqualTo(golden.pixels());
    float first = p.apply(DECODER.decode(bytes(c.get("image").asText()))).floats()[0];
    assertThat((double) first).isCloseTo(c.get("first_value").asDouble(), within(1e-6));
  }

  @Test
  void keysThatWouldChangeThePixelsAreRefusedByName(@TempDir Path dir) throws IOException {
    String[][] refused = {
      {"{\"image_processor_type\": \"Siglip2ImageProcessor\", \"max_num_patches\": 256, \"patch_size\": 16}",
          "'max_num_patches' is not supported", "NaFlex"},
      {"{\"size\": {\"shortest_edge\": 224}, \"do_pad\": true, \"pad_size\": {\"height\": 512, \"width\": 512}}",
          "'pad_size' is not supported", "padding"},
      {"{\"size\": 224, \"image_processor_type\": \"SomeNewImageProcessor\"}", "'size' 224 means N x N",
          "SomeNewImageProcessor is not known"},
      {"{\"size\": {\"longest_edge\": 512}}", "'size' must be", "{shortest_edge, longest_edge}"},
      {"{\"size\": {\"shortest_edge\": 224}, \"crop_pct\": 0.9, \"image_processor_type\": \"PoolFormerImageProcessor\"}",
          "crop_pct is supported for ConvNextImageProcessor only", "PoolFormer"},
      {"{\"size\": {\"shortest_edge\": 224}, \"do_convert_rgb\": false}", "do_convert_rgb false", "RGB"},
      {"{\"size\": {\"shortest_edge\": 224}, \"size_divisor\": 32}", "'size_divisor' is not supported", "write"},
      {"{\"size\": {\"shortest_edge\": 224}, \"do_rescale\": false}", "do_rescale false", "dtype: uint8"},
      {"{\"size\": {\"shortest_edge\": 224}, \"resample\": 1}", "resample code 1", "bilinear"},
      {"{\"size\": {\"shortest_edge\": 224}, \"resample\": 0}", "torchvision backend reproduces bilinear and "
          + "bicubic", "use the pil backend"},
    };
    for (String[] r : refused) {
      Path file = Files.writeString(dir.resolve("preprocessor_config.json"), r[0]);
      assertThatThrownBy(() -> ModelPreprocessingConfigs.huggingFace(file)).as(r[0])
          .hasMessageContaining(r[1]).hasMessageContaining(r[2]);
    }
  }

  @Test
  void dinov3sFloatResizeHasNoPilVariant(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("preprocessor_config.json"),
        "{\"image_processor_type\": \"DINOv3ViTImageProcessor\", \"size\": {\"height\": 224, \"width\": 224}}");
    assertThat(ModelPreprocessingConfigs.huggingFace(file).build().backend())
        .isEqualTo(Preprocessing.Backend.TORCHVISION_FLOAT);
    assertThatThrownBy(() -> ModelPreprocessingConfigs.huggingFace(file, Preprocessing.Backend.PIL))
        .hasMessageContaining("has no PIL variant").hasMessageContaining("backend: torchvision");
    Path vit = Files.writeString(dir.resolve("vit.json"), "{\"image_processor_type\": \"ViTImageProcessor\", \"size\": 96}");
    assertThat(ModelPreprocessingConfigs.huggingFace(vit).build().backend()).as("transformers 5's default")
        .isEqualTo(Preprocessing.Backend.TORCHVISION);
  }

  @Test
  void anIntSizeIsReadAsTheProcessorReadsIt(@TempDir Path dir) throws IOException {
    RgbImage wide = RgbImage.wrap(300, 200, new byte[300 * 200 * 3]);
    Path vit = Files.writeString(dir.resolve("vit.json"), "{\"size\": 96, \"image_processor_type\": \"ViTImageProcessorPil\"}");
    assertThat(ModelPreprocessingConfigs.huggingFace(vit).build().geometry(wide).width()).isEqualTo(96);
    Path clip = Files.writeString(dir.resolve("clip.json"), "{\"size\": 96, \"image_processor_type\": \"CLIPImageProcessor\"}");
    RgbImage shortest = ModelPreprocessingConfigs.huggingFace(clip).build().geometry(wide);
    assertThat(new int[] {shortest.width(), shortest.height()}).containsExactly(144, 96);
    Path square = Files.writeString(dir.resolve("sq.json"), "{\"size\": 96, \"default_to_square\": true}");
    assertThat(ModelPreprocessingConfigs.huggingFace(square).build().geometry(wide).height()).isEqualTo(96);
    Path convnext = Files.writeString(dir.resolve("cn.json"),
        "{\"size\": {\"shortest_edge\": 224}, \"image_processor_type\": \"ConvNextImageProcessor\"}");
    RgbImage defaultCropPct = ModelPreprocessingConfigs.huggingFace(convnext).build().geometry(wide);
    assertThat(new int[] {defaultCropPct.width(), defaultCropPct.height()}).as("crop_pct defaults to 224/256")
        .containsExactly(224, 224);
  }

  @Test
  void theDetrFamilysLongestEdgeRoundsAsHuggingFaceDoes() {
    assertThat(Preprocessing.shortestLongestEdgeSize(1920, 1080, 800, 1333)).containsExactly(1333, 750);
    assertThat(Preprocessing.shortestLongestEdgeSize(1080, 1920, 800, 1333)).containsExactly(750, 1333);
    assertThat(Preprocessing.shortestLongestEdgeSize(1000, 800, 800, 1333)).containsExactly(1000, 800);
    assertThat(Preprocessing.shortestLongestEdgeSize(640, 480, 800, 1333)).containsExactly(1066, 800);
  }
}
