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
  DETR,
  /** Ultralytics' RT-DETR export: one output {@code [1, Q, 4 + nc]}, normalised cx, cy, w, h, then class scores. */
  RTDETR_ULTRALYTICS;

  /** Whether boxes come normalised to the input (DETR family): such models see the whole image resized. */
  public boolean normalisedBoxes() {
    return this == DETR || this == RTDETR_ULTRALYTICS;
  }

  /** {@code yolov8}, {@code yolov5}, {@code yolo-end-to-end}, {@code detr}, {@code rtdetr-ultralytics}. */
  public static OutputLayout parse(String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "yolov8", "yolo11", "yolo12", "yolo-v8" -> YOLO_V8;
      case "yolov5", "yolo-v5" -> YOLO_V5;
      case "yolo-end-to-end", "yolov10", "yolo26", "yolo-nms" -> YOLO_END_TO_END;
      case "detr", "rt-detr", "rf-detr", "d-fine" -> DETR;
      case "rtdetr-ultralytics", "ultralytics-rtdetr" -> RTDETR_ULTRALYTICS;
      default -> throw new IllegalArgumentException("unknown output layout '" + name
          + "' (use yolov8, yolov5, yolo-end-to-end, detr or rtdetr-ultralytics)");
    };
  }
}
