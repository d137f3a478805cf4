package io.cascade4j.ocr;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Random;

/** Street frames with a rendered sign: a grey road, sky, and a sign of given shape, colours, font, size and tilt. */
final class SignImages {
  static final Color ORANGE = new Color(255, 128, 0);
  static final Color YELLOW = new Color(250, 210, 0);

  private SignImages() {}

  /** A rendered sign and how it was made. */
  record Named(String name, BufferedImage image) {}

  /**
   * The 36 ROAD WORK AHEAD diamonds the OCR backends are measured on: three fonts, two sizes (260 and 130 pixels),
   * three tilts (0, -8, 6 degrees), with and without noise.
   */
  static java.util.List<Named> roadWorkAhead() {
    java.util.List<Named> signs = new java.util.ArrayList<>();
    long seed = 0;
    for (String font : java.util.List.of("SansSerif", "Serif", "Monospaced")) {
      for (int size : new int[] {260, 130}) {
        for (double degrees : new double[] {0, -8, 6}) {
          for (double noise : new double[] {0, 12}) {
            signs.add(new Named(font + " " + size + "px " + degrees + "deg noise " + noise,
                frame(new String[] {"ROAD", "WORK", "AHEAD"}, true, ORANGE, font, size, 400, 40, degrees, noise,
                    seed++)));
          }
        }
      }
    }
    return signs;
  }

  /**
   * A 640x480 frame with a sign {@code size} pixels wide at (x, y), text lines in {@code font}, tilted by {@code
   * degrees}, with Gaussian noise of {@code noise} levels (0 = none).
   */
  static BufferedImage frame(String[] lines, boolean diamond, Color background, String font, int size, int x, int y,
      double degrees, double noise, long seed) {
    BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(new Color(150, 185, 220));
    g.fillRect(0, 0, 640, 240);
    g.setColor(new Color(95, 95, 100));
    g.fillRect(0, 240, 640, 240);
    g.setColor(Color.WHITE);
    g.fillRect(310, 300, 20, 180);
    g.rotate(Math.toRadians(degrees), x + size / 2.0, y + size / 2.0);
    g.setColor(background);
    if (diamond) {
      g.fillPolygon(new Polygon(new int[] {x + size / 2, x + size, x + size / 2, x},
          new int[] {y, y + size / 2, y + size, y + size / 2}, 4));
    } else {
      g.fillRect(x, y, size, (int) (size * 0.6));
    }
    g.setColor(Color.BLACK);
    int textWidth = (int) (size * (diamond ? 0.6 : 0.85));
    int fontSize = size;
    FontMetrics m;
    do {
      fontSize--;
      g.setFont(new Font(font, Font.BOLD, fontSize));
      m = g.getFontMetrics();
    } while (fontSize > 4 && maxWidth(m, lines) > textWidth);
    int lineHeight = m.getAscent();
    int blockHeight = lineHeight * lines.length + (lines.length - 1) * lineHeight / 4;
    int centreY = diamond ? y + size / 2 : y + (int) (size * 0.3);
    int top = centreY - blockHeight / 2 + lineHeight;
    for (int i = 0; i < lines.length; i++) {
      int w = m.stringWidth(lines[i]);
      g.drawString(lines[i], x + (size - w) / 2, top + i * (lineHeight + lineHeight / 4));
    }
    g.dispose();
    if (noise > 0) {
      Random random = new Random(seed);
      for (int py = 0; py < 480; py++) {
        for (int px = 0; px < 640; px++) {
          int rgb = image.getRGB(px, py);
          int r = clamp(((rgb >> 16) & 0xFF) + random.nextGaussian() * noise);
          int gr = clamp(((rgb >> 8) & 0xFF) + random.nextGaussian() * noise);
          int b = clamp((rgb & 0xFF) + random.nextGaussian() * noise);
          image.setRGB(px, py, (r << 16) | (gr << 8) | b);
        }
      }
    }
    return image;
  }

  private static int maxWidth(FontMetrics m, String[] lines) {
    int max = 0;
    for (String line : lines) {
      max = Math.max(max, m.stringWidth(line));
    }
    return max;
  }

  private static int clamp(double v) {
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }
}
