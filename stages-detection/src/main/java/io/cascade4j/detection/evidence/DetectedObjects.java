package io.cascade4j.detection.evidence;

import io.cascade4j.detection.box.Box;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code objects} evidence extra that detector stages write and exit policies and ensembles read: a list of
 * {@code {role, score, box: [x1, y1, x2, y2]}} maps in original image pixels. Plain maps and lists so the extra
 * serialises as JSON anywhere (traces, hard-case stores) without this module's types.
 */
public final class DetectedObjects {
  /** The extra's key. */
  public static final String EXTRA = "objects";

  private DetectedObjects() {}

  /** One object as the extra stores it. */
  public static Map<String, Object> toExtra(String role, Box box) {
    return Map.of("role", role, "score", box.score(), "box", List.of(box.x1(), box.y1(), box.x2(), box.y2()));
  }

  /** A role and its box read back from the extra. */
  public record Found(String role, Box box) {}

  /** The objects in {@code extra} (the value under {@link #EXTRA}); entries that are not well-formed are skipped. */
  public static List<Found> read(Object extra) {
    List<Found> out = new ArrayList<>();
    if (!(extra instanceof List<?> list)) {
      return out;
    }
    for (Object o : list) {
      if (o instanceof Map<?, ?> m && m.get("role") instanceof String role && m.get("score") instanceof Number score
          && m.get("box") instanceof List<?> b && b.size() == 4 && b.stream().allMatch(Number.class::isInstance)) {
        out.add(new Found(role, new Box(((Number) b.get(0)).doubleValue(), ((Number) b.get(1)).doubleValue(),
            ((Number) b.get(2)).doubleValue(), ((Number) b.get(3)).doubleValue(), score.doubleValue(), 0)));
      }
    }
    return out;
  }
}
