package io.cascade4j.examples;

import io.cascade4j.api.Answer;
import io.cascade4j.api.Cascade;
import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.EncodedImage;
import io.cascade4j.api.Evidence;
import io.cascade4j.api.Query;
import io.cascade4j.api.Settings;
import io.cascade4j.api.Stage;
import io.cascade4j.core.Cascades;
import io.cascade4j.core.Fallback;
import io.cascade4j.core.Isolation;
import io.cascade4j.core.StageSpec;
import io.cascade4j.core.ensemble.Ensembles;
import io.cascade4j.core.policy.ExitPolicies;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A cascade built in code, for applications that assemble their stages themselves (from their own DI container,
 * say): a cheap gate that answers confident cases, then two cues in parallel whose mean decides the rest.
 */
public final class EmbeddedCascadeExample {
  private EmbeddedCascadeExample() {}

  /** Builds the example cascade from instances of the example plugin. */
  public static Cascade build() throws ConfigurationException {
    SafetyColourStageProvider colours = new SafetyColourStageProvider();
    Stage gate = colours.create(Settings.of(Map.of()));
    Stage orange = colours.create(Settings.of(Map.of("threshold", 0.003)));
    Stage vests = colours.create(Settings.of(Map.of("hue-min", 55, "hue-max", 85, "min-value", 0.7)));
    // A lambda is a stage too: here, a fixed prior for images too dark to judge.
    Stage darkness = context -> {
      double brightness = meanBrightness(DecodedImages.of(context, new ImageLimits(20_000_000, 40_000_000)));
      return brightness < 0.12 ? Evidence.of(0.5) : Evidence.abstain();
    };
    return Cascades.builder("embedded")
        .deadline(Duration.ofSeconds(2))
        .fallback(Fallback.fixed(0.5))
        .stage(StageSpec.of("gate", gate).withIsolation(Isolation.INLINE), ExitPolicies.band(0.02, 0.98))
        .parallel(
            "cues",
            List.of(StageSpec.of("orange", orange), StageSpec.of("vests", vests),
                StageSpec.of("darkness", darkness).withTimeout(Duration.ofMillis(500))),
            Ensembles.weightedMean(Map.of("orange", 2.0, "vests", 1.0, "darkness", 0.5)),
            ExitPolicies.always())
        .build();
  }

  static double meanBrightness(java.awt.image.BufferedImage image) {
    long sum = 0;
    int step = Math.max(1, image.getWidth() / 64);
    int count = 0;
    for (int y = 0; y < image.getHeight(); y += step) {
      for (int x = 0; x < image.getWidth(); x += step) {
        int rgb = image.getRGB(x, y);
        sum += ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff);
        count++;
      }
    }
    return sum / (3.0 * 255 * count);
  }

  /** Answers one image file given as the argument. */
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: EmbeddedCascadeExample image.jpg");
      System.exit(2);
    }
    try (Cascade cascade = build()) {
      Answer answer = cascade.evaluate(Query.of(EncodedImage.jpeg(java.nio.file.Files.readAllBytes(
          java.nio.file.Path.of(args[0])))));
      System.out.printf("P(roadwork) = %.3f, decided by %s%n", answer.probability(),
          answer.decider().orElse("fallback"));
      answer.trace().forEach(o -> System.out.println("  " + o));
    }
  }
}
