package io.cascade4j.ocr;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether the PP-OCRv4 models are installed where the backend looks by default (scripts/ocr/install-ppocr-models.sh,
 * which {@code ./cascade4j test} runs); under CI they must be.
 */
final class PpOcrModels {
  private PpOcrModels() {}

  static Path assumeInstalled() {
    PpOcrBackendProvider provider = new PpOcrBackendProvider();
    boolean present = provider.installed();
    if (System.getenv("CI") != null && !present) {
      throw new IllegalStateException("CI needs the PP-OCR models in " + provider.defaultModels()
          + ": scripts/ocr/install-ppocr-models.sh");
    }
    Assumptions.assumeTrue(present, "no PP-OCR models in " + provider.defaultModels()
        + " (scripts/ocr/install-ppocr-models.sh)");
    return provider.defaultModels();
  }
}
