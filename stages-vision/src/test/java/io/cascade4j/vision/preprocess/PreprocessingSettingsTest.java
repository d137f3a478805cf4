package io.cascade4j.vision.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.Settings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
}
