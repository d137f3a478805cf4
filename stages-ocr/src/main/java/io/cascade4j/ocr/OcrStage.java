package io.cascade4j.ocr;

import io.cascade4j.api.Evidence;
import io.cascade4j.api.QueryContext;
import io.cascade4j.api.Stage;
import io.cascade4j.vision.image.ImageDecoder;
import io.cascade4j.vision.image.RgbImage;
import io.cascade4j.vision.preprocess.Interpolation;
import io.cascade4j.vision.preprocess.Preprocessing;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The {@code ocr} stage: reads the text of the whole image and of its sign-coloured regions (enlarged), and judges it
 * with {@link KeywordRules}. A positive phrase gives {@code positive}; only cancelling phrases (END ROAD WORK) give
 * {@code negative}; no phrase gives {@code noMatch}, by default no opinion, because a scene without readable text
 * says little about roadwork. The text read and the phrases found travel in the extras.
 */
final class OcrStage implements Stage {
  /** Text this many pixels high or more reads well; smaller crops are enlarged to it. */
  private static final int TEXT_VIEW_HEIGHT = 240;
  private static final int MAX_SIDE = 1600;
  private static final int MAX_TEXT = 500;

  private final OcrBackend backend;
  private final ImageDecoder decoder;
  private final KeywordRules rules;
  private final int signRegions;
  private final double positive;
  private final double negative;
  private final OptionalDouble noMatch;

  OcrStage(OcrBackend backend, ImageDecoder decoder, KeywordRules rules, int signRegions, double positive,
      double negative, OptionalDouble noMatch) {
    this.backend = backend;
    this.decoder = decoder;
    this.rules = rules;
    this.signRegions = signRegions;
    this.positive = positive;
    this.negative = negative;
    this.noMatch = noMatch;
  }

  @Override
  public Evidence evaluate(QueryContext context) throws InterruptedException {
    RgbImage image = decoder.decodeOnce(context);
    List<String> texts = new ArrayList<>();
    for (RgbImage view : views(image)) {
      String text = backend.read(view);
      if (!text.isBlank()) {
        texts.add(text);
      }
    }
    String text = String.join("\n", texts);
    KeywordRules.Verdict verdict = rules.judge(text);
    Evidence evidence = verdict.roadwork() ? Evidence.of(positive)
        : !verdict.negatives().isEmpty() ? Evidence.of(negative)
        : noMatch.isPresent() ? Evidence.of(noMatch.getAsDouble()) : Evidence.abstain();
    return evidence.withExtra("ocr-text", text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "..." : text)
        .withExtra("ocr-phrases", verdict.positives().stream().map(KeywordRules.Match::phrase).distinct().toList())
        .withExtra("ocr-cancelled-by", verdict.negatives().stream().map(KeywordRules.Match::phrase).distinct()
            .toList());
  }

  /**
   * The whole image (shrunk when huge, enlarged when small), and each sign region enlarged for its text, in colour
   * and binarised (noise defeats one, low contrast the other).
   */
  private List<RgbImage> views(RgbImage image) {
    List<RgbImage> views = new ArrayList<>();
    int longer = Math.max(image.width(), image.height());
    double wholeScale = longer > MAX_SIDE ? (double) MAX_SIDE / longer
        : Math.min(image.width(), image.height()) < 400 ? 2 : 1;
    views.add(scaled(image, wholeScale));
    for (RgbImage crop : SignRegions.crops(image, signRegions)) {
      RgbImage enlarged = scaled(crop, Math.max(1, Math.min(8, (double) TEXT_VIEW_HEIGHT / crop.height())));
      views.add(enlarged);
      views.add(Binarisation.of(enlarged));
    }
    return views;
  }

  private static RgbImage scaled(RgbImage image, double scale) {
    if (scale == 1) {
      return image;
    }
    int w = Math.max(1, (int) Math.round(image.width() * scale));
    int h = Math.max(1, (int) Math.round(image.height() * scale));
    return Preprocessing.builder().resizeExact(w, h).interpolation(Interpolation.BICUBIC).build().geometry(image);
  }

  @Override
  public void close() {
    backend.close();
  }
}
