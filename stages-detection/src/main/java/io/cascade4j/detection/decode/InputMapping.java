package io.cascade4j.detection.decode;

import io.cascade4j.detection.box.Box;

/**
 * Maps boxes from the model's input pixels back to the original image: remove the padding, divide by the gain, and
 * clip to the image where the exporter's own post-processing does (Ultralytics' {@code scale_boxes} clips; Hugging
 * Face's {@code post_process_object_detection} and Ultralytics' RT-DETR predictor do not).
 *
 * @param gainX scale from original to input pixels, horizontally
 * @param gainY scale from original to input pixels, vertically
 * @param padLeft columns of padding on the left
 * @param padTop rows of padding on top
 * @param width original width
 * @param height original height
 * @param clip whether boxes are clipped to the original image
 */
public record InputMapping(double gainX, double gainY, int padLeft, int padTop, int width, int height, boolean clip) {
  /**
   * A letterbox of a {@code width x height} image into an input of {@code inputWidth x inputHeight} (the tensor's
   * size, also when stride-aligned), as Ultralytics' {@code scale_boxes}: one gain, the padding split with its 0.1
   * bias.
   */
  public static InputMapping letterbox(int width, int height, int inputWidth, int inputHeight) {
    double gain = Math.min((double) inputHeight / height, (double) inputWidth / width);
    int padLeft = (int) Math.rint((inputWidth - Math.rint(width * gain)) / 2.0 - 0.1);
    int padTop = (int) Math.rint((inputHeight - Math.rint(height * gain)) / 2.0 - 0.1);
    return new InputMapping(gain, gain, padLeft, padTop, width, height, true);
  }

  /** A resize of the whole image to the input, ratio not kept (RT-DETR, RF-DETR, D-FINE; DETR's shorter side). */
  public static InputMapping resize(int width, int height, int inputWidth, int inputHeight) {
    return new InputMapping((double) inputWidth / width, (double) inputHeight / height, 0, 0, width, height, true);
  }

  /** The same mapping, clipping or not. */
  public InputMapping clipping(boolean clipToImage) {
    return new InputMapping(gainX, gainY, padLeft, padTop, width, height, clipToImage);
  }

  /** {@code box} in original image pixels. */
  public Box toOriginal(Box box) {
    return new Box(clip((box.x1() - padLeft) / gainX, width), clip((box.y1() - padTop) / gainY, height),
        clip((box.x2() - padLeft) / gainX, width), clip((box.y2() - padTop) / gainY, height), box.score(),
        box.classId());
  }

  private double clip(double v, int max) {
    return clip ? Math.max(0, Math.min(max, v)) : v;
  }
}
