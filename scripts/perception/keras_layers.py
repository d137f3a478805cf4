"""A Keras 2 functional model saved in TensorFlow.js's layers format (model.json + weights.bin), rebuilt as a torch
module so that torch.onnx can export it: no TensorFlow needed.

Only the layer types the nsfwjs models use are understood; anything else is refused by name rather than guessed.
TensorFlow's arithmetic is followed where it differs from torch's defaults: "same" padding is asymmetric (the extra
row and column go bottom and right), "same" average pooling leaves padding out of the count, Flatten reads NHWC
order, and uint8-quantised weights are dequantised as tfjs does (q * scale + min).
"""
import json
import math

import numpy as np
import torch
import torch.nn.functional as F

_DTYPES = {"uint8": np.uint8, "uint16": np.uint16, "float16": np.float16}


def read_weights(model_json, weights_bin):
    """The topology and every weight, by name, dequantised to float32 as tfjs does."""
    with open(model_json) as f:
        model = json.load(f)
    with open(weights_bin, "rb") as f:
        data = f.read()
    offset, weights = 0, {}
    for group in model["weightsManifest"]:
        for w in group["weights"]:
            count = int(np.prod(w["shape"])) if w["shape"] else 1
            q = w.get("quantization")
            if q is None:
                values = np.frombuffer(data, np.float32, count, offset)
                offset += 4 * count
            else:
                dtype = _DTYPES[q["dtype"]]
                raw = np.frombuffer(data, dtype, count, offset)
                offset += count * np.dtype(dtype).itemsize
                values = raw.astype(np.float32) if q["dtype"] == "float16" \
                    else raw.astype(np.float32) * np.float32(q["scale"]) + np.float32(q["min"])
            weights[w["name"]] = torch.from_numpy(np.array(values, np.float32).reshape(w["shape"]))
    if offset != len(data):
        raise ValueError(f"{weights_bin}: the manifest accounts for {offset} bytes of {len(data)}")
    return model, weights


def _same_padding(x, kernel, strides, dilation=1):
    # Plain ints: the exported graph then holds constant pads rather than shape arithmetic (inputs are fixed-size).
    height, width = int(x.shape[2]), int(x.shape[3])
    pad_h = max((math.ceil(height / strides[0]) - 1) * strides[0] + (kernel[0] - 1) * dilation + 1 - height, 0)
    pad_w = max((math.ceil(width / strides[1]) - 1) * strides[1] + (kernel[1] - 1) * dilation + 1 - width, 0)
    return F.pad(x, [pad_w // 2, pad_w - pad_w // 2, pad_h // 2, pad_h - pad_h // 2])


def _activation(x, name):
    if name == "linear":
        return x
    if name == "relu":
        return F.relu(x)
    if name == "softmax":
        return F.softmax(x, -1)
    raise ValueError(f"activation '{name}' is not supported")


class KerasGraph(torch.nn.Module):
    """The model's layers run in file order (a functional model lists them topologically); forward returns the
    outputs of the layers named in `outputs`. Input: NCHW float32."""

    def __init__(self, model_json, weights_bin, outputs):
        super().__init__()
        model, weights = read_weights(model_json, weights_bin)
        topology = model["modelTopology"]
        self.layers = topology.get("model_config", topology)["config"]["layers"]
        self.outputs = list(outputs)
        known = {layer["name"] for layer in self.layers}
        missing = [o for o in self.outputs if o not in known]
        if missing:
            raise ValueError(f"no layer named {missing}")
        self.last = max(i for i, layer in enumerate(self.layers) if layer["name"] in self.outputs)
        self._buffers_by_weight = {}
        for name, value in weights.items():
            buffer = name.replace("/", "__")
            self.register_buffer(buffer, value)
            self._buffers_by_weight[name] = buffer

    def _weight(self, layer, name):
        return getattr(self, self._buffers_by_weight[layer + "/" + name])

    def forward(self, x):
        values = {}
        for layer in self.layers[: self.last + 1]:
            kind, cfg, name = layer["class_name"], layer["config"], layer["name"]
            inputs = [values[n[0]] for n in layer["inbound_nodes"][0]] if layer["inbound_nodes"] else [x]
            h = inputs[0]
            if kind == "InputLayer":
                y = x
            elif kind in ("Conv2D", "DepthwiseConv2D"):
                kernel, strides = cfg["kernel_size"], cfg["strides"]
                dilation = cfg.get("dilation_rate", [1, 1])[0]
                if cfg["padding"] == "same":
                    h = _same_padding(h, kernel, strides, dilation)
                if kind == "Conv2D":
                    w, groups = self._weight(name, "kernel").permute(3, 2, 0, 1), 1
                else:
                    w = self._weight(name, "depthwise_kernel").permute(2, 3, 0, 1).reshape(-1, 1, *kernel)
                    groups = h.shape[1]
                bias = self._weight(name, "bias") if cfg.get("use_bias") else None
                y = _activation(F.conv2d(h, w, bias, tuple(strides), 0, dilation, groups), cfg.get("activation", "linear"))
            elif kind == "BatchNormalization":
                mean, var = self._weight(name, "moving_mean"), self._weight(name, "moving_variance")
                gamma = self._weight(name, "gamma") if cfg.get("scale", True) else torch.ones_like(mean)
                beta = self._weight(name, "beta") if cfg.get("center", True) else torch.zeros_like(mean)
                y = F.batch_norm(h, mean, var, gamma, beta, False, 0.0, cfg["epsilon"])
            elif kind == "Activation":
                y = _activation(h, cfg["activation"])
            elif kind == "ReLU":
                y = F.relu(h) if cfg.get("max_value") is None else torch.clamp(h, 0, cfg["max_value"])
            elif kind == "ZeroPadding2D":
                (top, bottom), (left, right) = cfg["padding"]
                y = F.pad(h, [left, right, top, bottom])
            elif kind == "MaxPooling2D":
                if cfg["padding"] != "valid":
                    raise ValueError(f"{name}: max pooling with '{cfg['padding']}' padding is not supported")
                y = F.max_pool2d(h, cfg["pool_size"], cfg["strides"])
            elif kind == "AveragePooling2D":
                pool, strides = cfg["pool_size"], cfg["strides"]
                if cfg["padding"] == "valid":
                    y = F.avg_pool2d(h, pool, strides)
                elif strides == [1, 1] and pool[0] % 2 == 1 and pool[1] % 2 == 1:
                    y = F.avg_pool2d(h, pool, 1, (pool[0] // 2, pool[1] // 2), count_include_pad=False)
                else:
                    raise ValueError(f"{name}: 'same' average pooling is supported at stride 1, odd sizes only")
            elif kind == "Concatenate":
                if cfg.get("axis", -1) not in (-1, 3):
                    raise ValueError(f"{name}: concatenation on axis {cfg['axis']} is not supported")
                y = torch.cat(inputs, 1)
            elif kind == "Add":
                y = inputs[0]
                for other in inputs[1:]:
                    y = y + other
            elif kind == "Flatten":
                y = h.permute(0, 2, 3, 1).reshape(h.shape[0], -1)
            elif kind == "Dropout":
                y = h
            elif kind == "Dense":
                y = _activation(h @ self._weight(name, "kernel") + self._weight(name, "bias"), cfg["activation"])
            else:
                raise ValueError(f"{name}: layer type {kind} is not supported")
            values[name] = y
        return tuple(values[o] for o in self.outputs)
