#!/usr/bin/env bash
# Decode + preprocess of one JPEG, Java (PreprocessBenchmark, JMH) against the Python peer (PIL + torchvision,
# scripts/bench/image_path_peer.py) on the same files, interleaved (Java, Python, Java, Python), one thread each.
# Prints microseconds per image and the ratio Python / Java per size: exact decode, and the reduced-decode setting.
#   scripts/bench/image-path.sh            (PYTHON=... picks an interpreter with Pillow, torch and torchvision;
#                                           Debian: apt-get install python3-torchvision)
set -euo pipefail
cd "$(dirname "$0")/../.."
python=${PYTHON:-/usr/bin/python3}
if ! "$python" -c "import torchvision, PIL" 2>/dev/null; then
  echo "$python cannot import torchvision and PIL: apt-get install python3-torchvision, or set PYTHON" >&2
  exit 2
fi
out=target/bench/image-path
mkdir -p "$out"
"$python" scripts/bench/image_path_peer.py write "$out/images"
for round in 1 2; do
  ./cascade4j bench --jmh PreprocessBenchmark -f 1 -wi 3 -w 1 -i 5 -r 1 -p imageDir="$PWD/$out/images" \
    -rf json -rff "$out/java-$round.json" > "$out/java-$round.log"
  "$python" scripts/bench/image_path_peer.py time "$out/images" > "$out/python-$round.json"
done
"$python" - "$out" <<'PY'
import json, sys
out = sys.argv[1]
java, python, versions = {}, {}, {}
for r in (1, 2):
    for row in json.load(open(f"{out}/java-{r}.json")):
        key = (row["params"]["size"], row["params"]["decode"])
        java[key] = min(java.get(key, float("inf")), row["primaryMetric"]["score"])
    p = json.load(open(f"{out}/python-{r}.json"))
    versions = {k: p[k] for k in ("torch", "torchvision", "pillow")}
    for size, micros in p["micros"].items():
        python[size] = min(python.get(size, float("inf")), micros)
print("decode + Resize(256) bicubic + CenterCrop(224) + Normalize, one JPEG q75, one thread (us, best of 2 rounds)")
print("python peer: torch %(torch)s, torchvision %(torchvision)s, Pillow %(pillow)s" % versions)
print(f"{'size':>10} {'python':>10} {'java exact':>11} {'ratio':>6} {'java reduced':>13} {'ratio':>6}")
for size in ("224x224", "1024x1024", "1920x1080"):
    p, e, r = python[size], java[(size, "exact")], java[(size, "reduced")]
    print(f"{size:>10} {p:10.0f} {e:11.0f} {p / e:6.2f} {r:13.0f} {p / r:6.2f}")
PY
