package io.cascade4j.vision.image;

/**
 * What to do with a JPEG's EXIF orientation tag.
 *
 * <p>The default is {@link #IGNORE}, because that is what a model trained in Python saw: PIL's {@code Image.open}
 * returns the stored pixels and applies no rotation (only {@code ImageOps.exif_transpose} would), and timm,
 * torchvision and Hugging Face loaders do not call it. A phone photo stored sideways therefore reaches the model
 * sideways in training, and must reach it the same way here. Choose {@link #APPLY} only if the training pipeline
 * called {@code exif_transpose}.
 */
public enum ExifOrientation {
  /** Keep the stored pixel order, as PIL does. */
  IGNORE,
  /** Rotate and flip as the tag says, as browsers and OpenCV's default do. */
  APPLY
}
