package io.cascade4j.ocr;

import io.cascade4j.vision.image.RgbImage;

/**
 * Reads the text in an image. Implementations must be thread-safe (the OCR stage calls one backend from many
 * queries) and release native resources in {@link #close()}. Found through {@link OcrBackendProvider}.
 */
public interface OcrBackend extends AutoCloseable {
  /**
   * The text in {@code image}, lines separated by newlines; empty when there is none.
   *
   * @throws InterruptedException if interrupted while waiting for an engine
   */
  String read(RgbImage image) throws InterruptedException;

  @Override
  void close();
}
