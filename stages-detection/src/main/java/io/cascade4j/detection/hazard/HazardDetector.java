package io.cascade4j.detection.hazard;

import io.cascade4j.detection.box.Box;
import io.cascade4j.detection.evidence.DetectedObjects;
import io.cascade4j.vision.image.ColourRegions;
import io.cascade4j.vision.image.ColourRegions.Blob;
import io.cascade4j.vision.image.RgbImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Finds roadwork hazards without learned weights, from colour and geometry alone:
 *
 * <ul>
 *   <li><b>cone</b>: two or more blobs of safety red-orange stacked vertically, each separated by a white band and no
 *       wider than the one below, the top one clearly narrower than the bottom one (the reflective stripes of a
 *       traffic cone);
 *   <li><b>barrier</b>: three or more red-orange blobs of similar height side by side with white between them (the
 *       stripes of a barrier board);
 *   <li><b>worker</b>: a compact blob of fluorescent yellow-green (a hi-vis vest) of at least 1/1500 of the frame.
 * </ul>
 *
 * A lone red-orange blob (a red car, a warning sign, a brake light) is not an object: the stripe cue is what tells a
 * cone from everything else that is red. The image is first shrunk so its longer side is at most {@code maxSide},
 * which bounds the cost; boxes are reported in original pixels. Thread-safe: every call works on its own buffers.
 *
 * @param maxSide longer side the image is shrunk to (area interpolation)
 * @param minSaturation the least HSV saturation (0..255) of a red-orange or yellow-green pixel
 * @param minValue the least HSV value (0..255) of a red-orange pixel
 */
public record HazardDetector(int maxSide, int minSaturation, int minValue) {
  /** The settings measured in docs/detection.md on the shared road photos. */
  public static final HazardDetector DEFAULT = new HazardDetector(800, 110, 90);

  private static final int WHITE_MAX_SATURATION = 80;
  private static final int WHITE_MIN_VALUE = 130;
  /** Least share of white pixels between two stripe segments. */
  private static final double MIN_WHITENESS = 0.4;

  public HazardDetector {
    if (maxSide < 64 || minSaturation < 0 || minSaturation > 255 || minValue < 0 || minValue > 255) {
      throw new IllegalArgumentException("need max-side >= 64 and saturation, value in 0..255");
    }
  }

  /** The hazards in {@code image}, in original pixels. */
  public List<DetectedObjects.Found> detect(RgbImage image) {
    ColourRegions.Hsv hsv = ColourRegions.hsv(image, maxSide);
    int width = hsv.width();
    int height = hsv.height();
    int pixels = width * height;
    byte[] hot = new byte[pixels];
    byte[] white = new byte[pixels];
    byte[] vest = new byte[pixels];
    for (int p = 0; p < pixels; p++) {
      int h = hsv.hue(p); // OpenCV hue: degrees / 2, 0..179
      int s = hsv.saturation(p);
      int v = hsv.value(p);
      hot[p] = (byte) ((h <= 22 || h >= 172) && s >= minSaturation && v >= minValue ? 255 : 0);
      white[p] = (byte) (s < WHITE_MAX_SATURATION && v >= WHITE_MIN_VALUE ? 255 : 0);
      vest[p] = (byte) (h >= 27 && h <= 45 && s >= minSaturation + 10 && v >= 140 ? 255 : 0);
    }
    int minArea = Math.max(6, pixels / 50_000);
    List<Blob> segments = ColourRegions.blobs(hot, width, height, minArea);
    boolean[] used = new boolean[segments.size()];
    double back = 1 / hsv.scale();
    List<DetectedObjects.Found> found = new ArrayList<>();
    // Cones: the upper segment sits on the lower one across a white band and is not wider.
    for (List<Blob> stack : chains(segments, used, 2, (a, b) -> {
      int gap = b.y() - a.bottom();
      int overlap = Math.min(a.right(), b.right()) - Math.max(a.x(), b.x());
      return gap > 0 && gap <= Math.max(3, 1.5 * Math.max(a.h(), b.h()))
          && overlap >= 0.6 * Math.min(a.w(), b.w()) && a.w() <= b.w() * 1.1
          && Math.max(a.w(), b.w()) <= 3 * Math.min(a.w(), b.w()) + 4
          && whiteness(white, width, Math.max(a.x(), b.x()), a.bottom(), Math.min(a.right(), b.right()), b.y())
              >= MIN_WHITENESS;
    })) {
      if (tapers(stack)) {
        found.add(object("cone", stack, back, 0.55 + 0.1 * Math.min(4, stack.size() - 1)));
      }
    }
    // Barrier boards: segments of like height side by side, white between them.
    for (List<Blob> board : chains(segments, used, 3, (a, b) -> {
      int gap = b.x() - a.right();
      int overlap = Math.min(a.bottom(), b.bottom()) - Math.max(a.y(), b.y());
      return gap > 0 && gap <= 1.5 * Math.max(a.w(), b.w()) && overlap >= 0.6 * Math.min(a.h(), b.h())
          && Math.max(a.h(), b.h()) <= 1.6 * Math.min(a.h(), b.h())
          && whiteness(white, width, a.right(), Math.max(a.y(), b.y()), b.x(), Math.min(a.bottom(), b.bottom()))
              >= MIN_WHITENESS;
    })) {
      found.add(object("barrier", board, back, 0.5 + 0.1 * Math.min(4, board.size() - 2)));
    }
    // Vests: compact fluorescent blobs, at least a few hundredths of a percent of the frame.
    for (Blob b : ColourRegions.blobs(vest, width, height, Math.max(40, pixels / 1_500))) {
      double fill = (double) b.area() / (b.w() * b.h());
      double aspect = (double) b.h() / b.w();
      if (fill >= 0.35 && aspect >= 0.6 && aspect <= 3) {
        found.add(object("worker", List.of(b), back, 0.5 + 0.4 * fill));
      }
    }
    return found;
  }

