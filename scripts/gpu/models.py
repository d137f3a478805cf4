"""The GPU proof run's Python side (scripts/gpu/run.sh runs it on the CUDA machine).

Builds three real architectures at random, seeded weights, traces each to TorchScript on cuda:0 (the device it runs
on), and writes for each: the .pt file, one fixed input (float32, little endian), Python's outputs on that input on
the same GPU, and Python's p50 latency at batch 1 from a host float32 array to the answer on the host (the same work
the Java side times: input copied to the GPU, forward pass, answer read back).

  timm mobilenetv4_conv_large (classifier, 2 classes)        -> softmax P(class 1)
  timm vit_small_patch16_dinov3 (DINOv3 ViT, register tokens)  -> pooled embedding, as an embedding-head backbone
  transformers RTDetrV2 (DETR family, random config weights)  -> logits and boxes; max sigmoid score
  the DINOv3 ViT exported for fp16 both ways: model.half() traced on a half input (dinov3-fp16), and fp16 weights
  behind a wrapper that keeps float32 input and output (dinov3-fp16io32)
"""
import json
import os
import statistics
import sys
import time

import numpy as np
import timm
import torch

OUT = sys.argv[1]
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 300
os.makedirs(OUT, exist_ok=True)
device = torch.device("cuda:0")


class DetrOutputs(torch.nn.Module):
    """RT-DETRv2's logits and boxes as a tuple, the layout the detector stage's detr decoder reads."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, pixel_values):
        out = self.model(pixel_values=pixel_values)
        return out.logits, out.pred_boxes


class Fp16Io32(torch.nn.Module):
    """fp16 weights, float32 in and out: forward(x) = m(x.half()).float()."""

    def __init__(self, model):
        super().__init__()
        self.model = model.half()

    def forward(self, x):
        return self.model(x.half()).float()


def build(name):
    torch.manual_seed(72)
    if name == "dinov3-fp16":
        return timm.create_model("vit_small_patch16_dinov3", pretrained=False, num_classes=0).half(), (1, 3, 224, 224)
    if name == "dinov3-fp16io32":
        return Fp16Io32(timm.create_model("vit_small_patch16_dinov3", pretrained=False, num_classes=0)), (1, 3, 224, 224)
    if name == "mobilenetv4":
        return timm.create_model("mobilenetv4_conv_large", pretrained=False, num_classes=2), (1, 3, 384, 384)
    if name == "dinov3":
        return timm.create_model("vit_small_patch16_dinov3", pretrained=False, num_classes=0), (1, 3, 224, 224)
    from transformers import RTDetrV2Config, RTDetrV2ForObjectDetection
    config = RTDetrV2Config(num_labels=4)
    return DetrOutputs(RTDetrV2ForObjectDetection(config)), (1, 3, 640, 640)


def answer(name, outputs):
    """What a stage makes of the outputs: P(roadwork), or the embedding."""
    if name == "mobilenetv4":
        return torch.softmax(outputs[0], dim=1)[0, 1].item()
    if name.startswith("dinov3"):
        return outputs[0].float().cpu()
    return torch.sigmoid(outputs[0]).max().item()


results = {}
for name in ["mobilenetv4", "dinov3", "rtdetr", "dinov3-fp16", "dinov3-fp16io32"]:
    model, shape = build(name)
    model = model.eval().to(device)
    rng = np.random.default_rng(7)
    x = rng.standard_normal(shape).astype(np.float32)
    half_input = name == "dinov3-fp16"

    def feed(array):
        t = torch.from_numpy(array).to(device)
        return t.half() if half_input else t

    with torch.no_grad():
        traced = torch.jit.trace(model, feed(x), strict=False, check_trace=False)
    traced.save(os.path.join(OUT, name + ".pt"))
    traced = torch.jit.load(os.path.join(OUT, name + ".pt"), map_location=device)
    x.tofile(os.path.join(OUT, name + ".in.f32"))
    with torch.no_grad():
        outs = traced(feed(x))
        outs = outs if isinstance(outs, tuple) else (outs,)
        meta = {"input": list(shape), "outputs": []}
        for i, o in enumerate(outs):
            o.float().cpu().numpy().astype(np.float32).tofile(os.path.join(OUT, "%s.out%d.f32" % (name, i)))
            meta["outputs"].append(list(o.shape))
        for _ in range(200):  # warm: initialisation, the profiling executor's second call, steady clocks
            r = traced(feed(x))
            answer(name, r if isinstance(r, tuple) else (r,))
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            r = traced(feed(x))
            answer(name, r if isinstance(r, tuple) else (r,))
            times.append((time.perf_counter() - start) * 1000)
    meta["python_p50_ms"] = statistics.median(times)
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(meta, f)
    results[name] = meta
    print(name, meta, flush=True)
    del model, traced
    torch.cuda.empty_cache()

print(json.dumps(results))
