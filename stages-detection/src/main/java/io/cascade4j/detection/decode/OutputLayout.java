package io.cascade4j.detection.decode;

import java.util.Locale;

/** The output layouts of the detector families, named as in configuration. */
public enum OutputLayout {
  /** YOLOv8/11/12 raw head {@code [1, 4 + nc, N]}: cx, cy, w, h, then class scores; needs NMS. */
  YOLO_V8,
  /** YOLOv5 {@code [1, N, 5 + nc]}: cx, cy, w, h, objectness, class scores; needs NMS. */
  YOLO_V5,
  /** YOLOv10 / YOLO26 and {@code nms=True} exports {@code [1, K, 6]}: x1, y1, x2, y2, score, class; no NMS. */
  YOLO_END_TO_END,
  /** RT-DETR / RF-DETR / D-FINE: boxes {@code [1, Q, 4]} normalised cx, cy, w, h and logits {@code [1, Q, nc]}. */
  DETR;

  /** {@code yolov8}, {@code yolov5}, {@code yolo-end-to-end}, {@code detr}. */
  public static OutputLayout parse(String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "yolov8", "yolo11", "yolo12", "yolo-v8" -> YOLO_V8;
      case "yolov5", "yolo-v5" -> YOLO_V5;
      case "yolo-end-to-end", "yolov10", "yolo26", "yolo-nms" -> YOLO_END_TO_END;
      case "detr", "rt-detr", "rf-detr", "d-fine" -> DETR;
      default -> throw new IllegalArgumentException("unknown output layout '" + name
          + "' (use yolov8, yolov5, yolo-end-to-end or detr)");
    };
  }
}
