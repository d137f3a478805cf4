package io.cascade4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
  @Test
  void readsTypedValuesFromNumbersAndStrings() throws Exception {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("low", 0.05);
    values.put("high", "0.95");
    values.put("pool", 4);
    values.put("batch", "8");
    values.put("enabled", "true");
    values.put("timeout", "250ms");
    values.put("iso", "PT2S");
    values.put("labels", List.of("cone", "worker"));
    values.put("label", "cone");
    values.put("preprocess", Map.of("resize", 256));
    values.put("nothing", null);
    Settings settings = Settings.of("stages[0]", values);

    assertThat(settings.doubleValue("low")).isEqualTo(0.05);
    assertThat(settings.doubleValue("high", 0.0, 0.0, 1.0)).isEqualTo(0.95);
    assertThat(settings.intValue("pool", 1, 1, 64)).isEqualTo(4);
    assertThat(settings.intValue("batch", 1, 1, 64)).isEqualTo(8);
    assertThat(settings.booleanValue("enabled", false)).isTrue();
    assertThat(settings.duration("timeout", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
    assertThat(settings.optionalDuration("iso")).contains(Duration.ofSeconds(2));
    assertThat(settings.stringList("labels")).containsExactly("cone", "worker");
    assertThat(settings.stringList("label")).containsExactly("cone");
    assertThat(settings.section("preprocess").intValue("resize", 0, 0, 4096)).isEqualTo(256);
    assertThat(settings.string("nothing", "default")).isEqualTo("default");
    assertThat(settings.has("nothing")).isFalse();
    assertThat(settings.optionalString("absent")).isEmpty();
    settings.validate();
  }

  @Test
  void collectsEveryProblemWithItsPathAndFlagsUnknownKeys() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("high", 1.7);
    values.put("pool", "many");
    values.put("timeout", "8");
    values.put("enabled", "yes");
    values.put("preprocess", Map.of("resize", 256, "crpo", 224));
    values.put("modle", "models/gate.pt");
    values.put("labels", Map.of("a", 1));
    Settings settings = Settings.of("stages[2]", values);

    settings.doubleValue("high", 0.9, 0.0, 1.0);
    settings.intValue("pool", 1, 1, 64);
    settings.duration("timeout", Duration.ofSeconds(1));
    settings.booleanValue("enabled", false);
    Settings preprocess = settings.section("preprocess");
    preprocess.intValue("resize", 224, 1, 4096);
    preprocess.intValue("crop", 224, 1, 4096);
    settings.string("model");
    settings.string("labels", "x");

    assertThatThrownBy(settings::validate)
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
            .extracting(Problem::toString)
            .containsExactly(
                "stages[2].high: must be within [0, 1], got 1.7",
                "stages[2].pool: must be a whole number, got 'many'",
                "stages[2].timeout: must be a positive duration with a unit, such as 250ms, 8s or 2m, got '8'",
                "stages[2].enabled: must be true or false, got 'yes'",
                "stages[2].model: is required",
                "stages[2].labels: must be a single value, got a map",
                "stages[2].modle: unknown setting (did you mean 'model'?); known: high, pool, timeout, enabled,"
                    + " preprocess, model, labels",
                "stages[2].preprocess.crpo: unknown setting (did you mean 'crop'?); known: resize, crop"));
  }

  @Test
  void validateIsIdempotentAndEmptySettingsPass() throws Exception {
    Settings empty = Settings.of(Map.of());
    empty.validate();
    empty.validate();
    Settings unknown = Settings.of(Map.of("x", 1));
    assertThatThrownBy(unknown::validate).hasMessage("x: unknown setting; this component takes no settings");
    assertThatThrownBy(unknown::validate).isInstanceOfSatisfying(ConfigurationException.class,
        e -> assertThat(e.problems()).hasSize(1));
  }
}
