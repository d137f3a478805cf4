package io.cascade4j.vision.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade4j.vision.image.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelPreprocessingConfigsTest {
  @TempDir Path dir;

  private static RgbImage grey(int w, int h) {
    byte[] px = new byte[w * h * 3];
    java.util.Arrays.fill(px, (byte) 128);
    return RgbImage.of(w, h, px);
  }

  @Test
  void timmCenterModeResizesByCropPctThenCrops() throws IOException {
    Path cfg = Files.writeString(dir.resolve("config.json"), """
        {"architecture": "mobilenetv4", "pretrained_cfg": {"input_size": [3, 224, 224],
         "interpolation": "bicubic", "crop_pct": 0.875, "crop_mode": "center",
         "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225]}}""");
    Preprocessing p = ModelPreprocessingConfigs.timm(cfg).build();
    RgbImage g = p.geometry(grey(400, 300));
    assertThat(g.width()).isEqualTo(224);
    assertThat(p.toString()).contains("SHORTER_SIDE 256x256").contains("bicubic").contains("crop 224x224");
    assertThat(p.apply(grey(400, 300)).floats()[0]).isEqualTo((128f / 255f - 0.485f) / 0.229f);
  }

  @Test
  void timmBorderModeFitsTheLongerSideAndPadsWithTheMeanColour() throws IOException {
    Path cfg = Files.writeString(dir.resolve("c.json"),
        "{\"input_size\": [3, 224, 224], \"crop_pct\": 1.0, \"crop_mode\": \"border\"}");
    RgbImage g = ModelPreprocessingConfigs.timm(cfg).build().geometry(grey(400, 300));
    // 400x300 -> ratio max(300/224, 400/224): 224x168, then 28 rows of round(255 * mean) above and below.
    assertThat(g.width()).isEqualTo(224);
    assertThat(g.height()).isEqualTo(224);
    assertThat(new int[] {g.get(0, 0, 0), g.get(0, 0, 1), g.get(0, 0, 2)}).containsExactly(124, 116, 104);
    assertThat(g.get(0, 27, 0)).isEqualTo(124);
    assertThat(g.get(0, 28, 0)).isEqualTo(128);
    assertThat(g.get(112, 112, 0)).isEqualTo(128);
  }

  @Test
  void timmCenterModeWithANonSquareInputKeepsTheRatio() throws IOException {
    Path cfg = Files.writeString(dir.resolve("c.json"),
        "{\"input_size\": [3, 160, 320], \"crop_pct\": 1.0, \"crop_mode\": \"center\"}");
    RgbImage g = ModelPreprocessingConfigs.timm(cfg).build().geometry(grey(400, 300));
    assertThat(g.width()).isEqualTo(320);
    assertThat(g.height()).isEqualTo(160);
    Path weird = Files.writeString(dir.resolve("w.json"), "{\"input_size\": [3, 224, 224], \"crop_mode\": \"zoom\"}");
    assertThatThrownBy(() -> ModelPreprocessingConfigs.timm(weird)).hasMessageContaining("crop_mode 'zoom'");
  }

  @Test
  void huggingFaceDinoStyleConfig() throws IOException {
    Path cfg = Files.writeString(dir.resolve("preprocessor_config.json"), """
        {"do_resize": true, "size": {"shortest_edge": 256}, "resample": 3, "do_center_crop": true,
         "crop_size": {"height": 224, "width": 224}, "do_rescale": true, "rescale_factor": 0.00392156862745098,
         "do_normalize": true, "image_mean": [0.485, 0.456, 0.406], "image_std": [0.229, 0.224, 0.225]}""");
    Preprocessing p = ModelPreprocessingConfigs.huggingFace(cfg).build();
    assertThat(p.toString()).contains("SHORTER_SIDE 256").contains("bicubic").contains("crop 224x224 FLOOR");
    assertThat(p.apply(grey(500, 333)).shape()).containsExactly(3, 224, 224);
  }

  @Test
  void malformedConfigsNameTheFileAndKey() throws IOException {
    Path bad = Files.writeString(dir.resolve("p.json"), "{\"size\": {\"longest\": 3}}");
    assertThatThrownBy(() -> ModelPreprocessingConfigs.huggingFace(bad))
        .hasMessageContaining("p.json").hasMessageContaining("'size'");
    Path notJson = Files.writeString(dir.resolve("q.json"), "{oops");
    assertThatThrownBy(() -> ModelPreprocessingConfigs.timm(notJson)).hasMessageContaining("not valid JSON");
    Path unknownKey = Files.writeString(dir.resolve("r.json"), "{\"pretrained_cfg\": {\"input_size\": [3, 224, 224], "
        + "\"hf_hub_id\": \"timm/x\", \"resize_mode\": \"border\"}}");
    assertThatThrownBy(() -> ModelPreprocessingConfigs.timm(unknownKey)).hasMessageContaining("'resize_mode'")
        .hasMessageContaining("write the preprocessing out");
  }

  @Test
  void letterboxKeepsRatioAndPadsWithGrey() {
    Preprocessing p = Preprocessing.builder().letterbox(64, 64).dataType(Preprocessing.DataType.UINT8).build();
    RgbImage g = p.geometry(grey(128, 64));
    assertThat(g.width()).isEqualTo(64);
    assertThat(g.get(0, 0, 0)).isEqualTo(114); // top band is padding
    assertThat(g.get(32, 32, 0)).isEqualTo(128);
  }

  @Test
  void strideAlignedLetterboxPadsOnlyToTheNextMultiple() {
    // Ultralytics LetterBox(auto=True, stride=32): 1280x720 -> 640x360, 280 rows of slack, 280 % 32 = 24 rows of pad.
    Preprocessing p = Preprocessing.builder().letterbox(640, 640, 32).dataType(Preprocessing.DataType.UINT8).build();
    RgbImage g = p.geometry(grey(1280, 720));
    assertThat(g.width()).isEqualTo(640);
    assertThat(g.height()).isEqualTo(384);
    assertThat(g.get(0, 11, 0)).isEqualTo(114); // round(12 - 0.1) = 12 rows on top
    assertThat(g.get(0, 12, 0)).isEqualTo(128);
    assertThat(g.get(0, 371, 0)).isEqualTo(128);
    assertThat(g.get(0, 372, 0)).isEqualTo(114);
    assertThat(Preprocessing.builder().letterbox(640, 640, 32).build().geometry(grey(640, 640)).height())
        .isEqualTo(640);
    assertThatThrownBy(() -> Preprocessing.builder().letterbox(64, 64, -1)).hasMessageContaining("stride");
  }
}
