package io.cascade4j.ocr;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.Settings;
import io.cascade4j.api.Stage;
import io.cascade4j.api.StageProvider;
import io.cascade4j.vision.image.ImageDecoder;
import io.cascade4j.vision.stage.VisionSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The {@code ocr} stage type.
 *
 * <pre>{@code
 * - name: signs
 *   type: ocr
 *   backend: {type: ppocr}                    # PP-OCRv4, the default when its models are installed
 *                                             # (scripts/ocr/install-ppocr-models.sh); or {type: tesseract,
 *                                             # language: eng, engines: 2, tessdata: DIR}
 *   languages: [en, de, fr, es, it, nl, pt]   # built-in phrase lists
 *   phrases: [ROADWORK NEXT 2 MILES]          # your own positives, added to the lists
 *   negative-phrases: [END OF WORKS]
 *   tolerance: 0.2                            # edits per letter allowed for OCR errors
 *   sign-regions: 4                           # sign-coloured regions read separately; 0 reads the whole image only
 *   positive: 0.95
 *   negative: 0.2                             # only cancelling phrases found (END ROAD WORK)
 *   no-match: abstain                         # or a probability
 * }</pre>
 *
 * OCR backends are found with {@link ServiceLoader} ({@link OcrBackendProvider}).
 */
public final class OcrStageProvider implements StageProvider {
  @Override
  public String type() {
    return "ocr";
  }

  @Override
  public Stage create(Settings s) throws ConfigurationException {
    ImageDecoder decoder = VisionSettings.decoder(s);
    List<String> languages = s.has("languages") ? s.stringList("languages")
        : List.of("en", "de", "fr", "es", "it", "nl", "pt");
    double tolerance = s.doubleValue("tolerance", 0.2, 0, 0.49);
    KeywordRules rules = null;
    try {
      KeywordRules builtIn = KeywordRules.forLanguages(languages, tolerance);
      List<String> positives = new ArrayList<>(builtIn.positives());
      List<String> negatives = new ArrayList<>(builtIn.negatives());
      if (s.has("phrases")) {
        positives.addAll(s.stringList("phrases"));
      }
      if (s.has("negative-phrases")) {
        negatives.addAll(s.stringList("negative-phrases"));
      }
      rules = new KeywordRules(positives, negatives, tolerance);
    } catch (IllegalArgumentException e) {
      s.problem("languages", e.getMessage());
    }
    int signRegions = s.intValue("sign-regions", 4, 0, 32);
    double positive = s.doubleValue("positive", 0.95, 0, 1);
    double negative = s.doubleValue("negative", 0.2, 0, 1);
    OptionalDouble noMatch = OptionalDouble.empty();
    String none = s.string("no-match", "abstain");
    if (!none.equals("abstain")) {
      try {
        double p = Double.parseDouble(none);
        if (!(p >= 0 && p <= 1)) {
          throw new NumberFormatException();
        }
        noMatch = OptionalDouble.of(p);
      } catch (NumberFormatException e) {
        s.problem("no-match", "must be 'abstain' or a probability in [0, 1], got '" + none + "'");
      }
    }
    Settings b = s.section("backend");
    // PP-OCR reads signs in scenes far better than Tesseract (docs/ocr.md); it is the default once its models are
    // installed, Tesseract otherwise.
    String type = b.string("type", new PpOcrBackendProvider().installed() ? "ppocr" : "tesseract");
    Map<String, OcrBackendProvider> backends = new TreeMap<>();
    ServiceLoader.load(OcrBackendProvider.class, OcrStageProvider.class.getClassLoader())
        .forEach(p -> backends.putIfAbsent(p.name(), p));
    OcrBackend backend = null;
    if (!backends.containsKey(type)) {
      b.problem("type", "no OCR backend '" + type + "'; available: " + backends.keySet());
    } else if (s.problems().isEmpty()) {
      backend = backends.get(type).create(b);
    }
    VisionSettings.validateOrClose(s, backend);
    if (backend == null || rules == null) {
      throw new IllegalStateException("settings validated without a backend or rules");
    }
    return new OcrStage(backend, decoder, rules, signRegions, positive, negative, noMatch);
  }
}
