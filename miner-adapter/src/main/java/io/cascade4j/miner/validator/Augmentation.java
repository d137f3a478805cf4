package io.cascade4j.miner.validator;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The augmentations SN72 validators apply to a challenge image (shared/protocol/streetvision-sn72.md), ending at
 * 224x224, then JPEG at quality 75:
 *
 * <ul>
 *   <li>L0: centre crop to the shorter side's square, resize to 224;
 *   <li>L1: rotation within +-20 degrees (nearest, black corners), then {@code RandomResizedCrop(224, scale=(0.2, 1),
 *       ratio=(1, 1))};
 *   <li>L2: L1, then colour saturation, colour contrast and JPEG-style down/up-sampling, each at level 0 (off) or 1;
 *   <li>L3: L1, then saturation, contrast, JPEG resampling, Gaussian colour noise and Gaussian blur, each at level 0,
 *       1 or 2: saturation 0.4/0.3, contrast 0.85/0.725, resampling factor 2/3, noise variance 0.001/0.002, blur
 *       kernel 7/9.
 * </ul>
 *
 * The distortions follow DeeperForensics' definitions as the validator code uses them: saturation scales the chroma
 * (Cb, Cr) about 128, contrast multiplies every channel, resampling shrinks by the factor and enlarges back, noise is
 * added to Y, Cb and Cr with the given variance of [0, 1] values, blur is a Gaussian of sigma kernel / 6. Resizes are
 * bilinear. This is a faithful simulation of the challenge distribution, not a bit-exact copy of PIL and OpenCV.
 */
public final class Augmentation {
  /** The side of every challenge image. */
  public static final int SIZE = 224;

  private static final double[] SATURATION = {0.4, 0.3};
  private static final double[] CONTRAST = {0.85, 0.725};
  private static final int[] RESAMPLING = {2, 3};
  private static final double[] NOISE_VARIANCE = {0.001, 0.002};
  private static final int[] BLUR_KERNEL = {7, 9};

  private Augmentation() {}

  /**
   * A 224x224 image made from {@code image} at {@code level} (0..3), with randomness from {@code random}; what was
   * done is appended to {@code steps}.
   */
  public static BufferedImage apply(BufferedImage image, int level, Random random, List<String> steps) {
    if (level < 0 || level > 3) {
      throw new IllegalArgumentException("augmentation levels are 0 to 3, got " + level);
    }
    BufferedImage rgb = toRgb(image);
    if (level == 0) {
      int side = Math.min(rgb.getWidth(), rgb.getHeight());
      steps.add("center-crop");
      return resize(rgb.getSubimage((rgb.getWidth() - side) / 2, (rgb.getHeight() - side) / 2, side, side), SIZE,
          SIZE);
    }
    double degrees = (random.nextDouble() * 2 - 1) * 20;
    steps.add(String.format(java.util.Locale.ROOT, "rotate %.1f", degrees));
    BufferedImage out = randomResizedCrop(rotate(rgb, degrees), random, steps);
    if (level == 1) {
      return out;
    }
    int max = level == 2 ? 1 : 2;
    int s = random.nextInt(max + 1);
    int c = random.nextInt(max + 1);
    int j = random.nextInt(max + 1);
    if (s > 0) {
      out = saturation(out, SATURATION[s - 1]);
      steps.add("saturation " + SATURATION[s - 1]);
    }
    if (c > 0) {
      out = contrast(out, CONTRAST[c - 1]);
      steps.add("contrast " + CONTRAST[c - 1]);
    }
    if (j > 0) {
      out = resample(out, RESAMPLING[j - 1]);
      steps.add("resample /" + RESAMPLING[j - 1]);
    }
    if (level == 3) {
      int n = random.nextInt(3);
      int b = random.nextInt(3);
      if (n > 0) {
        out = noise(out, NOISE_VARIANCE[n - 1], random);
        steps.add("noise " + NOISE_VARIANCE[n - 1]);
      }
      if (b > 0) {
        out = blur(out, BLUR_KERNEL[b - 1]);
        steps.add("blur " + BLUR_KERNEL[b - 1]);
      }
    }
    return out;
  }

