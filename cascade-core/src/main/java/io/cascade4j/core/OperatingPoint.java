package io.cascade4j.core;

/**
 * Where the positive decision starts, and the monotone remap that puts it at 0.5 for the SN72 validator, which rounds
 * half to even: a probability at or above the cut comes out strictly above 0.5, one below it strictly below. The map
 * is piecewise linear: {@code [0, t)} onto {@code [0, 0.5)} and {@code [t, 1]} onto {@code (0.5, 1]}.
 *
 * <p>A cascade with an operating point ({@code operating-point: 0.72} in its file) remaps every answer it reaches from
 * evidence; its fallback is already an answer and stays as it is. {@code io.cascade4j.core.evaluation.MccOptimalCut}
 * finds the cut from labelled data.
 *
 * @param threshold the cut {@code t}, within (0, 1)
 */
public record OperatingPoint(double threshold) {

  /** Validates the cut. */
  public OperatingPoint {
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("the cut must be strictly between 0 and 1, got " + threshold);
    }
  }

  /** The remapped probability. */
  public double remap(double p) {
    if (p < threshold) {
      return 0.5 * p / threshold;
    }
    return Math.max(Math.nextUp(0.5), 0.5 + 0.5 * (p - threshold) / (1 - threshold));
  }
}
