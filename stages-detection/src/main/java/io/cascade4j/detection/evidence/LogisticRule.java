package io.cascade4j.detection.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * P(roadwork) from a logistic model over per-role features: for each role, {@code log(1 + count)} of its objects and
 * the highest score among them (0 when there are none). The log damps the count, so the tenth cone adds less than the
 * second. Fitted on labelled images by {@link FitObjectRule}; roles found in an image but absent from the model are
 * ignored.
 *
 * <pre>{@code
 * rule:
 *   logistic:
 *     bias: -3.1
 *     roles:
 *       cone: {count: 1.8, max-score: 2.2}
 *       worker: {count: 0.9, max-score: 1.4}
 * }</pre>
 *
 * @param bias the intercept
 * @param weights by role
 */
public record LogisticRule(double bias, Map<String, RoleWeights> weights) implements ObjectRule {
  /**
   * One role's weights.
   *
   * @param count on {@code log(1 + count)}
   * @param maxScore on the highest score
   */
  public record RoleWeights(double count, double maxScore) {}

  public LogisticRule {
    weights = Map.copyOf(weights);
    if (weights.isEmpty()) {
      throw new IllegalArgumentException("a logistic rule needs weights for at least one role");
    }
    if (!Double.isFinite(bias) || weights.values().stream()
        .anyMatch(w -> !Double.isFinite(w.count()) || !Double.isFinite(w.maxScore()))) {
      throw new IllegalArgumentException("logistic weights must be finite numbers");
    }
  }

  /** The two features of {@code role}: {@code log(1 + count)} and the highest score. */
  public static double[] features(String role, List<DetectedObjects.Found> found) {
    int count = 0;
    double max = 0;
    for (DetectedObjects.Found f : found) {
      if (f.role().equals(role)) {
        count++;
        max = Math.max(max, f.box().score());
      }
    }
    return new double[] {Math.log1p(count), max};
  }

  @Override
  public double probability(List<DetectedObjects.Found> found) {
    double z = bias;
    for (Map.Entry<String, RoleWeights> e : weights.entrySet()) {
      double[] f = features(e.getKey(), found);
      z += e.getValue().count() * f[0] + e.getValue().maxScore() * f[1];
    }
    return 1 / (1 + Math.exp(-z));
  }

  /** The rule in a {@code logistic:} section, or {@code null} after recording the problems on {@code s}. */
  public static @Nullable LogisticRule read(Settings s) {
    double bias = s.doubleValue("bias", 0, -1e6, 1e6);
    Settings roles = s.section("roles");
    Map<String, RoleWeights> weights = new HashMap<>();
    for (String role : roles.keys()) {
      Settings r = roles.section(role);
      weights.put(role, new RoleWeights(r.doubleValue("count", 0, -1e6, 1e6),
          r.doubleValue("max-score", 0, -1e6, 1e6)));
    }
    if (weights.isEmpty()) {
      s.problem("roles", "give weights for at least one role, e.g. {cone: {count: 1.5, max-score: 2}}");
      return null;
    }
    return new LogisticRule(bias, weights);
  }

  /**
   * The rule in the file named by {@code rule}'s {@code fitted} key (JSON written by {@link FitObjectRule}), or
   * {@code null} after recording the problem on {@code rule}.
   */
  public static @Nullable LogisticRule load(Settings rule) {
    Path file = Path.of(rule.string("fitted"));
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > 1 << 20) {
        rule.problem("fitted", file.toAbsolutePath() + " is not a file of at most 1 MiB");
        return null;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> json = new ObjectMapper().readValue(file.toFile(), Map.class);
      json.remove("fit"); // how it was fitted: for people, not for the rule
      Settings fitted = Settings.of(rule.pathOf("fitted") + "(" + file.getFileName() + ")", json);
      LogisticRule read = read(fitted);
      fitted.validate();
      return read;
    } catch (IOException | ConfigurationException e) {
      rule.problem("fitted", "cannot read a logistic rule from " + file.toAbsolutePath() + ": " + e.getMessage());
      return null;
    }
  }

  /** This rule as the JSON object {@link #load} reads, with {@code fit} describing how it was made. */
  public Map<String, Object> toJson(Map<String, Object> fit) {
    Map<String, Object> roles = new LinkedHashMap<>();
    weights.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("count", e.getValue().count());
      w.put("max-score", e.getValue().maxScore());
      roles.put(e.getKey(), w);
    });
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("bias", bias);
    json.put("roles", roles);
    json.put("fit", fit);
    return json;
  }
}
