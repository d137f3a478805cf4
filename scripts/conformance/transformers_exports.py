#!/usr/bin/env python3
"""The conformance suite's transformers side: real Hugging Face architectures (small configs of the same
architecture) at random, seeded weights, exported the ways users export them, with what transformers itself computes
on real photos through the model's own image processor (transformers 5's default, torchvision backend).

    scripts/conformance/prepare.sh        (runs this after timm_exports.py, on the same PNG copies of real photos)

For each family it writes OUT/hf/NAME/:
  preprocessor_config.json   the processor's own file (the Java side imports it with from-huggingface)
  trace.pt                   torch.jit.trace of the model (detectors: (logits, pred_boxes); backbones: their output)
  opset17.onnx               torch.onnx.export(dynamo=False, opset_version=17)
  dynamo.onnx (+ .data)      torch.onnx.export(dynamo=True), torch 2.13's default exporter, where it works; where it
                             fails, golden.json records the exporter's error (the export guide cites it)
and OUT/hf/golden.json. Detectors (RT-DETRv2, D-FINE; 3 classes, 30 queries): the processor's
post_process_object_detection(threshold=0, target_sizes=image size) per photo, i.e. the top 30 (query, class) pairs.
Backbones: DINOv3 ViT with 4 register tokens (last_hidden_state; golden: pooler_output = the normed CLS token, and
the mean of the patch tokens), the SigLIP vision tower (pooler_output, the attention-pooled embedding; SigLIP2's
fixed-resolution checkpoints are this architecture with other weights).
"""
import json, os, sys, types

sys.modules["torchvision._meta_registrations"] = types.ModuleType("torchvision._meta_registrations")

import exporting
import torch
import transformers
from PIL import Image
from transformers import (DFineConfig, DFineForObjectDetection, DINOv3ViTConfig, DINOv3ViTImageProcessor,
                          DINOv3ViTModel, HGNetV2Config, RTDetrImageProcessor, RTDetrResNetConfig, RTDetrV2Config,
                          RTDetrV2ForObjectDetection, SiglipImageProcessor, SiglipVisionConfig, SiglipVisionModel)

OUT = os.path.join(sys.argv[1], "hf")
IMAGES = os.path.join(sys.argv[1], "images")
images = sorted(n for n in os.listdir(IMAGES) if n.endswith(".png"))
os.makedirs(OUT, exist_ok=True)

DETECTOR_SIZE = {"height": 320, "width": 320}
# Small configs of the real architectures: the same layers and post-processing, fewer and narrower ones.
DETR_COMMON = dict(encoder_in_channels=[64, 128, 256], decoder_in_channels=[64, 64, 64], d_model=64,
                   encoder_hidden_dim=64, encoder_ffn_dim=128, decoder_ffn_dim=128, decoder_layers=2, num_queries=30,
                   num_labels=3, decoder_attention_heads=4, encoder_attention_heads=4, num_denoising=0)


def rtdetr_v2():
    backbone = RTDetrResNetConfig(embedding_size=16, hidden_sizes=[32, 64, 128, 256], depths=[1, 1, 1, 1],
                                  layer_type="bottleneck", out_features=["stage2", "stage3", "stage4"])
    return RTDetrV2ForObjectDetection(RTDetrV2Config(backbone_config=backbone, **DETR_COMMON))


def d_fine():
    backbone = HGNetV2Config(embedding_size=16, hidden_sizes=[32, 64, 128, 256], depths=[1, 1, 1, 1],
                             stem_channels=[3, 16, 16], stage_in_channels=[16, 32, 64, 128],
                             stage_mid_channels=[16, 32, 64, 128], stage_out_channels=[32, 64, 128, 256],
                             stage_num_blocks=[1, 1, 1, 1], stage_downsample=[False, True, True, True],
                             stage_light_block=[False, False, True, True], stage_kernel_size=[3, 3, 5, 5],
                             stage_numb_of_layers=[2, 2, 2, 2], out_features=["stage2", "stage3", "stage4"])
    return DFineForObjectDetection(DFineConfig(backbone_config=backbone, **DETR_COMMON))


