package io.cascade4j.detection.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.Settings;
import io.cascade4j.detection.box.Box;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three forms of {@code rule:}: thresholds, a logistic model, and a fitted file. */
class ObjectRuleTest {
  static DetectedObjects.Found found(String role, double score) {
    return new DetectedObjects.Found(role, new Box(0, 0, 10, 10, score, 0));
  }

  static ObjectRule read(Map<String, Object> rule) throws ConfigurationException {
    Settings s = Settings.of("rule", rule);
    ObjectRule r = ObjectRule.read(s);
    s.validate();
    return r;
  }

  @Test
  void thresholdsAcceptAnyOneCountOrAllCountsTogether() throws Exception {
    ObjectRule r = read(Map.of("at-least", Map.of("cone", 3), "all-of", Map.of("worker", 1, "cone", 1)));
    assertThat(r.probability(List.of(found("cone", 0.9), found("cone", 0.8)))).isEqualTo(0.1);
    assertThat(r.probability(List.of(found("cone", 0.9), found("cone", 0.8), found("cone", 0.7)))).isEqualTo(0.9);
    assertThat(r.probability(List.of(found("worker", 0.9)))).isEqualTo(0.1);
    assertThat(r.probability(List.of(found("worker", 0.9), found("cone", 0.6)))).isEqualTo(0.9);
    assertThat(read(Map.of("all-of", Map.of("barrier", 1))).probability(List.of())).isEqualTo(0.1);
  }

  @Test
  void logisticRuleUsesLogCountsAndMaxScores() throws Exception {
    ObjectRule r = read(Map.of("logistic", Map.of("bias", -2.0, "roles", Map.of(
        "cone", Map.of("count", 1.5, "max-score", 2.0), "worker", Map.of("count", 0.5)))));
    double z = -2.0 + 1.5 * Math.log(3) + 2.0 * 0.9 + 0.5 * Math.log(2);
    assertThat(r.probability(List.of(found("cone", 0.9), found("cone", 0.4), found("worker", 0.3),
        found("sign", 1.0)))).isCloseTo(1 / (1 + Math.exp(-z)), within(1e-12));
    assertThat(r.probability(List.of())).isCloseTo(1 / (1 + Math.exp(2.0)), within(1e-12));
  }

  @Test
  void fittedFilesRoundTripAndBadOnesAreReported(@TempDir Path dir) throws Exception {
    LogisticRule rule = new LogisticRule(-1.0, Map.of("cone", new LogisticRule.RoleWeights(2.0, 0.5)));
    Path file = dir.resolve("rule.json");
    new com.fasterxml.jackson.databind.ObjectMapper().writeValue(file.toFile(), rule.toJson(Map.of("images", 3)));
    assertThat(read(Map.of("fitted", file.toString()))).isEqualTo(rule);

    Path typo = Files.writeString(dir.resolve("typo.json"), "{\"bias\": 1, \"roles\": {\"cone\": {\"cnt\": 1}}}");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(Map.of("fitted", typo.toString())))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("rule.fitted").hasMessageContaining("cnt");
    Path notJson = Files.writeString(dir.resolve("bad.json"), "{oops");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(Map.of("fitted", notJson.toString())))
        .hasMessageContaining("cannot read a logistic rule");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(Map.of("fitted", dir.resolve("none").toString())))
        .hasMessageContaining("not a file");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(Map.of("fitted", file.toString(), "at-least",
        Map.of("cone", 1)))).hasMessageContaining("use one of");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(Map.of("logistic", Map.of("bias", 1))))
        .hasMessageContaining("roles");
  }
}
