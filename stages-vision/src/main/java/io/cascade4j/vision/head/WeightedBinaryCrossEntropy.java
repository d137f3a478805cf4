package io.cascade4j.vision.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Binary cross-entropy on logits with a weight per class, computed in the numerically stable form
 * {@code max(z, 0) - z*y + log(1 + exp(-|z|))}. DJL's built-in sigmoid loss takes one weight for all samples; class
 * weights need one per label.
 */
final class WeightedBinaryCrossEntropy extends Loss {
  private final float positiveWeight;
  private final float negativeWeight;

  WeightedBinaryCrossEntropy(double positiveWeight, double negativeWeight) {
    super("weighted-bce");
    this.positiveWeight = (float) positiveWeight;
    this.negativeWeight = (float) negativeWeight;
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray z = predictions.singletonOrThrow().reshape(-1);
    NDArray y = labels.singletonOrThrow().reshape(-1);
    NDArray perSample = z.maximum(0).sub(z.mul(y)).add(z.abs().neg().exp().add(1f).log());
    NDArray weights = y.mul(positiveWeight - negativeWeight).add(negativeWeight);
    return perSample.mul(weights).mean();
  }
}
