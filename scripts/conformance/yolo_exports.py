#!/usr/bin/env python3
"""The conformance suite's YOLO side: a network with Ultralytics' YOLOv8 detection head (anchor-free, DFL box
regression decoded in the graph, sigmoid class scores; output [1, 4 + nc, N] with boxes as centre x, y, width,
height in input pixels) on a small convolutional backbone, at random seeded weights, exported the ways Ultralytics
exports (TorchScript trace, ONNX opset 17 with the TorchScript-based exporter, and torch's dynamo exporter), with what
Ultralytics' predictor computes on real photos: LetterBox to 320x320 (cv2.resize INTER_LINEAR, grey 114 padding split
with its 0.1 bias), BGR to RGB, / 255, the model, non_max_suppression (conf 0.25, IoU 0.7, per-class, max 300), and
scale_boxes back to the photo with clipping. Ultralytics itself is not installed here; each step below is written
from its published code (ultralytics/data/augment.py LetterBox, utils/ops.py non_max_suppression and scale_boxes,
nn/modules/head.py Detect, utils/tal.py make_anchors and dist2bbox), with OpenCV for the resize as Ultralytics uses.

    scripts/conformance/prepare.sh        (runs this on the PNG copies of real photos timm_exports.py made)

Writes OUT/yolo/{trace.pt, opset17.onnx, dynamo.onnx(+.data)}, OUT/yolo/golden.json, and the letterboxed 8-bit
inputs (OUT/yolo/letterboxed-IMAGE.png).
"""
import json, os, sys, types

sys.modules["torchvision._meta_registrations"] = types.ModuleType("torchvision._meta_registrations")

import cv2
import exporting
import numpy as np
import torch
import torch.nn as nn

OUT = os.path.join(sys.argv[1], "yolo")
IMAGES = os.path.join(sys.argv[1], "images")
images = sorted(n for n in os.listdir(IMAGES) if n.endswith(".png"))
os.makedirs(OUT, exist_ok=True)
SIZE, CLASSES, REG_MAX, CONF, IOU, MAX_DET = 320, 3, 16, 0.25, 0.7, 300
CLASS_BIAS = -2.0


class Conv(nn.Module):
    """Ultralytics' Conv: convolution, batch norm, SiLU."""

    def __init__(self, c1, c2, k=3, s=1):
        super().__init__()
        self.conv = nn.Conv2d(c1, c2, k, s, k // 2, bias=False)
        self.bn = nn.BatchNorm2d(c2)
        self.act = nn.SiLU()

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))


class DFL(nn.Module):
    """Distribution focal loss integral: the expected bin of a softmax over REG_MAX bins, as a fixed 1x1 conv."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(REG_MAX, 1, 1, bias=False).requires_grad_(False)
        self.conv.weight.data[:] = torch.arange(REG_MAX, dtype=torch.float).view(1, REG_MAX, 1, 1)

    def forward(self, x):
        b, _, a = x.shape
        return self.conv(x.view(b, 4, REG_MAX, a).transpose(2, 1).softmax(1)).view(b, 4, a)


class TinyYoloV8(nn.Module):
    """A small backbone (strides 8, 16, 32) under YOLOv8's Detect head, decoding as its export does."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(Conv(3, 16, 3, 2), Conv(16, 32, 3, 2), Conv(32, 32, 3, 1))
        self.p3 = Conv(32, 48, 3, 2)
        self.p4 = Conv(48, 64, 3, 2)
        self.p5 = Conv(64, 64, 3, 2)
        channels = (48, 64, 64)
        self.cv2 = nn.ModuleList(nn.Sequential(Conv(c, 32), Conv(32, 32), nn.Conv2d(32, 4 * REG_MAX, 1)) for c in channels)
        self.cv3 = nn.ModuleList(nn.Sequential(Conv(c, 32), Conv(32, 32), nn.Conv2d(32, CLASSES, 1)) for c in channels)
        self.dfl = DFL()
        self.stride = (8, 16, 32)

    def forward(self, x):
        p3 = self.p3(self.stem(x))
        p4 = self.p4(p3)
        p5 = self.p5(p4)
        feats = [torch.cat((self.cv2[i](f), self.cv3[i](f)), 1) for i, f in enumerate((p3, p4, p5))]
        # make_anchors(feats, strides, 0.5)
        points, strides = [], []
        for f, s in zip(feats, self.stride):
            h, w = f.shape[2:]
            sy, sx = torch.meshgrid(torch.arange(h, dtype=torch.float) + 0.5, torch.arange(w, dtype=torch.float) + 0.5,
                                    indexing="ij")
            points.append(torch.stack((sx, sy), -1).view(-1, 2))
            strides.append(torch.full((h * w, 1), float(s)))
        anchors, stride = torch.cat(points).transpose(0, 1).unsqueeze(0), torch.cat(strides).transpose(0, 1)
        out = torch.cat([f.view(f.shape[0], 4 * REG_MAX + CLASSES, -1) for f in feats], 2)
        box, cls = out.split((4 * REG_MAX, CLASSES), 1)
        lt, rb = self.dfl(box).chunk(2, 1)  # dist2bbox(xywh=True)
        x1y1, x2y2 = anchors - lt, anchors + rb
        dbox = torch.cat(((x1y1 + x2y2) / 2, x2y2 - x1y1), 1) * stride
        return torch.cat((dbox, cls.sigmoid()), 1)


