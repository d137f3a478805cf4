package io.cascade4j.testkit;

import io.cascade4j.api.EncodedImage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Small encoded images for tests, made on the fly with the JDK's ImageIO (no native code), deterministic for the
 * same arguments.
 *
 * <pre>{@code
 * EncodedImage road = TestImages.jpeg(TestImages.scene(224, 224, true, 7), 75);
 * EncodedImage broken = TestImages.truncated(road);
 * }</pre>
 */
public final class TestImages {
  /** Safety orange, as on cones and barrier boards. */
  public static final Color SAFETY_ORANGE = new Color(255, 103, 0);

  private TestImages() {}

  /** An image of one colour. */
  public static BufferedImage solid(int width, int height, Color color) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return image;
  }

  /** A horizontal red and vertical green gradient: every pixel differs, which shows resizing and cropping errors. */
  public static BufferedImage gradient(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int r = width == 1 ? 0 : x * 255 / (width - 1);
        int g = height == 1 ? 0 : y * 255 / (height - 1);
        image.setRGB(x, y, (r << 16) | (g << 8) | 96);
      }
    }
    return image;
  }

  /**
   * A crude street: sky, grey road with a lane marking and, when {@code roadwork} is set, orange cones on the road.
   * Noise from {@code seed} makes images differ.
   */
  public static BufferedImage scene(int width, int height, boolean roadwork, long seed) {
    Random random = new Random(seed);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(135, 180, 230));
    g.fillRect(0, 0, width, height / 2);
    g.setColor(new Color(90, 90, 95));
    g.fillRect(0, height / 2, width, height - height / 2);
    g.setColor(Color.WHITE);
    g.fillRect(width / 2 - Math.max(1, width / 80), height / 2, Math.max(2, width / 40), height / 2);
    if (roadwork) {
      g.setColor(SAFETY_ORANGE);
      int cones = 3 + random.nextInt(3);
      for (int i = 0; i < cones; i++) {
        int cx = random.nextInt(Math.max(1, width - width / 10));
        int base = height / 2 + random.nextInt(Math.max(1, height / 2 - height / 10)) + height / 10;
        int size = Math.max(4, height / 8);
        g.fillPolygon(new int[] {cx, cx + size / 2, cx + size}, new int[] {base, base - size, base}, 3);
      }
    }
    g.dispose();
    for (int i = 0; i < width * height / 20; i++) {
      int x = random.nextInt(width);
      int y = random.nextInt(height);
      int rgb = image.getRGB(x, y);
      int delta = random.nextInt(21) - 10;
      image.setRGB(x, y, shift(rgb, 16, delta) | shift(rgb, 8, delta) | shift(rgb, 0, delta));
    }
    return image;
  }

  private static int shift(int rgb, int offset, int delta) {
    int channel = Math.max(0, Math.min(255, ((rgb >> offset) & 0xff) + delta));
    return channel << offset;
  }

  /** A JPEG of {@code image} at {@code quality} (1 to 100), as SN72 validators send (224x224, quality 75). */
  public static EncodedImage jpeg(BufferedImage image, int quality) {
    if (quality < 1 || quality > 100) {
      throw new IllegalArgumentException("JPEG quality must be within [1, 100], got " + quality);
    }
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
    ImageWriter writer = writers.next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality / 100f);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return EncodedImage.jpeg(out.toByteArray());
  }

  /** A PNG of {@code image} (lossless). */
  public static EncodedImage png(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return EncodedImage.png(out.toByteArray());
  }

  /** Bytes that claim to be a JPEG but are text. */
  public static EncodedImage notAnImage() {
    return EncodedImage.jpeg("this is not an image, whatever the media type says".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  /** The first half of {@code image}'s bytes: a truncated file. */
  public static EncodedImage truncated(EncodedImage image) {
    byte[] bytes = image.toByteArray();
    return EncodedImage.of(image.mediaType(), Arrays.copyOf(bytes, Math.max(1, bytes.length / 2)));
  }
}
