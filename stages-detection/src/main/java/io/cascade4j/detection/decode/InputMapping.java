package io.cascade4j.detection.decode;

import io.cascade4j.detection.box.Box;

/**
 * Maps boxes from the model's input pixels back to the original image: remove the padding, divide by the gain, clip
 * to the image.
 *
 * @param gainX scale from original to input pixels, horizontally
 * @param gainY scale from original to input pixels, vertically
 * @param padLeft columns of padding on the left
 * @param padTop rows of padding on top
 * @param width original width
 * @param height original height
 */
public record InputMapping(double gainX, double gainY, int padLeft, int padTop, int width, int height) {
  /**
   * A letterbox of a {@code width x height} image into an input of {@code inputWidth x inputHeight} (the tensor's
   * size, also when stride-aligned), as Ultralytics' {@code scale_boxes}: one gain, the padding split with its 0.1
   * bias.
   */
  public static InputMapping letterbox(int width, int height, int inputWidth, int inputHeight) {
    double gain = Math.min((double) inputHeight / height, (double) inputWidth / width);
    int padLeft = (int) Math.rint((inputWidth - Math.rint(width * gain)) / 2.0 - 0.1);
    int padTop = (int) Math.rint((inputHeight - Math.rint(height * gain)) / 2.0 - 0.1);
    return new InputMapping(gain, gain, padLeft, padTop, width, height);
  }

  /** A resize of the whole image to the input, ratio not kept (RT-DETR, RF-DETR, D-FINE; DETR's shorter side). */
  public static InputMapping resize(int width, int height, int inputWidth, int inputHeight) {
    return new InputMapping((double) inputWidth / width, (double) inputHeight / height, 0, 0, width, height);
  }

  /** {@code box} in original image pixels. */
  public Box toOriginal(Box box) {
    return new Box(clip((box.x1() - padLeft) / gainX, width), clip((box.y1() - padTop) / gainY, height),
        clip((box.x2() - padLeft) / gainX, width), clip((box.y2() - padTop) / gainY, height), box.score(),
        box.classId());
  }

  private static double clip(double v, int max) {
    return Math.max(0, Math.min(max, v));
  }
}