  /** Whether the top segment is clearly narrower than the bottom one: a cone, not a striped poster or a flag. */
  private static boolean tapers(List<Blob> stack) {
    Blob top = stack.stream().min(java.util.Comparator.comparingInt(Blob::y)).orElseThrow();
    Blob bottom = stack.stream().max(java.util.Comparator.comparingInt(Blob::bottom)).orElseThrow();
    return top.w() <= 0.85 * bottom.w();
  }

  private static DetectedObjects.Found object(String role, List<Blob> parts, double back, double score) {
    int x1 = parts.stream().mapToInt(Blob::x).min().orElseThrow();
    int y1 = parts.stream().mapToInt(Blob::y).min().orElseThrow();
    int x2 = parts.stream().mapToInt(Blob::right).max().orElseThrow();
    int y2 = parts.stream().mapToInt(Blob::bottom).max().orElseThrow();
    return new DetectedObjects.Found(role, new Box(x1 * back, y1 * back, x2 * back, y2 * back, score, 0));
  }

  /**
   * Groups of at least {@code least} unused segments linked pairwise by {@code linked} (union-find), marking them
   * used; each group in the order of its first segment.
   */
  private static List<List<Blob>> chains(List<Blob> segments, boolean[] used, int least,
      BiPredicate<Blob, Blob> linked) {
    int n = segments.size();
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j && !used[i] && !used[j] && linked.test(segments.get(i), segments.get(j))) {
          parent[root(parent, i)] = root(parent, j);
        }
      }
    }
    List<List<Blob>> groups = new ArrayList<>();
    List<Integer> roots = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (used[i]) {
        continue;
      }
      int r = root(parent, i);
      int at = roots.indexOf(r);
      if (at < 0) {
        roots.add(r);
        groups.add(new ArrayList<>());
        at = groups.size() - 1;
      }
      groups.get(at).add(segments.get(i));
    }
    List<List<Blob>> chains = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      if (groups.get(g).size() >= least) {
        chains.add(groups.get(g));
        for (int i = 0; i < n; i++) {
          if (root(parent, i) == roots.get(g)) {
            used[i] = true;
          }
        }
      }
    }
    return chains;
  }

  private static int root(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  /** Share of white pixels in the rectangle [x1, x2) x [y1, y2). */
  private static double whiteness(byte[] white, int width, int x1, int y1, int x2, int y2) {
    if (x2 <= x1 || y2 <= y1) {
      return 0;
    }
    int count = 0;
    for (int y = y1; y < y2; y++) {
      for (int x = x1; x < x2; x++) {
        count += white[y * width + x] != 0 ? 1 : 0;
      }
    }
    return (double) count / ((x2 - x1) * (y2 - y1));
  }
}
