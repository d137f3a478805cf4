package io.cascade4j.core.config;

import io.cascade4j.core.Fallback;

/**
 * The configured fallback: in a file, {@code fallback: prior}, {@code fallback: 0.5}, {@code fallback: {type: prior,
 * initial: 0.3}} or {@code fallback: {type: fixed, value: 0.5}}.
 *
 * @param prior whether the fallback learns the running mean of answers ({@link Fallback#prior}) or is fixed
 * @param value the fixed value, or the prior's starting value
 */
public record FallbackConfig(boolean prior, double value) {

  /** Validates the components. */
  public FallbackConfig {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException("a fallback probability must be within [0, 1], got " + value);
    }
  }

  /** A fallback that learns, starting at {@code initial}. */
  public static FallbackConfig prior(double initial) {
    return new FallbackConfig(true, initial);
  }

  /** A fixed fallback. */
  public static FallbackConfig fixed(double value) {
    return new FallbackConfig(false, value);
  }

  /** A fresh {@link Fallback} as configured (each cascade learns its own prior). */
  public Fallback toFallback() {
    return prior ? Fallback.prior(value) : Fallback.fixed(value);
  }
}
