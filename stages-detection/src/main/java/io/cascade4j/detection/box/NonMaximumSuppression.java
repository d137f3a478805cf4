package io.cascade4j.detection.box;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Greedy non-maximum suppression as {@code torchvision.ops.nms} and {@code batched_nms} compute it: boxes in order of
 * descending score; a box is dropped when its IoU with an already kept box is strictly greater than the threshold.
 * IoU is computed in float32 like torchvision's CPU kernel, so decisions at the threshold agree with it.
 */
public final class NonMaximumSuppression {
  private NonMaximumSuppression() {}

  /** Indices of the kept boxes, highest score first, ignoring classes ({@code torchvision.ops.nms}). */
  public static int[] classAgnostic(List<Box> boxes, double iouThreshold) {
    return run(boxes, iouThreshold, false);
  }

  /** Indices of the kept boxes, highest score first; boxes only suppress their own class ({@code batched_nms}). */
  public static int[] perClass(List<Box> boxes, double iouThreshold) {
    return run(boxes, iouThreshold, true);
  }

  private static int[] run(List<Box> boxes, double iouThreshold, boolean perClass) {
    float threshold = (float) iouThreshold;
    // Stable on ties (torch's sort is not guaranteed to be; fixtures avoid exact ties).
    Integer[] order = IntStream.range(0, boxes.size()).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> boxes.get(i).score()).reversed())
        .toArray(Integer[]::new);
    boolean[] suppressed = new boolean[boxes.size()];
    List<Integer> keep = new ArrayList<>();
    for (int a = 0; a < order.length; a++) {
      int i = order[a];
      if (suppressed[i]) {
        continue;
      }
      keep.add(i);
      Box bi = boxes.get(i);
      float areaI = ((float) bi.x2() - (float) bi.x1()) * ((float) bi.y2() - (float) bi.y1());
      for (int b = a + 1; b < order.length; b++) {
        int j = order[b];
        Box bj = boxes.get(j);
        if (suppressed[j] || (perClass && bj.classId() != bi.classId())) {
          continue;
        }
        float w = Math.max(0f, Math.min((float) bi.x2(), (float) bj.x2()) - Math.max((float) bi.x1(), (float) bj.x1()));
        float h = Math.max(0f, Math.min((float) bi.y2(), (float) bj.y2()) - Math.max((float) bi.y1(), (float) bj.y1()));
        float inter = w * h;
        float areaJ = ((float) bj.x2() - (float) bj.x1()) * ((float) bj.y2() - (float) bj.y1());
        if (inter / (areaI + areaJ - inter) > threshold) {
          suppressed[j] = true;
        }
      }
    }
    return keep.stream().mapToInt(Integer::intValue).toArray();
  }
}
