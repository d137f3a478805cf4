package io.cascade4j.ocr;

import io.cascade4j.api.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The {@code tesseract} OCR backend: {@code {type: tesseract, tessdata: DIR, language: eng, engines: 2}}. Without
 * {@code tessdata}, the folder named by {@code TESSDATA_PREFIX} and then the distributions' usual folders are searched
 * for the language's {@code .traineddata}.
 */
public final class TesseractBackendProvider implements OcrBackendProvider {
  private final Function<String, @Nullable String> environment;

  public TesseractBackendProvider() {
    this(System::getenv);
  }

  TesseractBackendProvider(Function<String, @Nullable String> environment) {
    this.environment = environment;
  }

  @Override
  public String name() {
    return "tesseract";
  }

  @Override
  public @Nullable OcrBackend create(Settings s) {
    String language = s.string("language", "eng");
    int engines = s.intValue("engines", 2, 1, 64);
    List<Path> candidates = new ArrayList<>();
    if (s.has("tessdata")) {
      candidates.add(Path.of(s.string("tessdata")));
    } else {
      String prefix = environment.apply("TESSDATA_PREFIX");
      if (prefix != null && !prefix.isBlank()) {
        candidates.add(Path.of(prefix));
      }
      candidates.addAll(TesseractBackend.STANDARD_TESSDATA);
    }
    Optional<Path> tessdata = TesseractBackend.findTessdata(candidates, language);
    if (tessdata.isEmpty()) {
      s.problem(s.has("tessdata") ? "tessdata" : "language", "no " + language.replace("+", ".traineddata, ")
          + ".traineddata in " + candidates + "; install the language data (Debian: apt-get install"
          + " tesseract-ocr-eng) or set backend.tessdata");
      return null;
    }
    if (!s.problems().isEmpty()) {
      return null;
    }
    try {
      return new TesseractBackend(tessdata.get(), language, engines);
    } catch (IllegalArgumentException e) {
      s.problem("language", e.getMessage());
      return null;
    }
  }
}
