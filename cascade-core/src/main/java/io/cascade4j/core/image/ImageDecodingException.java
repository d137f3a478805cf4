package io.cascade4j.core.image;

/**
 * The bytes of a query are not an image this module can decode within its limits: unknown format, truncated or
 * corrupt data, or dimensions beyond {@link ImageLimits}. It is the query's fault, not the stage's, so the message
 * says what was wrong with the input.
 */
public final class ImageDecodingException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public ImageDecodingException(String message) {
    super(message);
  }
}
