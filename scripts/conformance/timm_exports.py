#!/usr/bin/env python3
"""The conformance suite's timm side: real architectures at random, seeded weights, exported the ways users export
them, with what timm itself computes on real photos.

    scripts/conformance/prepare.sh        (makes the venv from requirements.txt and runs this into target/conformance)

For each family (MobileNetV4, ConvNeXt, ResNet, EfficientNet, a SigLIP image tower, a DINOv3 ViT with four
register tokens) it writes to OUT/NAME/:
  config.json          {"pretrained_cfg": model.pretrained_cfg}, as timm's push_to_hf writes it (every key)
  trace.pt             torch.jit.trace of the model
  opset17.onnx         torch.onnx.export(dynamo=False, opset_version=17); for DINOv3 with timm's fused attention
                       off, which that exporter needs
  dynamo.onnx (+.data) torch.onnx.export(dynamo=True): torch 2.13's default exporter (opset 20, weights in the .data
                       file beside it); where it fails, golden.json records the exporter's error
  opset22.onnx, opset23.onnx (ResNet only) the dynamo exporter at opset_version 22, the newest OnnxRuntime 1.21
                       runs, and 23, which it does not (the Java side expects the load error that says so)
  features.pt          (DINOv3 only) torch.jit.trace of forward_features: the token sequence [1, 261, D]
and OUT/golden.json: per model and image, model(x) and its softmax and, for DINOv3, the avg-pooled pre-logits, where x is
timm's own eval transform (resolve_data_config + create_transform) of the image opened with PIL. The images are
PNG copies of real street photos (lossless, so both sides decode the same pixels).
"""
import glob, json, os, sys, types

# torchvision's compiled ops do not load against the CPU-only torch wheel; timm and the PIL transforms use only its
# Python parts, so its fake-op registrations are skipped.
sys.modules["torchvision._meta_registrations"] = types.ModuleType("torchvision._meta_registrations")

import exporting
import numpy as np
import timm
import torch
from PIL import Image
from timm.data import create_transform, resolve_data_config

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "conformance")
os.makedirs(os.path.join(OUT, "images"), exist_ok=True)

# Real photos: the committed ones (shrunk street photos), and the shared ones when they are here.
photos = sorted(glob.glob(os.path.join(ROOT, "stages-vision/src/test/resources/preprocess/road_*.jpg")))
photos += sorted(glob.glob(os.path.join(ROOT, "..", "shared", "data", "real-roads", "*.jpg")))[:3]
images = []
for i, path in enumerate(photos):
    image = Image.open(path).convert("RGB")
    if max(image.size) > 1280:
        image = image.resize((image.width // 2, image.height // 2), Image.BICUBIC)
    name = f"photo_{i}.png"
    image.save(os.path.join(OUT, "images", name))
    images.append(name)

class Features(torch.nn.Module):
    """forward_features as a module of its own, so tracing sees parameters rather than constants."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x):
        return self.model.forward_features(x)


FAMILIES = {
    "mobilenetv4": ("mobilenetv4_conv_small", {}),
    "convnext": ("convnext_atto", {}),
    "resnet": ("resnet10t", {}),
    "efficientnet": ("efficientnet_b0", {}),
    # SigLIP's image tower (SigLIP2's fixed-resolution towers are the same architecture, other weights), made small;
    # its head pools with attention (global_pool='map').
    "siglip": ("vit_base_patch16_siglip_224", {"depth": 2, "embed_dim": 192, "num_heads": 3}),
    "dinov3": ("vit_small_patch16_dinov3", {"depth": 2, "global_pool": "avg"}),
}
golden = {"torch": torch.__version__, "timm": timm.__version__, "images": images, "models": {}}
for family, (architecture, kwargs) in FAMILIES.items():
    torch.manual_seed(19)
    model = timm.create_model(architecture, pretrained=False, num_classes=2, **kwargs).eval()
    folder = os.path.join(OUT, family)
    os.makedirs(folder, exist_ok=True)
    cfg = {k: (list(v) if isinstance(v, tuple) else v) for k, v in model.pretrained_cfg.items()}
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump({"architecture": architecture, "num_classes": 2, "pretrained_cfg": cfg}, f, indent=1)
    data = resolve_data_config({}, model=model)
    transform = create_transform(**data)
    h, w = data["input_size"][1:]
    example = torch.zeros(1, 3, h, w)
    with torch.no_grad():
        torch.jit.trace(model, example).save(os.path.join(folder, "trace.pt"))
        onnx_model = model
        if family == "dinov3":
            # The TorchScript-based ONNX exporter fails on timm's fused attention in EVA blocks (DINOv3):
            # "scaled_dot_product_attention(): argument 'is_causal' must be bool, not Tensor". The same weights with
            # timm.layers.set_fused_attn(False) (plain matmul attention) export; docs/export.md says so.
            timm.layers.set_fused_attn(False)
            torch.manual_seed(19)
            onnx_model = timm.create_model(architecture, pretrained=False, num_classes=2, **kwargs).eval()
            timm.layers.set_fused_attn(True)
        torch.onnx.export(onnx_model, example, os.path.join(folder, "opset17.onnx"), dynamo=False, opset_version=17,
                          input_names=["pixels"], output_names=["logits"])
        entry = {"architecture": architecture, "input_size": list(data["input_size"]), "logits": {},
                 "probabilities": {}, "exports": {"trace.pt": "ok", "opset17.onnx": "ok"}}
        if family == "dinov3":
            torch.jit.trace(Features(model), example).save(os.path.join(folder, "features.pt"))
            entry["num_prefix_tokens"] = model.num_prefix_tokens
            entry["pre_logits"] = {}
        for name in images:
            x = transform(Image.open(os.path.join(OUT, "images", name)).convert("RGB")).unsqueeze(0)
            logits = model(x)
            entry["logits"][name] = logits[0].tolist()
            entry["probabilities"][name] = torch.softmax(logits, dim=1)[0].tolist()
            if family == "dinov3":
                entry["pre_logits"][name] = model.forward_head(model.forward_features(x), pre_logits=True)[0].tolist()
        # Last: the goldens above are the untouched model's (a dynamo export may change modules it fails on).
        dynamo_file = os.path.join(folder, "dynamo.onnx")
        entry["exports"]["dynamo.onnx"] = exporting.dynamo(model, example, dynamo_file, ["pixels"], ["logits"])
        if entry["exports"]["dynamo.onnx"] == "ok":
            entry["dynamo_opset"] = exporting.opset(dynamo_file)
        if family == "resnet":
            for version in (22, 23):  # both must export; the Java side expects 23 to be refused at load
                result = exporting.dynamo(model, example, os.path.join(folder, f"opset{version}.onnx"), ["pixels"],
                                          ["logits"], opset_version=version)
                if result != "ok":
                    raise RuntimeError(f"opset {version} export failed: {result}")
                entry["exports"][f"opset{version}.onnx"] = result
    golden["models"][family] = entry
    print(family, architecture, sum(p.numel() for p in model.parameters()), "parameters", entry["exports"])
with open(os.path.join(OUT, "golden.json"), "w") as f:
    json.dump(golden, f)
