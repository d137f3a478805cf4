"""Exports nsfwjs's InceptionV3 (a Keras InceptionV3 that GantMan/nsfw_model fine-tuned from ImageNet weights) as two
ONNX files (opset 17, TorchScript exporter), from the tfjs files extract_tfjs.js wrote:

  photo-backbone.onnx   input [1, 3, 299, 299] RGB in [0, 1]; output [1, 768], the mixed7 block averaged over space:
                        the default cascade's photo gate embeds images with it (mid-level features; the layers after
                        mixed7 are more specific to the model's own five classes and cost a third more)
  nsfw-classifier.onnx  the whole model, output its five class probabilities: only for proving the conversion
                        against nsfwjs itself (PhotoBackboneParityTest), since it runs every layer of the backbone

  python export_photo_backbone.py TFJS_DIR OUT_DIR
"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from keras_layers import KerasGraph  # noqa: E402

SIZE = 299
EMBEDDING_LAYER = "mixed7"


class PooledBlock(torch.nn.Module):
    def __init__(self, graph):
        super().__init__()
        self.graph = graph

    def forward(self, x):
        (features,) = self.graph(x)
        return features.mean(dim=(2, 3))


class Probabilities(torch.nn.Module):
    def __init__(self, graph):
        super().__init__()
        self.graph = graph

    def forward(self, x):
        return self.graph(x)[0]


def export(module, path, output):
    example = torch.rand(1, 3, SIZE, SIZE)
    with torch.no_grad():
        torch.onnx.export(module.eval(), (example,), path + ".partial", input_names=["pixels"], output_names=[output],
                          opset_version=17, dynamo=False)
    os.replace(path + ".partial", path)


def main(tfjs_dir, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    model_json = os.path.join(tfjs_dir, "inception_v3", "model.json")
    weights = os.path.join(tfjs_dir, "inception_v3", "weights.bin")
    export(PooledBlock(KerasGraph(model_json, weights, [EMBEDDING_LAYER])),
           os.path.join(out_dir, "photo-backbone.onnx"), "embedding")
    export(Probabilities(KerasGraph(model_json, weights, ["dense_3"])),
           os.path.join(out_dir, "nsfw-classifier.onnx"), "probabilities")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
