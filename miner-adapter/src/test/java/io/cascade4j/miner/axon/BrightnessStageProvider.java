package io.cascade4j.miner.axon;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.Evidence;
import io.cascade4j.api.Settings;
import io.cascade4j.api.Stage;
import io.cascade4j.api.StageProvider;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/**
 * A test stage whose answer depends on the image: the mean red level of its pixels, or a fixed {@code probability}
 * when set. It counts its calls (for the cache tests) and may take {@code delay} per call; with {@code fail: true}
 * it throws instead, with {@code breaker: open} it reports an open circuit breaker.
 */
public final class BrightnessStageProvider implements StageProvider {
  static final AtomicInteger CALLS = new AtomicInteger();

  @Override
  public String type() {
    return "test-redness";
  }

  @Override
  public Stage create(Settings settings) throws ConfigurationException {
    double fixed = settings.doubleValue("probability", -1, -1, 1);
    Duration delay = settings.duration("delay", Duration.ofMillis(1));
    String breaker = settings.string("breaker", "closed");
    boolean fail = settings.booleanValue("fail", false);
    settings.validate();
    Stage stage = fail ? context -> {
      throw new IllegalStateException("this test stage always fails");
    } : redness(fixed, delay);
    if (breaker.equals("closed")) {
      return stage;
    }
    // A stage that reports an open breaker, as a VLM judge does after its server failed.
    return new Stage() {
      @Override
      public Evidence evaluate(io.cascade4j.api.QueryContext context) throws Exception {
        return stage.evaluate(context);
      }

      @Override
      public io.cascade4j.api.StageHealth health() {
        return new io.cascade4j.api.StageHealth(io.cascade4j.api.StageHealth.State.OPEN, "test breaker");
      }
    };
  }

  private static Stage redness(double fixed, Duration delay) {
    return context -> {
      CALLS.incrementAndGet();
      Thread.sleep(delay);
      if (fixed >= 0) {
        return Evidence.of(fixed);
      }
      BufferedImage image;
      try {
        image = ImageIO.read(context.query().image().openStream());
      } catch (java.io.IOException e) {
        throw new io.cascade4j.core.image.ImageDecodingException("corrupt image: " + e.getMessage());
      }
      if (image == null) {
        throw new io.cascade4j.core.image.ImageDecodingException("no reader for this image");
      }
      long red = 0;
      for (int y = 0; y < image.getHeight(); y++) {
        for (int x = 0; x < image.getWidth(); x++) {
          red += (image.getRGB(x, y) >> 16) & 0xff;
        }
      }
      return Evidence.of(red / (255.0 * image.getWidth() * image.getHeight()));
    };
  }
}
