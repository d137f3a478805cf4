package io.cascade4j.detection.evidence;

import io.cascade4j.api.Settings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Roadwork from counted objects: the image shows roadwork when, for any role in {@code atLeast}, at least that many
 * objects of the role were found (3 cones, or 1 barrier), or when every count in {@code allOf} is met together (1
 * worker with 1 cone). The answer is then {@code positive}, else {@code negative}; calibrate the stage (Platt) to turn
 * these two levels into probabilities, or fit a {@link LogisticRule} instead.
 *
 * @param atLeast the minimum count per role; any one satisfied is enough
 * @param allOf minimum counts that satisfy the rule only together (empty: not used)
 * @param positive the probability when satisfied
 * @param negative the probability otherwise
 */
public record ThresholdRule(Map<String, Integer> atLeast, Map<String, Integer> allOf, double positive,
    double negative) implements ObjectRule {

  public ThresholdRule {
    atLeast = Map.copyOf(atLeast);
    allOf = Map.copyOf(allOf);
    if (atLeast.isEmpty() && allOf.isEmpty()) {
      throw new IllegalArgumentException("the rule needs at least one role with a minimum count (at-least or all-of)");
    }
    if (!(negative >= 0 && negative < positive && positive <= 1)) {
      throw new IllegalArgumentException("need 0 <= negative < positive <= 1, got " + negative + " and " + positive);
    }
  }

  /** A rule with only any-one-of minimum counts. */
  public ThresholdRule(Map<String, Integer> atLeast, double positive, double negative) {
    this(atLeast, Map.of(), positive, negative);
  }

  /**
   * The rule in a {@code rule:} section ({@code at-least}, {@code all-of}, {@code positive}, {@code negative}), or
   * {@code null} after recording the problem on {@code r}.
   */
  public static @Nullable ThresholdRule read(Settings r) {
    Map<String, Integer> atLeast = counts(r.section("at-least"));
    Map<String, Integer> allOf = counts(r.section("all-of"));
    double positive = r.doubleValue("positive", 0.9, 0, 1);
    double negative = r.doubleValue("negative", 0.1, 0, 1);
    try {
      return new ThresholdRule(atLeast, allOf, positive, negative);
    } catch (IllegalArgumentException e) {
      r.problem("at-least", e.getMessage());
      return null;
    }
  }

  private static Map<String, Integer> counts(Settings s) {
    Map<String, Integer> counts = new HashMap<>();
    for (String role : s.keys()) {
      counts.put(role, s.intValue(role, 1, 1, 10_000));
    }
    return counts;
  }

  @Override
  public double probability(List<DetectedObjects.Found> found) {
    Map<String, Integer> counts = new HashMap<>();
    found.forEach(f -> counts.merge(f.role(), 1, Integer::sum));
    boolean any = atLeast.entrySet().stream().anyMatch(e -> counts.getOrDefault(e.getKey(), 0) >= e.getValue());
    boolean all = !allOf.isEmpty()
        && allOf.entrySet().stream().allMatch(e -> counts.getOrDefault(e.getKey(), 0) >= e.getValue());
    return any || all ? positive : negative;
  }
}
