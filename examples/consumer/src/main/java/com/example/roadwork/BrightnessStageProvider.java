package com.example.roadwork;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.ContextKey;
import io.cascade4j.api.Evidence;
import io.cascade4j.api.QueryContext;
import io.cascade4j.api.Settings;
import io.cascade4j.api.Stage;
import io.cascade4j.api.StageProvider;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** A stage plugin: P(roadwork) from the image's mean brightness, raised to a configurable power. */
public final class BrightnessStageProvider implements StageProvider {
  /** The decoded image, shared by every stage of a query that asks for it under this key. */
  static final ContextKey<BufferedImage> PIXELS = ContextKey.of("example-pixels", BufferedImage.class);

  @Override
  public String type() {
    return "brightness";
  }

  @Override
  public Stage create(Settings settings) throws ConfigurationException {
    double gamma = settings.doubleValue("gamma", 1.0, 0.1, 10.0);
    settings.validate();
    return context -> {
      BufferedImage image = context.computeIfAbsent(PIXELS, BrightnessStageProvider::decode); // once per query
      return Evidence.of(Math.pow(meanLuma(image), gamma));
    };
  }

  static BufferedImage decode(QueryContext context) {
    try (InputStream in = context.query().image().openStream()) {
      BufferedImage image = ImageIO.read(in);
      if (image == null) {
        throw new IllegalArgumentException("not an image ImageIO can read");
      }
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode the query image: " + e.getMessage(), e);
    }
  }

  /** Mean luma in [0, 1] (Rec. 601 weights) over a grid of at most 64 x 64 samples. */
  static double meanLuma(BufferedImage image) {
    int stepX = Math.max(1, image.getWidth() / 64);
    int stepY = Math.max(1, image.getHeight() / 64);
    double sum = 0;
    int n = 0;
    for (int y = 0; y < image.getHeight(); y += stepY) {
      for (int x = 0; x < image.getWidth(); x += stepX) {
        int rgb = image.getRGB(x, y);
        sum += 0.299 * (rgb >> 16 & 0xFF) + 0.587 * (rgb >> 8 & 0xFF) + 0.114 * (rgb & 0xFF);
        n++;
      }
    }
    return sum / n / 255.0;
  }
}
