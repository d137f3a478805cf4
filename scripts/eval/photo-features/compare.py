"""Trains the photo gate's kind of head (an MLP, 256 hidden, dropout) on other features or other training mixes and
reports each under the cross-validation folds of the photos (train on four folds + the scenes, report the fifth),
and on 400 January challenges and 300 native-size scenes (mean of the five folds' heads). Argument: the .npz folder.
"""
import sys

import numpy as np
import torch

work = sys.argv[1]
SIZES = ("640x480", "1024x1024", "1920x1080", "1280x720")
cache = {}


def data(name):
    if name not in cache:
        cache[name] = np.load(f"{work}/{name}.npz")
    return cache[name]


def features(name, variant):
    return np.concatenate([data(name)[v] for v in variant], axis=1)


def train(x, y, w, seed, epochs=60):
    torch.manual_seed(seed)
    mu, sd = x.mean(0), x.std(0) + 1e-6
    xt, yt, wt = (torch.tensor(a, dtype=torch.float32) for a in ((x - mu) / sd, y, w))
    model = torch.nn.Sequential(torch.nn.Dropout(0.2), torch.nn.Linear(x.shape[1], 256), torch.nn.ReLU(),
                                torch.nn.Dropout(0.2), torch.nn.Linear(256, 1))
    optimiser = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-2)
    for _ in range(epochs):
        model.train()
        order = torch.randperm(len(yt))
        for i in range(0, len(yt), 64):
            b = order[i:i + 64]
            optimiser.zero_grad()
            loss = torch.nn.functional.binary_cross_entropy_with_logits(model(xt[b])[:, 0], yt[b], reduction="none")
            ((loss * wt[b]).sum() / wt[b].sum()).backward()
            optimiser.step()
    model.eval()
    return lambda z: torch.sigmoid(model(torch.tensor((z - mu) / sd, dtype=torch.float32))[:, 0]).detach().numpy()


def run(label, variant, parts):
    right = total = 0
    january, native, levels = [], [], {}
    for k in range(5):
        training = [(f"photos{j}", 1.0) for j in range(5) if j != k] + parts
        head = train(np.concatenate([features(n, variant) for n, _ in training]),
                     np.concatenate([data(n)["y"] for n, _ in training]),
                     np.concatenate([np.full(len(data(n)["y"]), w) for n, w in training]), seed=k)
        held_out = head(features(f"photos{k}", variant)) >= 0.5
        right += (held_out == (data(f"photos{k}")["y"] == 1)).sum()
        total += len(held_out)
        ok = (head(features("jan400", variant)) >= 0.5) == (data("jan400")["y"] == 1)
        january.append(ok.mean())
        for level in sorted(set(data("jan400")["src"])):
            levels.setdefault(level, []).append(ok[data("jan400")["src"] == level].mean())
        native.append(((head(features("native300", variant)) >= 0.5) == (data("native300")["y"] == 1)).mean())
    print(f"{label:52s} photos {right / total:.3f}  January {np.mean(january):.3f} ("
          + " ".join(f"{level} {np.mean(v):.2f}" for level, v in levels.items())
          + f")  native {np.mean(native):.3f}", flush=True)


scenes = [(f"scenes-{s}", 1.0) for s in SIZES]
one_crop = scenes + [(f"crops-{s}", 1.0) for s in SIZES]
print("features (scenes + one January crop of each):")
for variant in (["mixed7-avg"], ["mixed7-avg", "mixed7-max"], ["mixed6-avg"], ["mixed5-avg"],
                ["mixed6-avg", "mixed7-avg"], ["mixed5-avg", "mixed6-avg", "mixed7-avg"]):
    run(" + ".join(variant), variant, one_crop)
print("training mixes (mixed7 averaged, the committed backbone's output):")
run("scenes + 3 crops each", ["mixed7-avg"], scenes + [(f"crops3-{s}", 1.0) for s in SIZES])
run("scenes + 3 crops each, crops weighted 1/3", ["mixed7-avg"], scenes + [(f"crops3-{s}", 1 / 3) for s in SIZES])
run("scenes + 4 crops each", ["mixed7-avg"],
    one_crop + [(f"crops3-{s}", 1.0) for s in SIZES])
