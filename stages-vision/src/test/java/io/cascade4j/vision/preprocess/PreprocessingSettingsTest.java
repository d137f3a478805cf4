package io.cascade4j.vision.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreprocessingSettingsTest {
  @Test
  void spelledOutSettingsBuildThePipeline() throws ConfigurationException {
    Settings s = Settings.of("preprocessing", Map.of("resize", "shorter-side", "size", 256, "interpolation", "bicubic",
        "crop", 224, "mean", List.of(0.5, 0.5, 0.5), "std", List.of(0.5, 0.5, 0.5), "layout", "hwc"));
    Preprocessing p = PreprocessingSettings.read(s).build();
    s.validate();
    assertThat(p.toString()).contains("SHORTER_SIDE 256x256").contains("bicubic").contains("crop 224x224")
        .contains("HWC");
  }

  @Test
  void everyBadValueIsReportedUnderItsOwnKey() {
    Settings s = Settings.of("stages[0].preprocessing", Map.of("resize", "sideways", "interpolation", "lanczos9",
        "mean", List.of(0.5, "x", 0.5), "std", List.of(1, 1, 1), "layout", "nchw", "crop", 0));
    assertThat(PreprocessingSettings.read(s)).isNull();
    assertThatThrownBy(s::validate).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("stages[0].preprocessing.resize")
        .hasMessageContaining("stages[0].preprocessing.interpolation")
        .hasMessageContaining("stages[0].preprocessing.normalization")
        .hasMessageContaining("stages[0].preprocessing.crop");
  }

  @Test
  void theBackendIsChosenWhereItMeansSomethingAndRefusedElsewhere(@TempDir Path dir) throws Exception {
    Path vit = Files.writeString(dir.resolve("preprocessor_config.json"),
        "{\"image_processor_type\": \"ViTImageProcessor\", \"size\": 224}");
    assertThat(backend(Map.of("from-huggingface", vit.toString()))).isEqualTo(Preprocessing.Backend.TORCHVISION);
    assertThat(backend(Map.of("from-huggingface", vit.toString(), "backend", "pil")))
        .isEqualTo(Preprocessing.Backend.PIL);
    assertThat(backend(Map.of("resize", "exact", "backend", "opencv"))).isEqualTo(Preprocessing.Backend.OPENCV);
    assertThat(backend(Map.of("resize", "exact"))).isEqualTo(Preprocessing.Backend.PIL);
    String[][] refused = {
      {"from-huggingface", vit.toString(), "backend", "opencv", "backend", "torchvision"},
      {"from-timm", vit.toString(), "backend", "pil", "backend", "from-timm is PIL's arithmetic"},
      {"resize", "exact", "backend", "torchvision", "backend", "torchvision is for from-huggingface"},
      {"resize", "exact", "backend", "opencv", "antialias", "cv2.resize does not antialias"},
    };
    for (String[] r : refused) {
      Map<String, Object> values = new java.util.HashMap<>(Map.of(r[0], r[1], r[2], r[3]));
      if (r[4].equals("antialias")) {
        values.put("antialias", true);
      }
      Settings s = Settings.of("preprocessing", values);
      PreprocessingSettings.read(s);
      assertThat(s.problems()).as(values.toString()).anySatisfy(p -> {
        assertThat(p.path()).isEqualTo("preprocessing." + r[4]);
        assertThat(p.message()).contains(r[5]);
      });
    }
  }

  private static Preprocessing.Backend backend(Map<String, Object> values) throws ConfigurationException {
    Settings s = Settings.of("preprocessing", values);
    Preprocessing p = PreprocessingSettings.read(s).build();
    s.validate();
    return p.backend();
  }
}