  /** The image as PIL saves it by default: JPEG, quality 75. */
  public static byte[] jpeg(BufferedImage image) {
    try {
      ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.75f);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
        writer.setOutput(out);
        writer.write(null, new IIOImage(toRgb(image), null, null), param);
      } finally {
        writer.dispose();
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static BufferedImage toRgb(BufferedImage image) {
    if (image.getType() == BufferedImage.TYPE_INT_RGB) {
      return image;
    }
    BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = rgb.createGraphics();
    g.drawImage(image, 0, 0, java.awt.Color.BLACK, null); // transparency onto black
    g.dispose();
    return rgb;
  }

  static BufferedImage resize(BufferedImage image, int width, int height) {
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(image, 0, 0, width, height, null);
    g.dispose();
    return out;
  }

  /** torchvision's RandomRotation on PIL: nearest neighbour, same size, black outside the picture. */
  static BufferedImage rotate(BufferedImage image, double degrees) {
    AffineTransform t = AffineTransform.getRotateInstance(Math.toRadians(-degrees), image.getWidth() / 2.0,
        image.getHeight() / 2.0); // PIL turns counter-clockwise for positive angles
    BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    new AffineTransformOp(t, AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(image, out);
    return out;
  }

  /** torchvision's RandomResizedCrop(224, scale=(0.2, 1), ratio=(1, 1)): ten tries, then a centre crop. */
  static BufferedImage randomResizedCrop(BufferedImage image, Random random, List<String> steps) {
    int w = image.getWidth();
    int h = image.getHeight();
    for (int attempt = 0; attempt < 10; attempt++) {
      double area = w * (double) h * (0.2 + random.nextDouble() * 0.8);
      int side = (int) Math.round(Math.sqrt(area));
      if (side > 0 && side <= w && side <= h) {
        int top = random.nextInt(h - side + 1);
        int left = random.nextInt(w - side + 1);
        steps.add("crop " + side + " at " + left + "," + top);
        return resize(image.getSubimage(left, top, side, side), SIZE, SIZE);
      }
    }
    int side = Math.min(w, h);
    steps.add("crop " + side + " centred");
    return resize(image.getSubimage((w - side) / 2, (h - side) / 2, side, side), SIZE, SIZE);
  }

  /** Chroma (Cb, Cr) scaled about 128 by {@code factor}, luma kept. */
  static BufferedImage saturation(BufferedImage image, double factor) {
    return perPixel(image, (y, cb, cr) -> new double[] {y, 128 + (cb - 128) * factor, 128 + (cr - 128) * factor});
  }

  /** Every channel multiplied by {@code factor}. */
  static BufferedImage contrast(BufferedImage image, double factor) {
    BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int p = image.getRGB(x, y);
        out.setRGB(x, y, rgb(((p >> 16) & 0xFF) * factor, ((p >> 8) & 0xFF) * factor, (p & 0xFF) * factor));
      }
    }
    return out;
  }

  /** Shrunk by {@code factor} and enlarged back: the blockiness of a low-resolution source. */
  static BufferedImage resample(BufferedImage image, int factor) {
    BufferedImage small = resize(image, Math.max(1, image.getWidth() / factor), Math.max(1,
        image.getHeight() / factor));
    return resize(small, image.getWidth(), image.getHeight());
  }

  /** Gaussian noise of {@code variance} (on [0, 1] values) added to Y, Cb and Cr. */
  static BufferedImage noise(BufferedImage image, double variance, Random random) {
    double sigma = Math.sqrt(variance) * 255;
    return perPixel(image, (y, cb, cr) -> new double[] {y + random.nextGaussian() * sigma,
        cb + random.nextGaussian() * sigma, cr + random.nextGaussian() * sigma});
  }

  /**
   * A Gaussian blur with a {@code kernel x kernel} window and sigma {@code kernel / 6}, separable, edges replicated
   * as OpenCV's default border does, rounded once at the end.
   */
  static BufferedImage blur(BufferedImage image, int kernel) {
    double sigma = kernel / 6.0;
    int half = kernel / 2;
    double[] weights = new double[kernel];
    double sum = 0;
    for (int i = 0; i < kernel; i++) {
      weights[i] = Math.exp(-(i - half) * (i - half) / (2 * sigma * sigma));
      sum += weights[i];
    }
    for (int i = 0; i < kernel; i++) {
      weights[i] /= sum;
    }
    int w = image.getWidth();
    int h = image.getHeight();
    double[][] rows = new double[3][w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int k = 0; k < kernel; k++) {
          int p = image.getRGB(Math.min(w - 1, Math.max(0, x + k - half)), y);
          rows[0][y * w + x] += weights[k] * ((p >> 16) & 0xFF);
          rows[1][y * w + x] += weights[k] * ((p >> 8) & 0xFF);
          rows[2][y * w + x] += weights[k] * (p & 0xFF);
        }
      }
    }
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double[] c = new double[3];
        for (int k = 0; k < kernel; k++) {
          int at = Math.min(h - 1, Math.max(0, y + k - half)) * w + x;
          for (int ch = 0; ch < 3; ch++) {
            c[ch] += weights[k] * rows[ch][at];
          }
        }
        out.setRGB(x, y, rgb(c[0], c[1], c[2]));
      }
    }
    return out;
  }

  private interface YcbcrOp {
    double[] apply(double y, double cb, double cr);
  }

  private static BufferedImage perPixel(BufferedImage image, YcbcrOp op) {
    BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int p = image.getRGB(x, y);
        double r = (p >> 16) & 0xFF;
        double g = (p >> 8) & 0xFF;
        double b = p & 0xFF;
        // ITU-R BT.601 full range, as OpenCV's YCrCb conversion.
        double[] t = op.apply(0.299 * r + 0.587 * g + 0.114 * b, 128 - 0.168736 * r - 0.331264 * g + 0.5 * b,
            128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
        out.setRGB(x, y, rgb(t[0] + 1.402 * (t[2] - 128), t[0] - 0.344136 * (t[1] - 128) - 0.714136 * (t[2] - 128),
            t[0] + 1.772 * (t[1] - 128)));
      }
    }
    return out;
  }

  private static int rgb(double r, double g, double b) {
    return (clamp(r) << 16) | (clamp(g) << 8) | clamp(b);
  }

  private static int clamp(double v) {
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }
}
