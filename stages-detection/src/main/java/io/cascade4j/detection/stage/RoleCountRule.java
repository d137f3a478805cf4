package io.cascade4j.detection.stage;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Roadwork from counted objects: the image shows roadwork when, for any role in {@code atLeast}, at least that many
 * objects of the role were found (for example 3 cones, or 1 barrier). The answer is then {@code positive}, else
 * {@code negative}; calibrate the stage (Platt) to turn these two levels into probabilities.
 *
 * @param atLeast the minimum count per role; any one satisfied is enough
 * @param positive the probability when satisfied
 * @param negative the probability otherwise
 */
public record RoleCountRule(Map<String, Integer> atLeast, double positive, double negative) {
  /** One object found: its role and score. */
  public record Found(String role, double score) {}

  public RoleCountRule {
    atLeast = Map.copyOf(atLeast);
    if (atLeast.isEmpty()) {
      throw new IllegalArgumentException("the rule needs at least one role with a minimum count");
    }
    if (!(negative >= 0 && negative < positive && positive <= 1)) {
      throw new IllegalArgumentException("need 0 <= negative < positive <= 1, got " + negative + " and " + positive);
    }
  }

  /**
   * The rule in a {@code rule:} section ({@code at-least}, {@code positive}, {@code negative}), or {@code null} after
   * recording the problem on {@code r}.
   */
  public static @org.jspecify.annotations.Nullable RoleCountRule read(io.cascade4j.api.Settings r) {
    Map<String, Integer> atLeast = new HashMap<>();
    io.cascade4j.api.Settings counts = r.section("at-least");
    for (String role : counts.keys()) {
      atLeast.put(role, counts.intValue(role, 1, 1, 10_000));
    }
    double positive = r.doubleValue("positive", 0.9, 0, 1);
    double negative = r.doubleValue("negative", 0.1, 0, 1);
    try {
      return new RoleCountRule(atLeast, positive, negative);
    } catch (IllegalArgumentException e) {
      r.problem("at-least", e.getMessage());
      return null;
    }
  }

  public double probability(List<Found> found) {
    Map<String, Integer> counts = new HashMap<>();
    found.forEach(f -> counts.merge(f.role(), 1, Integer::sum));
    for (Map.Entry<String, Integer> e : atLeast.entrySet()) {
      if (counts.getOrDefault(e.getKey(), 0) >= e.getValue()) {
        return positive;
      }
    }
    return negative;
  }
}
