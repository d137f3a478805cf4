#!/usr/bin/python3
"""The Python peer of PreprocessBenchmark: what a torchvision/timm training pipeline does to one JPEG.

    image_path_peer.py write DIR        writes DIR/224x224.jpg, DIR/1024x1024.jpg, DIR/1920x1080.jpg (JPEG q75)
    image_path_peer.py time DIR         prints one JSON line: microseconds per image, by size

The work timed is the Java benchmark's: decode (PIL, libjpeg-turbo), Resize(256) bicubic antialiased, CenterCrop(224),
ToTensor, ImageNet Normalize, on one thread, warmed up; the median of several timed batches. Run through
scripts/bench/image-path.sh, which interleaves it with the Java side and prints the ratios.
Needs Pillow, torch and torchvision: Debian's python3-torchvision, or the wheels pip installs here.
"""
import io, json, os, statistics, sys, time

SIZES = ["224x224", "1024x1024", "1920x1080"]


def write(directory):
    import numpy as np
    from PIL import Image
    os.makedirs(directory, exist_ok=True)
    rng = np.random.default_rng(11)
    for size in SIZES:
        w, h = (int(v) for v in size.split("x"))
        y, x = np.mgrid[0:h, 0:w]
        # A gradient with noise, like NoisyGradientJpeg: the entropy decoder has real work, as with a photo.
        base = np.stack([x * 255 // max(w - 1, 1), y * 255 // max(h - 1, 1), (x + y) * 255 // max(w + h - 2, 1)], -1)
        noisy = np.clip(base + rng.normal(0, 12, base.shape), 0, 255).astype(np.uint8)
        Image.fromarray(noisy, "RGB").save(os.path.join(directory, size + ".jpg"), "JPEG", quality=75)


def time_all(directory):
    import torch
    import torchvision.transforms as T
    from torchvision.transforms import InterpolationMode
    from PIL import Image
    torch.set_num_threads(1)
    transform = T.Compose([
        T.Resize(256, interpolation=InterpolationMode.BICUBIC),
        T.CenterCrop(224),
        T.ToTensor(),
        T.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225]),
    ])
    result = {}
    for size in SIZES:
        with open(os.path.join(directory, size + ".jpg"), "rb") as f:
            data = f.read()

        def once():
            return transform(Image.open(io.BytesIO(data)).convert("RGB"))

        n = max(5, int(0.25 / max(1e-6, _seconds(once))))  # batches of about a quarter second
        for _ in range(3):
            for _ in range(n):
                once()
        batches = []
        for _ in range(9):
            start = time.perf_counter()
            for _ in range(n):
                once()
            batches.append((time.perf_counter() - start) / n * 1e6)
        result[size] = statistics.median(batches)
    print(json.dumps({"micros": result, "torch": torch.__version__,
                      "torchvision": __import__("torchvision").__version__, "pillow": Image.__version__}))


def _seconds(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("write", "time"):
        sys.exit(__doc__)
    (write if sys.argv[1] == "write" else time_all)(sys.argv[2])
