package io.cascade4j.scenes;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Draws street scenes in perspective, with and without roadwork, deterministic by seed: sky, buildings or trees, a
 * road with lane markings, cars; roadwork adds cones, barrier boards, workers in hi-vis vests, ROAD WORK AHEAD signs
 * or machinery. Half of the scenes without roadwork carry hard negatives: orange cars, orange signs that are not
 * roadwork, END ROAD WORK signs, pedestrians in bright clothes, cones stacked off the road. Light, weather, blur,
 * noise and viewpoint vary.
 *
 * <p>The label of {@link #generate(long)} is drawn from the seed (half and half); {@link #generate(long, boolean)}
 * asks for one. Thread-safe: every call has its own random source and canvas.
 */
public final class SceneGenerator {
  private static final Color ORANGE = new Color(255, 110, 10);
  private static final Color VEST = new Color(205, 255, 20);
  private static final String[] OTHER_SIGNS = {"SLOW", "SCHOOL", "STOP AHEAD", "SALE", "CURVE"};
  /** Whether the JDK can render text: a headless JDK on a system without fonts cannot, and must not crash here. */
  private static final boolean FONTS = fontsAvailable();

  private final int width;
  private final int height;

  /** Scenes of {@code width x height} pixels (at least 64 each). */
  public SceneGenerator(int width, int height) {
    if (width < 64 || height < 64) {
      throw new IllegalArgumentException("scenes need at least 64x64 pixels, got " + width + "x" + height);
    }
    this.width = width;
    this.height = height;
  }

  /** 640x480 scenes. */
  public SceneGenerator() {
    this(640, 480);
  }

  /** The scene of {@code seed}; roadwork or not is drawn from the seed. */
  public Scene generate(long seed) {
    return generate(seed, new SplittableRandom(seed ^ 0x632BE59BD9B4E019L).nextBoolean());
  }

  /** The scene of {@code seed}, with roadwork or without. */
  public Scene generate(long seed, boolean roadwork) {
    // SplittableRandom mixes the seed well: java.util.Random's first draws from nearby seeds are alike.
    Random r = new Random(new SplittableRandom(seed).nextLong() ^ (roadwork ? 0x9E3779B97F4A7C15L : 0));
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    String light = pick(r, "day", "day", "overcast", "dusk");
    String weather = pick(r, "clear", "clear", "clear", "rain", "fog");
    double horizon = 0.32 + r.nextDouble() * 0.18;
    Road road = new Road(width, height, horizon, 0.4 + r.nextDouble() * 0.2, 0.35 + r.nextDouble() * 0.15);
    background(g, r, road, light);
    List<Scene.DrawnObject> objects = new ArrayList<>();
    // Street furniture and ordinary traffic in every scene, far to near so nearer things cover farther ones: detail
    // alone must not mean roadwork.
    clutter(g, r, road, objects);
    int cars = r.nextInt(4);
    for (int i = 0; i < cars; i++) {
      double t = 0.25 + r.nextDouble() * 0.5;
      objects.add(car(g, road, t, r.nextBoolean() ? -0.45 : 0.45, randomCarColour(r), r));
    }
    if (roadwork) {
      List<String> kinds = new ArrayList<>(List.of("cone", "barrier", "worker", "sign", "machinery"));
      java.util.Collections.shuffle(kinds, r);
      for (String kind : kinds.subList(0, 1 + r.nextInt(3))) {
        switch (kind) {
          case "cone" -> {
            int n = 2 + r.nextInt(5);
            double t0 = 0.35 + r.nextDouble() * 0.3;
            double u = r.nextBoolean() ? -0.15 : 0.15;
            for (int i = 0; i < n; i++) {
              objects.add(cone(g, road, Math.min(1, t0 + i * 0.08), u + i * 0.05 * Math.signum(u), r));
            }
          }
          case "barrier" -> objects.add(barrier(g, road, 0.45 + r.nextDouble() * 0.35, r.nextDouble() - 0.5));
          case "worker" -> objects.add(person(g, road, 0.4 + r.nextDouble() * 0.4, (r.nextDouble() - 0.5) * 1.2,
              VEST, true, r));
          case "sign" -> objects.add(sign(g, road, 0.35 + r.nextDouble() * 0.3, r.nextBoolean() ? -1.15 : 1.15,
              "sign", true, r.nextBoolean() ? new String[] {"ROAD", "WORK", "AHEAD"} : new String[] {"ROAD", "WORK"},
              ORANGE));
          default -> objects.add(machinery(g, road, 0.4 + r.nextDouble() * 0.3, r.nextBoolean() ? -0.6 : 0.6));
        }
      }
    } else if (r.nextBoolean()) {
      String distractor = pick(r, "orange-car", "other-sign", "end-sign", "pedestrian", "cone-stack");
      switch (distractor) {
        case "orange-car" -> objects.add(car(g, road, 0.5 + r.nextDouble() * 0.35, r.nextBoolean() ? -0.4 : 0.4,
            new Color(240 + r.nextInt(15), 100 + r.nextInt(40), r.nextInt(30)), r));
        case "other-sign" -> objects.add(sign(g, road, 0.4 + r.nextDouble() * 0.3, r.nextBoolean() ? -1.15 : 1.15,
            "other-sign", false, OTHER_SIGNS[r.nextInt(OTHER_SIGNS.length)].split(" "), ORANGE));
        case "end-sign" -> objects.add(sign(g, road, 0.4 + r.nextDouble() * 0.3, r.nextBoolean() ? -1.15 : 1.15,
            "end-sign", false, new String[] {"END", "ROAD WORK"}, ORANGE));
        case "pedestrian" -> objects.add(person(g, road, 0.45 + r.nextDouble() * 0.35,
            r.nextBoolean() ? -1.3 : 1.3, pick(r, VEST, new Color(255, 90, 0), new Color(255, 220, 0)), false, r));
        default -> objects.add(coneStack(g, road, 0.45 + r.nextDouble() * 0.3, r.nextBoolean() ? -1.35 : 1.35));
      }
    }
    g.dispose();
    int blur = r.nextInt(4) == 0 ? 1 + r.nextInt(2) : 0;
    double noise = r.nextInt(3) == 0 ? 3 + r.nextDouble() * 9 : 1 + r.nextDouble() * 2; // sensors are never clean
    BufferedImage finished = effects(image, r, light, weather, blur, noise);
    return new Scene(seed, roadwork ? 1 : 0, finished, objects,
        new Scene.Conditions(light, weather, blur, noise, horizon));
  }

  /** The road in perspective: depth t in (0, 1] (1 at the bottom edge), lateral u in [-1, 1] across the road. */
  private record Road(int width, int height, double horizon, double vanishingX, double halfWidth) {
    double y(double t) {
      return height * horizon + t * (height - height * horizon);
    }

    double x(double t, double u) {
      double halfAt = width * (0.02 + (halfWidth - 0.02) * t);
      return width * vanishingX + u * halfAt;
    }

    double scale(double t) {
      return t * height / 480.0;
    }
  }

  private void background(Graphics2D g, Random r, Road road, String light) {
    int horizonY = (int) road.y(0);
    Color top = switch (light) {
      case "dusk" -> new Color(70, 60, 110);
      case "overcast" -> new Color(160, 165, 175);
      default -> new Color(90 + r.nextInt(40), 150 + r.nextInt(40), 225);
    };
    Color bottom = switch (light) {
      case "dusk" -> new Color(240, 150, 90);
      case "overcast" -> new Color(200, 200, 205);
      default -> new Color(190, 215, 240);
    };
    g.setPaint(new GradientPaint(0, 0, top, 0, horizonY, bottom));
    g.fillRect(0, 0, width, horizonY + 1);
    // Buildings or trees along the horizon.
    boolean trees = r.nextBoolean();
    for (int x = -20; x < width; x += 30 + r.nextInt(60)) {
      int h = (int) (height * (0.08 + r.nextDouble() * 0.22));
      if (trees) {
        g.setColor(new Color(30 + r.nextInt(40), 90 + r.nextInt(60), 30 + r.nextInt(30)));
        g.fillOval(x, horizonY - h, 40 + r.nextInt(40), h + 10);
      } else {
        int w = 40 + r.nextInt(70);
        int grey = 110 + r.nextInt(90);
        g.setColor(new Color(grey, grey - r.nextInt(30), grey - r.nextInt(40)));
        g.fillRect(x, horizonY - h, w, h);
        g.setColor(new Color(60, 70, 90));
        for (int wy = horizonY - h + 6; wy < horizonY - 8; wy += 14) {
          for (int wx = x + 5; wx < x + w - 8; wx += 12) {
            g.fillRect(wx, wy, 6, 7);
          }
        }
      }
    }
    // Pavement, then the road, then markings.
    g.setColor(new Color(150, 148, 140));
    g.fillRect(0, horizonY, width, height - horizonY);
    int asphalt = 70 + r.nextInt(40);
    g.setColor(new Color(asphalt, asphalt, asphalt + 4));
    g.fillPolygon(new Polygon(new int[] {(int) road.x(0, -1.3), (int) road.x(0, 1.3), (int) road.x(1, 1.3),
        (int) road.x(1, -1.3)}, new int[] {horizonY, horizonY, height, height}, 4));
    texture(g, r, road, horizonY);
    g.setColor(r.nextInt(4) == 0 ? new Color(230, 200, 60) : new Color(235, 235, 235));
    for (double t = 0.05; t < 1; t += 0.12) {
      double t2 = Math.min(1, t + 0.06);
      int w1 = Math.max(1, (int) (4 * road.scale(t)));
      int w2 = Math.max(1, (int) (4 * road.scale(t2)));
      g.fillPolygon(new Polygon(new int[] {(int) road.x(t, 0) - w1, (int) road.x(t, 0) + w1,
          (int) road.x(t2, 0) + w2, (int) road.x(t2, 0) - w2}, new int[] {(int) road.y(t), (int) road.y(t),
          (int) road.y(t2), (int) road.y(t2)}, 4));
    }
  }

  /** Asphalt grain, cracks and patches, clouds: the surface detail of photographs. */
  private void texture(Graphics2D g, Random r, Road road, int horizonY) {
    for (int i = 0; i < width * height / 60; i++) {
      int x = r.nextInt(width);
      int y = horizonY + r.nextInt(Math.max(1, height - horizonY));
      int v = 40 + r.nextInt(140);
      g.setColor(new Color(v, v, v + r.nextInt(10), 90));
      g.fillRect(x, y, 1 + r.nextInt(2), 1 + r.nextInt(2));
    }
    g.setStroke(new BasicStroke(1f));
    for (int i = 0; i < r.nextInt(8); i++) {
      int x = r.nextInt(width);
      int y = horizonY + r.nextInt(Math.max(1, height - horizonY));
      g.setColor(new Color(35, 35, 38, 160));
      g.drawPolyline(new int[] {x, x + r.nextInt(40) - 20, x + r.nextInt(80) - 40},
          new int[] {y, y + r.nextInt(20), y + r.nextInt(40)}, 3);
    }
    for (int i = 0; i < r.nextInt(3); i++) {
      int v = 50 + r.nextInt(60);
      g.setColor(new Color(v, v, v));
      double t = 0.2 + r.nextDouble() * 0.8;
      int w = (int) (road.scale(t) * (40 + r.nextInt(120)));
      g.fillRect((int) road.x(t, r.nextDouble() * 2 - 1), (int) road.y(t), w, Math.max(2, w / 4));
    }
    for (int i = 0; i < r.nextInt(5); i++) {
      g.setColor(new Color(250, 250, 250, 120 + r.nextInt(100)));
      int x = r.nextInt(width);
      int y = r.nextInt(Math.max(1, horizonY / 2 + 1));
      for (int k = 0; k < 4; k++) {
        g.fillOval(x + k * 18 - r.nextInt(10), y - r.nextInt(10), 40 + r.nextInt(30), 18 + r.nextInt(12));
      }
    }
  }

  /** Poles, traffic lights, blue and green information signs, bins, people in everyday colours, parked cars. */
  private static void clutter(Graphics2D g, Random r, Road road, List<Scene.DrawnObject> objects) {
    int n = r.nextInt(6);
    for (int i = 0; i < n; i++) {
      double t = 0.2 + r.nextDouble() * 0.75;
      double side = r.nextBoolean() ? -1.25 - r.nextDouble() * 0.4 : 1.25 + r.nextDouble() * 0.4;
      int x = (int) road.x(t, side);
      int base = (int) road.y(t);
      double s = road.scale(t);
      switch (r.nextInt(6)) {
        case 0 -> { // a lamp or utility pole
          int h = (int) Math.max(20, 260 * s);
          g.setColor(new Color(70 + r.nextInt(40), 70 + r.nextInt(40), 75));
          g.fillRect(x, base - h, Math.max(2, (int) (6 * s)), h);
          objects.add(new Scene.DrawnObject("pole", false, new int[] {x, base - h, x + Math.max(2, (int) (6 * s)),
              base}, ""));
        }
        case 1 -> { // a traffic light
          int h = (int) Math.max(20, 200 * s);
          int w = Math.max(4, (int) (18 * s));
          g.setColor(new Color(50, 50, 50));
          g.fillRect(x, base - h, Math.max(2, w / 4), h);
          g.fillRect(x - w / 2, base - h, w, w * 3);
          Color[] lamps = {new Color(200, 30, 30), new Color(220, 170, 20), new Color(30, 190, 70)};
          int lit = r.nextInt(3);
          for (int k = 0; k < 3; k++) {
            g.setColor(k == lit ? lamps[k] : new Color(30, 30, 30));
            g.fillOval(x - w / 2 + w / 6, base - h + k * w + w / 6, w * 2 / 3, w * 2 / 3);
          }
          objects.add(new Scene.DrawnObject("traffic-light", false, new int[] {x - w / 2, base - h, x + w / 2, base},
              ""));
        }
        case 2 -> { // a blue or green information sign
          int w = (int) Math.max(16, 110 * s);
          int h = w * 2 / 3;
          g.setColor(new Color(90, 90, 90));
          g.fillRect(x + w / 2, base - h * 2, Math.max(2, w / 20), h * 2);
          g.setColor(r.nextBoolean() ? new Color(20, 70, 160) : new Color(20, 110, 60));
          g.fillRect(x, base - h * 2 - h / 2, w, h);
          g.setColor(Color.WHITE);
          for (int k = 0; k < 3; k++) {
            g.fillRect(x + w / 8, base - h * 2 - h / 2 + h / 5 + k * h / 4, w * (4 + r.nextInt(3)) / 8,
                Math.max(1, h / 12));
          }
          objects.add(new Scene.DrawnObject("info-sign", false, new int[] {x, base - h * 2 - h / 2, x + w, base}, ""));
        }
        case 3 -> { // a bin
          int h = (int) Math.max(8, 60 * s);
          g.setColor(pick(r, new Color(40, 80, 40), new Color(60, 60, 70), new Color(30, 60, 120)));
          g.fillRect(x, base - h, h * 2 / 3, h);
          objects.add(new Scene.DrawnObject("bin", false, new int[] {x, base - h, x + h * 2 / 3, base}, ""));
        }
        case 4 -> objects.add(person(g, road, t, side, pick(r, new Color(40, 40, 50), new Color(90, 60, 40),
            new Color(120, 120, 130), new Color(30, 50, 100)), false, r));
        default -> objects.add(car(g, road, t, side * 0.85, randomCarColour(r), r));
      }
    }
  }

  private static Scene.DrawnObject cone(Graphics2D g, Road road, double t, double u, Random r) {
    double s = road.scale(t);
    int h = (int) Math.max(8, 70 * s);
    int w = Math.max(5, h / 2);
    int x = (int) road.x(t, u);
    int base = (int) road.y(t);
    g.setColor(ORANGE);
    g.fillPolygon(new Polygon(new int[] {x - w / 6, x + w / 6, x + w / 2, x - w / 2},
        new int[] {base - h, base - h, base - h / 8, base - h / 8}, 4));
    g.fillRect(x - w * 3 / 5, base - h / 8, w * 6 / 5, h / 8);
    g.setColor(Color.WHITE);
    for (double band : new double[] {0.3, 0.55}) {
      int y = base - (int) (h * (1 - band));
      double half = (w / 6.0) + (w / 2.0 - w / 6.0) * band;
      g.fillRect(x - (int) half, y, (int) (2 * half), Math.max(1, h / 9));
    }
    return new Scene.DrawnObject("cone", true, new int[] {x - w * 3 / 5, base - h, x + w * 3 / 5, base}, "");
  }

  private static Scene.DrawnObject coneStack(Graphics2D g, Road road, double t, double u) {
    double s = road.scale(t);
    int h = (int) Math.max(8, 70 * s);
    int w = Math.max(5, h / 2);
    int x = (int) road.x(t, u);
    int base = (int) road.y(t);
    for (int i = 3; i >= 0; i--) { // nested cones: one tall stack, bases hidden
      int top = base - h - i * h / 7;
      g.setColor(ORANGE);
      g.fillPolygon(new Polygon(new int[] {x - w / 6, x + w / 6, x + w / 2, x - w / 2},
          new int[] {top, top, top + h, top + h}, 4));
    }
    g.fillRect(x - w * 3 / 5, base - h / 8, w * 6 / 5, h / 8);
    return new Scene.DrawnObject("cone-stack", false, new int[] {x - w * 3 / 5, base - h - 3 * h / 7, x + w * 3 / 5,
        base}, "");
  }

  private static Scene.DrawnObject barrier(Graphics2D g, Road road, double t, double u) {
    double s = road.scale(t);
    int w = (int) Math.max(24, 180 * s);
    int h = Math.max(8, w / 5);
    int x = (int) road.x(t, u) - w / 2;
    int base = (int) road.y(t);
    int top = base - h * 3;
    g.setColor(new Color(60, 60, 60));
    g.fillRect(x + w / 10, top + h, Math.max(2, w / 30), h * 2);
    g.fillRect(x + w * 9 / 10, top + h, Math.max(2, w / 30), h * 2);
    int stripe = Math.max(4, w / 8);
    for (int i = 0; i * stripe < w; i++) {
      g.setColor(i % 2 == 0 ? ORANGE : Color.WHITE);
      g.fillRect(x + i * stripe, top, Math.min(stripe, w - i * stripe), h);
    }
    return new Scene.DrawnObject("barrier", true, new int[] {x, top, x + w, base}, "");
  }

  private static Scene.DrawnObject person(Graphics2D g, Road road, double t, double u, Color clothes,
      boolean worker, Random r) {
    double s = road.scale(t);
    int h = (int) Math.max(16, 150 * s);
    int w = Math.max(6, h / 4);
    int x = (int) road.x(t, u);
    int base = (int) road.y(t);
    g.setColor(new Color(40, 45, 70));
    g.fillRect(x - w / 2, base - h * 45 / 100, w / 3, h * 45 / 100);
    g.fillRect(x + w / 6, base - h * 45 / 100, w / 3, h * 45 / 100);
    g.setColor(clothes);
    g.fillRect(x - w / 2, base - h * 82 / 100, w, h * 40 / 100);
    if (worker) {
      g.setColor(new Color(200, 200, 200));
      g.fillRect(x - w / 2, base - h * 62 / 100, w, Math.max(1, h / 30));
    }
    g.setColor(new Color(225, 180, 140));
    g.fillOval(x - w / 3, base - h, w * 2 / 3, h / 6);
    if (worker) {
      g.setColor(r.nextBoolean() ? new Color(255, 200, 0) : Color.WHITE);
      g.fillArc(x - w * 2 / 5, base - h - h / 40, w * 4 / 5, h / 8, 0, 180);
    }
    return new Scene.DrawnObject(worker ? "worker" : "pedestrian", worker, new int[] {x - w / 2, base - h, x + w / 2,
        base}, "");
  }

  private static Scene.DrawnObject sign(Graphics2D g, Road road, double t, double u, String role, boolean roadwork,
      String[] lines, Color colour) {
    double s = road.scale(t);
    int size = (int) Math.max(24, 150 * s);
    int x = (int) road.x(t, u);
    int base = (int) road.y(t);
    int top = base - size * 2;
    g.setColor(new Color(120, 120, 120));
    g.setStroke(new BasicStroke(Math.max(2, size / 20f)));
    g.drawLine(x, top + size, x, base);
    g.setColor(colour);
    g.fillPolygon(new Polygon(new int[] {x, x + size / 2, x, x - size / 2},
        new int[] {top, top + size / 2, top + size, top + size / 2}, 4));
    if (!FONTS) { // a JDK without any font: the sign is drawn, its text is not, and the metadata says so
      return new Scene.DrawnObject(role, roadwork, new int[] {x - size / 2, top, x + size / 2, base}, "");
    }
    g.setColor(Color.BLACK);
    int fontSize = size;
    FontMetrics m;
    do {
      fontSize--;
      g.setFont(new Font("SansSerif", Font.BOLD, fontSize));
      m = g.getFontMetrics();
    } while (fontSize > 4 && (widest(m, lines) > size * 0.55 || m.getAscent() * lines.length > size * 0.5));
    int lineHeight = m.getAscent() + 1;
    int y = top + size / 2 - lineHeight * lines.length / 2 + m.getAscent();
    for (String line : lines) {
      g.drawString(line, x - m.stringWidth(line) / 2, y);
      y += lineHeight;
    }
    return new Scene.DrawnObject(role, roadwork, new int[] {x - size / 2, top, x + size / 2, base},
        String.join(" ", lines));
  }

  private static boolean fontsAvailable() {
    try {
      return java.awt.GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames().length > 0;
    } catch (RuntimeException | Error e) { // AWT reports a missing fontconfig setup with an Error
      return false;
    }
  }

  private static int widest(FontMetrics m, String[] lines) {
    int w = 0;
    for (String line : lines) {
      w = Math.max(w, m.stringWidth(line));
    }
    return w;
  }

  private static Scene.DrawnObject machinery(Graphics2D g, Road road, double t, double u) {
    double s = road.scale(t);
    int w = (int) Math.max(30, 220 * s);
    int h = w / 2;
    int x = (int) road.x(t, u) - w / 2;
    int base = (int) road.y(t);
    g.setColor(new Color(40, 40, 40));
    g.fillRoundRect(x, base - h / 5, w * 3 / 4, h / 5, h / 8, h / 8);
    g.setColor(new Color(245, 190, 0));
    g.fillRect(x + w / 10, base - h * 3 / 5, w * 3 / 5, h * 2 / 5);
    g.fillRect(x + w / 2, base - h, w / 5, h * 2 / 5);
    g.setStroke(new BasicStroke(Math.max(3, w / 25f)));
    g.drawLine(x + w * 6 / 10, base - h / 2, x + w * 9 / 10, base - h);
    g.drawLine(x + w * 9 / 10, base - h, x + w, base - h / 4);
    g.setColor(new Color(120, 170, 200));
    g.fillRect(x + w / 2 + w / 40, base - h + h / 10, w / 7, h / 5);
    return new Scene.DrawnObject("machinery", true, new int[] {x, base - h, x + w, base}, "");
  }

  private static Scene.DrawnObject car(Graphics2D g, Road road, double t, double u, Color colour, Random r) {
    double s = road.scale(t);
    int w = (int) Math.max(24, 190 * s);
    int h = w / 2;
    int x = (int) road.x(t, u) - w / 2;
    int base = (int) road.y(t);
    g.setColor(colour);
    g.fillRoundRect(x, base - h * 3 / 4, w, h / 2, h / 4, h / 4);
    g.fillRoundRect(x + w / 5, base - h, w * 3 / 5, h / 3, h / 5, h / 5);
    g.setColor(new Color(60, 80, 100));
    g.fillRect(x + w / 4, base - h + h / 12, w / 2, h / 5);
    g.setColor(new Color(20, 20, 20));
    g.fillOval(x + w / 8, base - h / 3, h / 3, h / 3);
    g.fillOval(x + w - w / 8 - h / 3, base - h / 3, h / 3, h / 3);
    g.setColor(new Color(200, 30, 30));
    g.fillRect(x + 2, base - h * 3 / 4 + 3, Math.max(2, w / 14), Math.max(2, h / 10));
    return new Scene.DrawnObject("car", false, new int[] {x, base - h, x + w, base}, "");
  }

  private static Color randomCarColour(Random r) {
    return pick(r, new Color(30, 30, 35), new Color(220, 220, 225), new Color(120, 125, 130), new Color(20, 50, 120),
        new Color(150, 20, 25), new Color(40, 90, 50));
  }

  private BufferedImage effects(BufferedImage image, Random r, String light, String weather, int blur,
      double noise) {
    Graphics2D g = image.createGraphics();
    if (weather.equals("rain")) {
      g.setColor(new Color(200, 200, 220, 90));
      for (int i = 0; i < width * height / 2000; i++) {
        int x = r.nextInt(width);
        int y = r.nextInt(height);
        g.drawLine(x, y, x - 3, y + 14);
      }
    } else if (weather.equals("fog")) {
      g.setColor(new Color(225, 225, 230, 70 + r.nextInt(60)));
      g.fillRect(0, 0, width, height);
    }
    if (light.equals("dusk")) {
      g.setColor(new Color(20, 10, 40, 90));
      g.fillRect(0, 0, width, height);
    }
    g.dispose();
    BufferedImage out = image;
    if (blur > 0) {
      int size = 2 * blur + 1;
      float[] k = new float[size * size];
      java.util.Arrays.fill(k, 1f / k.length);
      out = new ConvolveOp(new Kernel(size, size, k), ConvolveOp.EDGE_NO_OP, null).filter(image, null);
    }
    if (noise > 0) {
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          int rgb = out.getRGB(x, y);
          int red = clamp(((rgb >> 16) & 0xFF) + r.nextGaussian() * noise);
          int green = clamp(((rgb >> 8) & 0xFF) + r.nextGaussian() * noise);
          int blue = clamp((rgb & 0xFF) + r.nextGaussian() * noise);
          out.setRGB(x, y, (red << 16) | (green << 8) | blue);
        }
      }
    }
    return out;
  }

  private static int clamp(double v) {
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }

  @SafeVarargs
  private static <T> T pick(Random r, T... options) {
    return options[r.nextInt(options.length)];
  }
}