def letterbox(bgr):
    """LetterBox(new_shape=(SIZE, SIZE), auto=False, scaleup=True, center=True)."""
    h, w = bgr.shape[:2]
    r = min(SIZE / h, SIZE / w)
    new_unpad = int(round(w * r)), int(round(h * r))
    dw, dh = (SIZE - new_unpad[0]) / 2, (SIZE - new_unpad[1]) / 2
    if (w, h) != new_unpad:
        bgr = cv2.resize(bgr, new_unpad, interpolation=cv2.INTER_LINEAR)
    top, bottom = int(round(dh - 0.1)), int(round(dh + 0.1))
    left, right = int(round(dw - 0.1)), int(round(dw + 0.1))
    return cv2.copyMakeBorder(bgr, top, bottom, left, right, cv2.BORDER_CONSTANT, value=(114, 114, 114))


def nms(boxes, scores, threshold):
    """torchvision.ops.nms: by score, descending; drop every box whose IoU with a kept one is above threshold."""
    order = np.argsort(-scores, kind="stable")
    area = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
    keep = []
    while order.size:
        i = order[0]
        keep.append(i)
        rest = order[1:]
        w = np.clip(np.minimum(boxes[i, 2], boxes[rest, 2]) - np.maximum(boxes[i, 0], boxes[rest, 0]), 0, None)
        h = np.clip(np.minimum(boxes[i, 3], boxes[rest, 3]) - np.maximum(boxes[i, 1], boxes[rest, 1]), 0, None)
        inter = w * h
        order = rest[inter / (area[i] + area[rest] - inter) <= threshold]
    return np.array(keep, dtype=int)


def predict(prediction, shape):
    """non_max_suppression (per class through the max_wh offset) then scale_boxes to the photo, clipped."""
    x = prediction[0].T  # [N, 4 + nc]
    conf, j = x[:, 4:].max(1), x[:, 4:].argmax(1)
    keep = conf > CONF
    x, conf, j = x[keep], conf[keep], j[keep]
    xy, wh = x[:, :2], x[:, 2:4]
    boxes = np.concatenate((xy - wh / 2, xy + wh / 2), 1)
    kept = nms(boxes + (j * 7680.0)[:, None], conf, IOU)[:MAX_DET]
    boxes, conf, j = boxes[kept], conf[kept], j[kept]
    h, w = shape
    gain = min(SIZE / h, SIZE / w)
    # Current Ultralytics rounds the scaled size first, so the pad is the one LetterBox added (older releases did
    # not, and were a pixel off where the rounding crossed).
    pad_x, pad_y = round((SIZE - round(w * gain)) / 2 - 0.1), round((SIZE - round(h * gain)) / 2 - 0.1)
    boxes = (boxes - np.array([pad_x, pad_y, pad_x, pad_y])) / gain
    boxes[:, [0, 2]] = boxes[:, [0, 2]].clip(0, w)
    boxes[:, [1, 3]] = boxes[:, [1, 3]].clip(0, h)
    return {"scores": conf.tolist(), "labels": j.tolist(), "boxes": boxes.tolist()}


torch.manual_seed(8)
model = TinyYoloV8().eval()


def tensor(bgr):
    """Ultralytics' preprocess after the letterbox: BGR to RGB, HWC to CHW, / 255."""
    return torch.from_numpy(np.ascontiguousarray(bgr[..., ::-1].transpose(2, 0, 1))).float().unsqueeze(0) / 255


# Batch-norm statistics measured on the photos themselves (as training would leave them), so that activations keep
# their scale through the layers and class scores depend on the image; class biases set low, as Ultralytics'
# bias_init does, so that only some anchors pass the 0.25 confidence.
letterboxed = [letterbox(cv2.imread(os.path.join(IMAGES, name))) for name in images]
for m in model.modules():
    if isinstance(m, nn.BatchNorm2d):
        m.reset_running_stats()
        m.momentum = None
model.train()
with torch.no_grad():
    model(torch.cat([tensor(b) for b in letterboxed]))
    for head in model.cv3:
        head[-1].bias.fill_(CLASS_BIAS)
model.eval()
golden = {"torch": torch.__version__, "opencv": cv2.__version__, "size": SIZE, "classes": CLASSES,
          "confidence": CONF, "iou": IOU, "images": images, "outputs": {}, "exports": {}}
example = torch.zeros(1, 3, SIZE, SIZE)
with torch.no_grad():
    for name in images:  # the goldens first, from the untouched model
        bgr = cv2.imread(os.path.join(IMAGES, name))
        boxed = letterbox(bgr)
        cv2.imwrite(os.path.join(OUT, "letterboxed-" + name), boxed)  # the 8-bit input, for the Java letterbox
        x = tensor(boxed)
        golden["outputs"][name] = predict(model(x).numpy(), bgr.shape[:2])
    torch.jit.trace(model, example).save(os.path.join(OUT, "trace.pt"))
    golden["exports"]["trace.pt"] = "ok"
    torch.onnx.export(model, (example,), os.path.join(OUT, "opset17.onnx"), dynamo=False, opset_version=17,
                      input_names=["images"], output_names=["output0"])
    golden["exports"]["opset17.onnx"] = "ok"
    golden["exports"]["dynamo.onnx"] = exporting.dynamo(model, example, os.path.join(OUT, "dynamo.onnx"), ["images"],
                                                        ["output0"])
print("yolo", sum(p.numel() for p in model.parameters()), "parameters", golden["exports"],
      {n: len(o["scores"]) for n, o in golden["outputs"].items()}, "detections")
with open(os.path.join(OUT, "golden.json"), "w") as f:
    json.dump(golden, f)
