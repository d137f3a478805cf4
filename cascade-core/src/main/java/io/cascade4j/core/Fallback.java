package io.cascade4j.core;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a cascade answers when no stage gave an opinion (every one failed, timed out or abstained).
 *
 * <ul>
 *   <li>{@link #fixed(double)}: always the same probability.
 *   <li>{@link #prior(double)}: the running mean of the probabilities the cascade itself answered with lately (an
 *       exponential average over roughly the last 100 decided answers), starting from {@code initial}. It tracks the
 *       share of positives the cascade sees, which is the best guess without evidence.
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class Fallback {
  private static final double PRIOR_ALPHA = 0.01;

  private final boolean learns;
  private final AtomicLong bits;

  private Fallback(boolean learns, double initial) {
    if (!(initial >= 0.0 && initial <= 1.0)) {
      throw new IllegalArgumentException("a fallback probability must be within [0, 1], got " + initial);
    }
    this.learns = learns;
    this.bits = new AtomicLong(Double.doubleToRawLongBits(initial));
  }

  /** Always answers {@code probability}. */
  public static Fallback fixed(double probability) {
    return new Fallback(false, probability);
  }

  /** Answers the running mean of the cascade's decided answers, starting from {@code initial}. */
  public static Fallback prior(double initial) {
    return new Fallback(true, initial);
  }

  /** The probability to answer now. */
  public double probability() {
    return Double.longBitsToDouble(bits.get());
  }

  /** Whether this fallback learns from answers ({@link #prior}) or not ({@link #fixed}). */
  public boolean isPrior() {
    return learns;
  }

  /** Tells the fallback the cascade answered {@code probability} from evidence. */
  void observe(double probability) {
    if (!learns) {
      return;
    }
    bits.getAndUpdate(
        old -> {
          double mean = Double.longBitsToDouble(old);
          return Double.doubleToRawLongBits(mean + PRIOR_ALPHA * (probability - mean));
        });
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s(%.4f)", learns ? "prior" : "fixed", probability());
  }
}
