package io.cascade4j.vision.model;

/**
 * A model's first output copied to the heap.
 *
 * @param values the values, row-major
 * @param shape the dimensions, batch first
 */
public record ModelOutput(float[] values, long[] shape) {
  /** Values per batch item: the product of every dimension after the first. */
  public int perItem() {
    return shape.length == 0 || shape[0] == 0 ? values.length : (int) (values.length / shape[0]);
  }
}
