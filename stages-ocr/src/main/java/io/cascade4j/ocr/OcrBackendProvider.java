package io.cascade4j.ocr;

import io.cascade4j.api.Settings;
import org.jspecify.annotations.Nullable;

/**
 * Creates an {@link OcrBackend} from the {@code backend:} section of an {@code ocr} stage; registered with {@code
 * META-INF/services/io.cascade4j.ocr.OcrBackendProvider} and chosen by {@link #name()}.
 */
public interface OcrBackendProvider {
  /** The name configurations use, e.g. {@code tesseract}. */
  String name();

  /**
   * A backend for {@code settings}, or {@code null} after recording every problem on them (missing language data,
   * say), so the stage reports them all at once.
   */
  @Nullable OcrBackend create(Settings settings);
}
