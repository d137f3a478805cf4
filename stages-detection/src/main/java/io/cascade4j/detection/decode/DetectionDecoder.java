package io.cascade4j.detection.decode;

import io.cascade4j.detection.box.Box;
import io.cascade4j.detection.box.NonMaximumSuppression;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a detector's raw output tensors into boxes in the model's input pixels, for one image (batch 1). Shapes are
 * checked against the layout first, so a model exported differently from its configuration fails with a message
 * naming both, not with garbage boxes.
 *
 * <p>YOLO layouts follow Ultralytics' {@code non_max_suppression}: the best class per candidate, a confidence filter
 * (strictly greater), at most {@code maxCandidates} by score into per-class NMS, at most {@code maxDetections} out.
 * DETR follows the Hugging Face / RT-DETR post-processing: sigmoid on every (query, class) logit, the top {@code
 * maxDetections} pairs, then the confidence filter; boxes are scaled from normalised units to the input size.
 *
 * @param layout the output layout
 * @param classes the number of classes the model predicts
 * @param confidence minimum score (exclusive)
 * @param iouThreshold NMS IoU threshold (YOLO raw layouts)
 * @param maxCandidates most candidates fed to NMS
 * @param maxDetections most boxes returned
 */
public record DetectionDecoder(OutputLayout layout, int classes, double confidence, double iouThreshold,
    int maxCandidates, int maxDetections) {

  /**
   * Decodes {@code output} (shape {@code shape}); for DETR, {@code output} holds the boxes and {@code logits} the
   * class logits. {@code inputWidth} and {@code inputHeight} are the model input's size (DETR boxes are normalised).
   *
   * @throws IllegalArgumentException if a shape does not fit the layout
   */
  public List<Box> decode(float[] output, long[] shape, float[] logits, long[] logitsShape, int inputWidth,
      int inputHeight) {
    return switch (layout) {
      case YOLO_V8 -> {
        expect(shape, 3, "[1, 4 + " + classes + ", N]", shape[0] == 1 && shape[1] == 4 + classes);
        yield yolo(output, (int) shape[2], false, true);
      }
      case YOLO_V5 -> {
        expect(shape, 3, "[1, N, 5 + " + classes + "]", shape[0] == 1 && shape[2] == 5 + classes);
        yield yolo(output, (int) shape[1], true, false);
      }
      case YOLO_END_TO_END -> {
        expect(shape, 3, "[1, K, 6]", shape[0] == 1 && shape[2] == 6);
        List<Box> boxes = new ArrayList<>();
        for (int k = 0; k < shape[1] && boxes.size() < maxDetections; k++) {
          int o = k * 6;
          if (output[o + 4] > confidence) {
            boxes.add(new Box(output[o], output[o + 1], output[o + 2], output[o + 3], output[o + 4],
                (int) output[o + 5]));
          }
        }
        yield boxes;
      }
      case DETR -> {
        expect(shape, 3, "boxes [1, Q, 4]", shape[0] == 1 && shape[2] == 4);
        expect(logitsShape, 3, "logits [1, " + shape[1] + ", " + classes + "]",
            logitsShape[0] == 1 && logitsShape[1] == shape[1] && logitsShape[2] == classes);
        yield detr(output, logits, (int) shape[1], inputWidth, inputHeight);
      }
    };
  }

  private List<Box> yolo(float[] out, int n, boolean objectness, boolean channelsFirst) {
    int stride = 4 + (objectness ? 1 : 0) + classes;
    List<Box> candidates = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int best = 0;
      float bestScore = Float.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        float s = at(out, n, stride, i, 4 + (objectness ? 1 : 0) + c, channelsFirst);
        if (objectness) {
          s *= at(out, n, stride, i, 4, channelsFirst);
        }
        if (s > bestScore) {
          bestScore = s;
          best = c;
        }
      }
      if (bestScore > confidence) {
        float cx = at(out, n, stride, i, 0, channelsFirst);
        float cy = at(out, n, stride, i, 1, channelsFirst);
        float w = at(out, n, stride, i, 2, channelsFirst);
        float h = at(out, n, stride, i, 3, channelsFirst);
        candidates.add(new Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, bestScore, best));
      }
    }
    if (candidates.size() > maxCandidates) {
      candidates.sort(Comparator.comparingDouble(Box::score).reversed());
      candidates = new ArrayList<>(candidates.subList(0, maxCandidates));
    }
    int[] keep = NonMaximumSuppression.perClass(candidates, iouThreshold);
    List<Box> result = new ArrayList<>();
    for (int i = 0; i < Math.min(keep.length, maxDetections); i++) {
      result.add(candidates.get(keep[i]));
    }
    return result;
  }

  private static float at(float[] out, int n, int stride, int item, int field, boolean channelsFirst) {
    return channelsFirst ? out[field * n + item] : out[item * stride + field];
  }

  private List<Box> detr(float[] boxes, float[] logits, int queries, int width, int height) {
    int total = queries * classes;
    Integer[] order = new Integer[total];
    for (int i = 0; i < total; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> logits[i]).reversed()); // sigmoid is monotonic
    List<Box> result = new ArrayList<>();
    for (int r = 0; r < Math.min(maxDetections, total); r++) {
      int idx = order[r];
      double score = 1.0 / (1.0 + Math.exp(-logits[idx]));
      if (score <= confidence) {
        break;
      }
      int q = idx / classes;
      float cx = boxes[q * 4];
      float cy = boxes[q * 4 + 1];
      float w = boxes[q * 4 + 2];
      float h = boxes[q * 4 + 3];
      result.add(new Box((cx - w / 2) * width, (cy - h / 2) * height, (cx + w / 2) * width, (cy + h / 2) * height,
          score, idx % classes));
    }
    return result;
  }

  private void expect(long[] shape, int rank, String expected, boolean fits) {
    if (shape.length != rank || !fits) {
      throw new IllegalArgumentException(layout + " output must be " + expected + " for " + classes
          + " classes, but the model gave " + Arrays.toString(shape)
          + "; check 'layout' and 'classes' against the export");
    }
  }
}
