"""Embeds labelled folders with nsfwjs's InceptionV3 (the photo backbone's layers, from the tfjs files) at three depths,
each averaged and max-pooled over space, preprocessed as the photo gate does (the whole image squashed to 299x299,
bilinear, antialiased, [0, 1]), and writes one .npz per folder: y, src and one array per layer and pooling.

  python features.py TFJS_DIR FOLDER OUT.npz [FOLDER OUT.npz ...]
"""
import csv
import os
import sys

import numpy as np
import torch
from PIL import Image

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "perception"))
from keras_layers import KerasGraph  # noqa: E402

LAYERS = ["mixed5", "mixed6", "mixed7"]


def main(tfjs, pairs):
    torch.set_num_threads(os.cpu_count() or 1)
    graph = KerasGraph(os.path.join(tfjs, "inception_v3", "model.json"),
                       os.path.join(tfjs, "inception_v3", "weights.bin"), LAYERS).eval()
    for folder, out in zip(pairs[0::2], pairs[1::2]):
        rows = list(csv.DictReader(open(os.path.join(folder, "labels.csv"))))
        features = {f"{layer}-{pool}": [] for layer in LAYERS for pool in ("avg", "max")}
        for r in rows:
            image = Image.open(os.path.join(folder, r["file"])).convert("RGB").resize((299, 299), Image.BILINEAR)
            x = torch.from_numpy(np.asarray(image, dtype=np.float32) / 255).permute(2, 0, 1)[None]
            with torch.no_grad():
                outputs = graph(x)
            for layer, o in zip(LAYERS, outputs):
                features[f"{layer}-avg"].append(o.mean(dim=(2, 3))[0].numpy())
                features[f"{layer}-max"].append(o.amax(dim=(2, 3))[0].numpy())
        np.savez(out, y=np.array([int(r["label"]) for r in rows]),
                 src=np.array([r.get("source") or r.get("source_repo") or "" for r in rows]),
                 **{k: np.stack(v) for k, v in features.items()})
        print(out, len(rows), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
