package io.cascade4j.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a stage concluded: the probability of the positive class, or no opinion, plus optional extras (boxes, read
 * text, an embedding: anything a later stage or a report needs).
 *
 * <p>Immutable. A probability is always finite and within [0, 1]: the factory methods reject anything else, so a
 * stage that computes NaN fails loudly instead of poisoning the answer.
 *
 * <pre>{@code
 * return Evidence.of(p).withExtra("boxes", boxes);
 * }</pre>
 */
public final class Evidence {
  private static final Evidence ABSTAIN = new Evidence(Double.NaN, Map.of());

  private final double probability;
  private final Map<String, Object> extras;

  private Evidence(double probability, Map<String, Object> extras) {
    this.probability = probability;
    this.extras = extras;
  }

  /**
   * Evidence for P(positive) = {@code probability}.
   *
   * @throws IllegalArgumentException unless the probability is finite and within [0, 1]
   */
  public static Evidence of(double probability) {
    return new Evidence(checkProbability(probability), Map.of());
  }

  /** No opinion: the stage ran but has nothing to say about this query. */
  public static Evidence abstain() {
    return ABSTAIN;
  }

  /** The same evidence with one more extra (replacing an extra of the same key). */
  public Evidence withExtra(String key, Object value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Map<String, Object> copy = new LinkedHashMap<>(extras);
    copy.put(key, value);
    return new Evidence(probability, java.util.Collections.unmodifiableMap(copy));
  }

  /**
   * The same extras with another probability (for example after calibration).
   *
   * @throws IllegalArgumentException unless the probability is finite and within [0, 1]
   */
  public Evidence withProbability(double probability) {
    return new Evidence(checkProbability(probability), extras);
  }

  /** Whether the stage gave a probability. */
  public boolean hasOpinion() {
    return !Double.isNaN(probability);
  }

  /**
   * The probability of the positive class.
   *
   * @throws IllegalStateException if this evidence has no opinion; check {@link #hasOpinion()} first
   */
  public double probability() {
    if (!hasOpinion()) {
      throw new IllegalStateException("this evidence has no opinion; check hasOpinion() first");
    }
    return probability;
  }

  /** The probability, or empty for no opinion. */
  public OptionalDouble probabilityIfAny() {
    return hasOpinion() ? OptionalDouble.of(probability) : OptionalDouble.empty();
  }

  /** All extras, in insertion order; unmodifiable. */
  public Map<String, Object> extras() {
    return extras;
  }

  /** The extra under {@code key} if present and of {@code type}. */
  public <T> Optional<T> extra(String key, Class<T> type) {
    Object value = extras.get(key);
    return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
  }

  static double checkProbability(double p) {
    if (!(p >= 0.0 && p <= 1.0)) {
      throw new IllegalArgumentException("a probability must be finite and within [0, 1], got " + p);
    }
    return p;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Evidence other
        && Double.compare(probability, other.probability) == 0
        && extras.equals(other.extras);
  }

  @Override
  public int hashCode() {
    return 31 * Double.hashCode(probability) + extras.hashCode();
  }

  @Override
  public String toString() {
    String p = hasOpinion() ? String.format(java.util.Locale.ROOT, "p=%.4f", probability) : "no opinion";
    return extras.isEmpty() ? "Evidence[" + p + "]" : "Evidence[" + p + ", extras=" + extras.keySet() + "]";
  }
}
