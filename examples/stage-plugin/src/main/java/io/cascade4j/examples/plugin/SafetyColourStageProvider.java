package io.cascade4j.examples.plugin;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.Settings;
import io.cascade4j.api.Stage;
import io.cascade4j.api.StageProvider;

/**
 * A stage plugin written against the SPI alone: {@code safety-colour} judges roadwork by the share of pixels in a
 * hue band of high-visibility colours (cone orange by default). It is listed in {@code
 * META-INF/services/io.cascade4j.api.StageProvider}, which is all a plugin needs to be found.
 *
 * <pre>{@code
 * - name: orange
 *   type: safety-colour
 *   hue-min: 5            # degrees; the band of cone and barrier orange
 *   hue-max: 30
 *   min-saturation: 0.6
 *   min-value: 0.45
 *   threshold: 0.004      # share of such pixels at which P(roadwork) = 0.5
 *   steepness: 900        # how fast P rises around the threshold
 *   max-pixels: 40000000  # refuse larger images before decoding them
 *   max-bytes: 20000000
 * }</pre>
 */
public final class SafetyColourStageProvider implements StageProvider {
  @Override
  public String type() {
    return "safety-colour";
  }

  @Override
  public Stage create(Settings settings) throws ConfigurationException {
    double hueMin = settings.doubleValue("hue-min", 5, 0, 360);
    double hueMax = settings.doubleValue("hue-max", 30, 0, 360);
    double minSaturation = settings.doubleValue("min-saturation", 0.6, 0, 1);
    double minValue = settings.doubleValue("min-value", 0.45, 0, 1);
    double threshold = settings.doubleValue("threshold", 0.004, 0, 1);
    double steepness = settings.doubleValue("steepness", 900, 0, 1e6);
    int maxPixels = settings.intValue("max-pixels", 40_000_000, 1, Integer.MAX_VALUE);
    int maxBytes = settings.intValue("max-bytes", 20_000_000, 1, Integer.MAX_VALUE);
    if (settings.problems().isEmpty() && hueMin >= hueMax) {
      settings.problem("hue-min", "must be below hue-max (" + hueMax + "), got " + hueMin);
    }
    settings.validate();
    return new SafetyColourStage(
        new SafetyColourStage.Band((float) (hueMin / 360), (float) (hueMax / 360), (float) minSaturation,
            (float) minValue),
        threshold, steepness, new ImageLimits(maxBytes, maxPixels));
  }
}
