#!/usr/bin/env python3
"""The conformance suite's image-processor side: what transformers 5's image processors themselves compute on real
photos, with both backends, for the import of preprocessor_config.json (from-huggingface).

    scripts/conformance/prepare.sh        (runs this after timm_exports.py, on the same PNG copies of real photos)

transformers 5 builds its torchvision-based processors by default (AutoImageProcessor.from_pretrained); the
...ImageProcessorPil classes are backend="pil". Both save the same preprocessor_config.json. For each processor below
it writes OUT/processors/NAME/preprocessor_config.json and, per backend and image, pixel_values[0] as raw float32
little-endian (OUT/processors/NAME/BACKEND/IMAGE.f32), with shapes in OUT/processors/golden.json.
DINOv3ViTImageProcessor has no PIL variant (it rescales, then resizes floats).
"""
import json, os, sys, types

# As in timm_exports.py: torchvision's compiled ops do not load against the CPU-only torch wheel; the processors use
# only torchvision's Python transforms, whose tensor kernels are torch's own.
sys.modules["torchvision._meta_registrations"] = types.ModuleType("torchvision._meta_registrations")

import numpy as np
import torch
import transformers
from PIL import Image

OUT = sys.argv[1]
images = sorted(n for n in os.listdir(os.path.join(OUT, "images")) if n.endswith(".png"))[:3]

PROCESSORS = {
    "vit": ("ViTImageProcessor", dict(size=224)),
    "clip": ("CLIPImageProcessor", dict(size={"shortest_edge": 224}, crop_size={"height": 224, "width": 224})),
    "convnext-crop-pct": ("ConvNextImageProcessor", dict(size={"shortest_edge": 224}, crop_pct=0.875)),
    "convnext-warp": ("ConvNextImageProcessor", dict(size={"shortest_edge": 384})),
    "siglip": ("SiglipImageProcessor", dict(size={"height": 224, "width": 224})),
    "detr": ("DetrImageProcessor", dict(size={"shortest_edge": 400, "longest_edge": 666})),
    "rt-detr": ("RTDetrImageProcessor", dict(size={"height": 640, "width": 640})),
    "dinov3": ("DINOv3ViTImageProcessor", dict(size={"height": 224, "width": 224})),
}
golden = {"transformers": transformers.__version__, "torch": torch.__version__,
          "cpu_capability": torch.backends.cpu.get_cpu_capability(), "images": images, "processors": {}}
for name, (cls, kwargs) in PROCESSORS.items():
    folder = os.path.join(OUT, "processors", name)
    os.makedirs(folder, exist_ok=True)
    default = getattr(transformers, cls)(**kwargs)
    default.to_json_file(os.path.join(folder, "preprocessor_config.json"))
    backends = {"torchvision": default}
    if hasattr(transformers, cls + "Pil"):
        backends["pil"] = getattr(transformers, cls + "Pil")(**kwargs)
    entry = {"class": cls, "backends": {}}
    for backend, processor in backends.items():
        os.makedirs(os.path.join(folder, backend), exist_ok=True)
        shapes = {}
        for image in images:
            pixels = processor(Image.open(os.path.join(OUT, "images", image)).convert("RGB"),
                               return_tensors="pt")["pixel_values"][0]
            pixels.numpy().astype("<f4").tofile(os.path.join(folder, backend, image + ".f32"))
            shapes[image] = list(pixels.shape)
        entry["backends"][backend] = shapes
    golden["processors"][name] = entry
    print(name, cls, sorted(backends))
with open(os.path.join(OUT, "processors", "golden.json"), "w") as f:
    json.dump(golden, f, indent=1)
