package io.cascade4j.detection.decode;

import io.cascade4j.detection.box.Box;

/**
 * Maps boxes from a letterboxed model input back to the original image, as Ultralytics' {@code scale_boxes}: remove
 * the padding, divide by the gain, clip to the image. The padding is computed exactly as the letterbox made it.
 *
 * @param gain scale from original to input pixels
 * @param padLeft columns of padding on the left
 * @param padTop rows of padding on top
 * @param width original width
 * @param height original height
 */
public record LetterboxMapping(double gain, int padLeft, int padTop, int width, int height) {
  /** The mapping for an image of {@code width x height} letterboxed into {@code inputWidth x inputHeight}. */
  public static LetterboxMapping of(int width, int height, int inputWidth, int inputHeight) {
    double gain = Math.min((double) inputHeight / height, (double) inputWidth / width);
    int padLeft = (int) Math.rint((inputWidth - Math.rint(width * gain)) / 2.0 - 0.1);
    int padTop = (int) Math.rint((inputHeight - Math.rint(height * gain)) / 2.0 - 0.1);
    return new LetterboxMapping(gain, padLeft, padTop, width, height);
  }

  /** {@code box} in original image pixels. */
  public Box toOriginal(Box box) {
    return new Box(clip((box.x1() - padLeft) / gain, width), clip((box.y1() - padTop) / gain, height),
        clip((box.x2() - padLeft) / gain, width), clip((box.y2() - padTop) / gain, height), box.score(),
        box.classId());
  }

  private static double clip(double v, int max) {
    return Math.max(0, Math.min(max, v));
  }
}
