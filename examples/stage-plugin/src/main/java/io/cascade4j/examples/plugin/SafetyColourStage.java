package io.cascade4j.examples.plugin;

import io.cascade4j.api.Evidence;
import io.cascade4j.api.QueryContext;
import io.cascade4j.api.Stage;
import java.awt.Color;
import java.awt.image.BufferedImage;

/**
 * P(roadwork) from the share of pixels whose colour falls in a band of hue, saturation and brightness. Samples a grid
 * of at most about 250,000 pixels, so large photos cost no more than small ones. Stateless, hence thread-safe.
 */
final class SafetyColourStage implements Stage {
  private static final int MAX_SAMPLES = 250_000;

  /** A band of colours in HSB, hues as fractions of a turn. */
  record Band(float hueMin, float hueMax, float minSaturation, float minValue) {
    boolean contains(int rgb, float[] hsb) {
      Color.RGBtoHSB((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, hsb);
      return hsb[0] >= hueMin && hsb[0] <= hueMax && hsb[1] >= minSaturation && hsb[2] >= minValue;
    }
  }

  private final Band band;
  private final double threshold;
  private final double steepness;
  private final ImageLimits limits;

  SafetyColourStage(Band band, double threshold, double steepness, ImageLimits limits) {
    this.band = band;
    this.threshold = threshold;
    this.steepness = steepness;
    this.limits = limits;
  }

  @Override
  public Evidence evaluate(QueryContext context) {
    BufferedImage image = DecodedImages.of(context, limits);
    int step = Math.max(1, (int) Math.ceil(Math.sqrt((double) image.getWidth() * image.getHeight() / MAX_SAMPLES)));
    float[] hsb = new float[3];
    long inBand = 0;
    long sampled = 0;
    for (int y = 0; y < image.getHeight(); y += step) {
      for (int x = 0; x < image.getWidth(); x += step) {
        sampled++;
        if (band.contains(image.getRGB(x, y), hsb)) {
          inBand++;
        }
      }
    }
    double share = (double) inBand / sampled;
    double p = 1 / (1 + Math.exp(-steepness * (share - threshold)));
    return Evidence.of(p).withExtra("colour-share", share);
  }
}
