package io.cascade4j.vision.preprocess;

/**
 * A preprocessed image ready for a model: either float32 values or raw uint8 values, with the shape they have in the
 * chosen layout ({@code [3, H, W]} or {@code [H, W, 3]}).
 *
 * @param shape dimensions in the layout's order
 * @param floats the float32 values, or an empty array for a uint8 tensor
 * @param bytes the uint8 values, or an empty array for a float32 tensor
 */
public record ImageTensor(long[] shape, float[] floats, byte[] bytes) {
  /** Whether the values are float32 (else uint8). */
  public boolean isFloat() {
    return bytes.length == 0;
  }
}