class Detections(torch.nn.Module):
    """The detector with plain tensor outputs, as users wrap it for export: (logits [1, Q, C], pred_boxes [1, Q, 4])."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, pixel_values):
        out = self.model(pixel_values=pixel_values)
        return out.logits, out.pred_boxes


class Output(torch.nn.Module):
    """A backbone's one output as a plain tensor (last_hidden_state or pooler_output)."""

    def __init__(self, model, field):
        super().__init__()
        self.model = model
        self.field = field

    def forward(self, pixel_values):
        return getattr(self.model(pixel_values=pixel_values), self.field)


FAMILIES = {
    "rtdetr-v2": ("detector", rtdetr_v2, lambda: RTDetrImageProcessor(size=DETECTOR_SIZE), None),
    "d-fine": ("detector", d_fine, lambda: RTDetrImageProcessor(size=DETECTOR_SIZE), None),
    "dinov3": ("backbone", lambda: DINOv3ViTModel(DINOv3ViTConfig(
        hidden_size=96, intermediate_size=192, num_hidden_layers=2, num_attention_heads=3, num_register_tokens=4,
        patch_size=16, image_size=224)), lambda: DINOv3ViTImageProcessor(), "last_hidden_state"),
    "siglip": ("backbone", lambda: SiglipVisionModel(SiglipVisionConfig(
        hidden_size=96, intermediate_size=192, num_hidden_layers=2, num_attention_heads=3, patch_size=16,
        image_size=224)), lambda: SiglipImageProcessor(size={"height": 224, "width": 224}), "pooler_output"),
}

golden = {"transformers": transformers.__version__, "torch": torch.__version__, "images": images, "models": {}}
for family, (kind, build, make_processor, field) in FAMILIES.items():
    torch.manual_seed(15)
    model = build().eval()
    processor = make_processor()
    folder = os.path.join(OUT, family)
    os.makedirs(folder, exist_ok=True)
    processor.to_json_file(os.path.join(folder, "preprocessor_config.json"))
    wrapped = Detections(model) if kind == "detector" else Output(model, field)
    example = processor(Image.open(os.path.join(IMAGES, images[0])).convert("RGB"), return_tensors="pt")["pixel_values"]
    entry = {"kind": kind, "architecture": type(model).__name__, "output": field,
             "parameters": sum(p.numel() for p in model.parameters()), "exports": {}, "outputs": {}}
    names = (["logits", "pred_boxes"] if kind == "detector" else [field])
    # The goldens first: a failed dynamo export can leave modules changed (train mode, patched forwards).
    with torch.no_grad():
        for name in images:
            image = Image.open(os.path.join(IMAGES, name)).convert("RGB")
            x = processor(image, return_tensors="pt")["pixel_values"]
            out = model(pixel_values=x)
            if kind == "detector":
                result = processor.post_process_object_detection(out, threshold=0.0,
                                                                 target_sizes=[(image.height, image.width)])[0]
                entry["outputs"][name] = {"scores": result["scores"].tolist(), "labels": result["labels"].tolist(),
                                          "boxes": result["boxes"].tolist()}
            elif family == "dinov3":
                tokens = out.last_hidden_state[0]
                prefix = 1 + model.config.num_register_tokens
                entry["num_prefix_tokens"] = prefix
                entry["outputs"][name] = {"cls": out.pooler_output[0].tolist(),
                                          "mean_patch": tokens[prefix:].mean(0).tolist()}
            else:
                entry["outputs"][name] = {"pooled": out.pooler_output[0].tolist()}
    with torch.no_grad():
        torch.jit.trace(wrapped, example, strict=False).save(os.path.join(folder, "trace.pt"))
        entry["exports"]["trace.pt"] = "ok"
        torch.onnx.export(wrapped, (example,), os.path.join(folder, "opset17.onnx"), dynamo=False, opset_version=17,
                          input_names=["pixel_values"], output_names=names)
        entry["exports"]["opset17.onnx"] = "ok"
        entry["exports"]["dynamo.onnx"] = exporting.dynamo(wrapped, example, os.path.join(folder, "dynamo.onnx"),
                                                           ["pixel_values"], names)
    golden["models"][family] = entry
    print(family, entry["architecture"], entry["parameters"], "parameters", entry["exports"])
with open(os.path.join(OUT, "golden.json"), "w") as f:
    json.dump(golden, f)
