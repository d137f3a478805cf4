package io.cascade4j.ocr;

import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** Whether Tesseract's English data is installed; under CI it must be. */
final class Tessdata {
  private Tessdata() {}

  static void assumeInstalled() {
    boolean present = TesseractBackend.findTessdata(TesseractBackend.STANDARD_TESSDATA, "eng").isPresent();
    if (System.getenv("CI") != null && !present) {
      throw new IllegalStateException("CI needs Tesseract's English data: apt-get install tesseract-ocr-eng");
    }
    Assumptions.assumeTrue(present, "no eng.traineddata in " + List.copyOf(TesseractBackend.STANDARD_TESSDATA));
  }
}
