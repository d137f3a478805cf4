package io.cascade4j.detection.decode;

import io.cascade4j.detection.box.Box;
import io.cascade4j.detection.box.NonMaximumSuppression;
import io.cascade4j.vision.model.ModelOutput;
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
 * DETR follows the Hugging Face / RT-DETR post-processing ({@code post_process_object_detection}): sigmoid on every
 * (query, class) logit, the top Q pairs for Q queries (and at most {@code maxDetections}), then the confidence filter;
 * boxes are scaled from normalised units to the input size.
 * Ultralytics' own RT-DETR export follows its {@code RTDETRPredictor}: the best class per query, the confidence
 * filter, query order.
 *
 * @param layout the output layout
 * @param classes the number of classes the model predicts
 * @param confidence minimum score (exclusive)
 * @param iouThreshold NMS IoU threshold (YOLO raw layouts)
 * @param maxCandidates most candidates fed to NMS
 * @param maxDetections most boxes returned
 * @param boxesOutput for DETR, which of the two outputs holds the boxes; -1 to tell them apart by shape (boxes end in
 *     4, logits in the class count), which only fails for a 4-class model
 * @param agnosticNms YOLO raw layouts: suppress overlapping boxes whatever their class (Ultralytics' {@code
 *     agnostic_nms}, torchvision's {@code nms}) instead of per class ({@code batched_nms})
 */
public record DetectionDecoder(OutputLayout layout, int classes, double confidence, double iouThreshold,
    int maxCandidates, int maxDetections, int boxesOutput, boolean agnosticNms) {

  /** A decoder with per-class NMS that tells DETR's boxes and logits apart by their shapes. */
  public DetectionDecoder(OutputLayout layout, int classes, double confidence, double iouThreshold, int maxCandidates,
      int maxDetections) {
    this(layout, classes, confidence, iouThreshold, maxCandidates, maxDetections, -1, false);
  }

  public DetectionDecoder {
    if (boxesOutput < -1 || boxesOutput > 1) {
      throw new IllegalArgumentException("boxes output is 0, 1 or -1 (by shape), got " + boxesOutput);
    }
  }

  /**
   * Decodes the model's outputs; {@code inputWidth} and {@code inputHeight} are the size of the tensor the model saw
   * (DETR boxes are normalised to it).
   *
   * @throws IllegalArgumentException if the outputs do not fit the layout
   */
  public List<Box> decode(List<ModelOutput> outputs, int inputWidth, int inputHeight) {
    if (outputs.isEmpty()) {
      throw new IllegalArgumentException(layout + ": the model gave no outputs");
    }
    ModelOutput first = outputs.get(0);
    float[] output = first.values();
    long[] shape = first.shape();
    return switch (layout) {
      case YOLO_V8 -> {
        expect(shape, "[1, 4 + " + classes + ", N]", shape[0] == 1 && shape[1] == 4 + classes);
        yield yolo(output, (int) shape[2], false, true);
      }
      case YOLO_V5 -> {
        expect(shape, "[1, N, 5 + " + classes + "]", shape[0] == 1 && shape[2] == 5 + classes);
        yield yolo(output, (int) shape[1], true, false);
      }
      case YOLO_END_TO_END -> {
        expect(shape, "[1, K, 6]", shape[0] == 1 && shape[2] == 6);
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
        if (outputs.size() < 2) {
          throw new IllegalArgumentException("DETR needs two outputs, boxes [1, Q, 4] and logits [1, Q, " + classes
              + "], but the model gave one " + Arrays.toString(shape) + "; an Ultralytics RT-DETR export has one"
              + " output, use layout rtdetr-ultralytics");
        }
        int b = boxesOutput >= 0 ? boxesOutput : boxesByShape(outputs.get(0).shape(), outputs.get(1).shape());
        ModelOutput boxes = outputs.get(b);
        ModelOutput logits = outputs.get(1 - b);
        long[] bs = boxes.shape();
        expect(bs, "boxes [1, Q, 4]", bs[0] == 1 && bs[2] == 4);
        expect(logits.shape(), "logits [1, " + bs[1] + ", " + classes + "]", logits.shape()[0] == 1
            && logits.shape()[1] == bs[1] && logits.shape()[2] == classes);
        yield detr(boxes.values(), logits.values(), (int) bs[1], inputWidth, inputHeight);
      }
      case RTDETR_ULTRALYTICS -> {
        expect(shape, "[1, Q, 4 + " + classes + "]", shape[0] == 1 && shape[2] == 4 + classes);
        yield rtdetrUltralytics(output, (int) shape[1], inputWidth, inputHeight);
      }
    };
  }

  private int boxesByShape(long[] a, long[] b) {
    boolean aBoxes = a.length == 3 && a[2] == 4;
    boolean bBoxes = b.length == 3 && b[2] == 4;
    if (aBoxes == bBoxes) {
      throw new IllegalArgumentException("cannot tell DETR's boxes from its logits by shape (" + Arrays.toString(a)
          + " and " + Arrays.toString(b) + "); set boxes-output to 0 or 1");
    }
    return aBoxes ? 0 : 1;
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
    int[] keep = agnosticNms ? NonMaximumSuppression.classAgnostic(candidates, iouThreshold)
        : NonMaximumSuppression.perClass(candidates, iouThreshold);
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
    // Hugging Face keeps the top num_queries (query, class) pairs, whatever the class count.
    for (int r = 0; r < Math.min(maxDetections, queries); r++) {
      int idx = order[r];
      double score = 1.0 / (1.0 + Math.exp(-logits[idx]));
      if (score <= confidence) {
        break;
      }
      result.add(cxcywh(boxes, idx / classes * 4, width, height, score, idx % classes));
    }
    return result;
  }

  private List<Box> rtdetrUltralytics(float[] out, int queries, int width, int height) {
    int stride = 4 + classes;
    List<Box> result = new ArrayList<>();
    for (int q = 0; q < queries && result.size() < maxDetections; q++) {
      int o = q * stride;
      int best = 0;
      for (int c = 1; c < classes; c++) {
        if (out[o + 4 + c] > out[o + 4 + best]) {
          best = c;
        }
      }
      float score = out[o + 4 + best];
      if (score > confidence) {
        result.add(cxcywh(out, o, width, height, score, best));
      }
    }
    return result;
  }

  /** A box from normalised centre, width and height at {@code out[o..o+3]}, in input pixels. */
  private static Box cxcywh(float[] out, int o, int width, int height, double score, int classId) {
    float cx = out[o];
    float cy = out[o + 1];
    float w = out[o + 2];
    float h = out[o + 3];
    return new Box((cx - w / 2) * width, (cy - h / 2) * height, (cx + w / 2) * width, (cy + h / 2) * height, score,
        classId);
  }

  private void expect(long[] shape, String expected, boolean fits) {
    if (shape.length != 3 || !fits) {
      throw new IllegalArgumentException(layout + " output must be " + expected + " for " + classes
          + " classes, but the model gave " + Arrays.toString(shape)
          + "; check 'layout' and 'classes' against the export");
    }
  }
}
