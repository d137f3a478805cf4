package io.cascade4j.ocr;

import io.cascade4j.api.StageProvider;
import io.cascade4j.testkit.StageProviderCompatibilityKit;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

class OcrStageProviderTest extends StageProviderCompatibilityKit {
  @BeforeAll
  static void tessdata() {
    Tessdata.assumeInstalled();
  }

  @Override
  protected StageProvider provider() {
    return new OcrStageProvider();
  }

  @Override
  protected Map<String, Object> validSettings() {
    return Map.of("sign-regions", 2);
  }

  @Override
  protected Map<String, Object> invalidSettings() {
    return Map.of("tolerance", 0.9);
  }
}
