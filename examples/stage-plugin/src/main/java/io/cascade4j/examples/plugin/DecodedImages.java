package io.cascade4j.examples.plugin;

import io.cascade4j.api.ContextKey;
import io.cascade4j.api.EncodedImage;
import io.cascade4j.api.QueryContext;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes a query's image with the JDK's ImageIO, once per query: every stage that asks gets the same {@link
 * BufferedImage} through the query context. (The real vision stages decode with OpenCV; this example stays
 * dependency-free.)
 */
public final class DecodedImages {
  static final ContextKey<BufferedImage> DECODED = ContextKey.of("imageio-decoded", BufferedImage.class);

  private DecodedImages() {}

  /** The query's image, decoded by the first stage that asks. */
  public static BufferedImage of(QueryContext context, ImageLimits limits) {
    return context.computeIfAbsent(DECODED, ctx -> decode(ctx.query().image(), limits));
  }

  static BufferedImage decode(EncodedImage image, ImageLimits limits) {
    if (image.size() > limits.maxBytes()) {
      throw new IllegalArgumentException(
          "image is " + image.size() + " bytes; this stage accepts at most " + limits.maxBytes());
    }
    try (ImageInputStream input = ImageIO.createImageInputStream(image.openStream())) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
      if (!readers.hasNext()) {
        throw new IllegalArgumentException("not an image in a format ImageIO reads (" + image + ")");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(input, true, true);
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        if (pixels > limits.maxPixels()) {
          throw new IllegalArgumentException(
              "image has " + pixels + " pixels; this stage accepts at most " + limits.maxPixels());
        }
        return reader.read(0);
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode " + image + ": " + e.getMessage(), e);
    }
  }
}
