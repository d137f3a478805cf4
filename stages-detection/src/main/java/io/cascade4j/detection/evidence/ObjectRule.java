package io.cascade4j.detection.evidence;

import io.cascade4j.api.Settings;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns the objects found in an image into P(roadwork). Configured under a {@code rule:} key, in one of three forms:
 *
 * <pre>{@code
 * rule: {at-least: {cone: 3, barrier: 1}, all-of: {worker: 1, cone: 1}}     # thresholds, see ThresholdRule
 * rule: {logistic: {bias: -2.5, roles: {cone: {count: 1.4, max-score: 2.0}}}} # see LogisticRule
 * rule: {fitted: rules/detector-rule.json}                                   # written by FitObjectRule
 * }</pre>
 */
public interface ObjectRule {
  /** P(roadwork) given the objects found (their roles and scores). */
  double probability(List<DetectedObjects.Found> found);

  /** The rule in a {@code rule:} section, or {@code null} after recording the problems on {@code rule}. */
  static @Nullable ObjectRule read(Settings rule) {
    if (rule.has("logistic") || rule.has("fitted")) {
      if (rule.has("at-least") || rule.has("all-of") || (rule.has("logistic") && rule.has("fitted"))) {
        rule.problem("logistic", "use one of at-least/all-of, logistic or fitted");
        return null;
      }
      return rule.has("fitted") ? LogisticRule.load(rule) : LogisticRule.read(rule.section("logistic"));
    }
    return ThresholdRule.read(rule);
  }
}
