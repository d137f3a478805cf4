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
import io.cascade4j.core.ProviderRegistry;
import io.cascade4j.core.config.CascadeConfig;
import io.cascade4j.core.config.CascadeConfigLoader;
import io.cascade4j.core.Fallback;
import io.cascade4j.core.Isolation;
import io.cascade4j.core.StageSpec;
import io.cascade4j.core.ensemble.Ensembles;
import io.cascade4j.core.policy.ExitPolicies;
import io.cascade4j.examples.plugin.DecodedImages;
import io.cascade4j.examples.plugin.ImageLimits;
import io.cascade4j.examples.plugin.SafetyColourStageProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Embedding a cascade in your own code, two ways. {@link #build()} assembles it in code, for applications that create
 * their stages themselves (from their own DI container, say): a cheap gate that answers confident cases, then cues in
 * parallel whose weighted mean decides the rest. {@link #fromYaml()} loads the same kind of cascade from a YAML file
 * on the class path, with the stages found by ServiceLoader.
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

  /** The example YAML cascade ({@code roadwork-demo.yaml} on the class path), its plugins discovered. */
  public static Cascade fromYaml() throws IOException, ConfigurationException {
    try (InputStream in = EmbeddedCascadeExample.class.getResourceAsStream("/roadwork-demo.yaml")) {
      if (in == null) {
        throw new IOException("roadwork-demo.yaml is missing from the class path");
      }
      CascadeConfig config = new CascadeConfigLoader().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8),
          CascadeConfigLoader.Format.YAML, "roadwork-demo");
      return Cascades.create(config, ProviderRegistry.discover());
    }
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
