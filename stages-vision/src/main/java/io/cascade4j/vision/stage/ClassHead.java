package io.cascade4j.vision.stage;

/**
 * Turns a model's output row into P(positive class): which class is positive, whether the row holds logits or
 * probabilities, softmax or sigmoid, and a temperature that divides the logits first (temperature scaling).
 *
 * @param positiveIndex index of the positive class in the output row
 * @param logits whether the row holds logits ({@code false}: probabilities, used as they are)
 * @param sigmoid sigmoid on the positive logit (multi-label or single-logit heads) instead of softmax over the row
 * @param temperature divides logits before the activation; 1 leaves them
 */
public record ClassHead(int positiveIndex, boolean logits, boolean sigmoid, double temperature) {
  public ClassHead {
    if (positiveIndex < 0) {
      throw new IllegalArgumentException("positive index must be >= 0, got " + positiveIndex);
    }
    if (!(temperature > 0) || !Double.isFinite(temperature)) {
      throw new IllegalArgumentException("temperature must be positive and finite, got " + temperature);
    }
    if (!logits && temperature != 1.0) {
      throw new IllegalArgumentException("temperature applies to logits; the model outputs probabilities");
    }
  }

  /** P(positive) from {@code width} values of {@code row} starting at {@code offset}. */
  public double probability(float[] row, int offset, int width) {
    if (positiveIndex >= width) {
      throw new IllegalStateException("the model gives " + width + " outputs per image but the positive class is "
          + "index " + positiveIndex);
    }
    double z = row[offset + positiveIndex];
    if (!logits) {
      return Math.min(1.0, Math.max(0.0, z));
    }
    if (sigmoid || width == 1) {
      return 1.0 / (1.0 + Math.exp(-z / temperature));
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < width; i++) {
      max = Math.max(max, row[offset + i] / temperature);
    }
    double sum = 0;
    for (int i = 0; i < width; i++) {
      sum += Math.exp(row[offset + i] / temperature - max);
    }
    return Math.exp(z / temperature - max) / sum;
  }
}
