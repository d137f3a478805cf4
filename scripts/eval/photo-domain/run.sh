#!/usr/bin/env bash
# Where should the photo gate's route send an image to the scene gate? (examples/default/README.md, "The route".)
# The route's head (scripts/train/default-cascade.sh: photo-domain/) says P(photograph) from the photo backbone's
# features; a photograph sent to the scene gate is answered by a model that is a coin toss on photographs, so the
# threshold is chosen on photographs of sources the head has never seen: for each source of the shared photos, the
# head is trained without it (drawn training scenes and the other sources' photos, one 224 crop of each, as the
# committed head) and scores that source's photos, January-style 224 crops of them (made as the validators made
# them from real images, two of each: MakeCrops.java), 400 January challenges of drawn scenes and 300 native-size drawn scenes
# (seeds unseen in training). Prints, per threshold, what falls below it.
#
#   scripts/eval/photo-domain/run.sh
#
# Needs the photo backbone (installed by ./cascade4j on first use) and python3 (standard library). Work:
# target/photo-domain; embeddings cached in target/photo-embeddings (shared with scripts/train/default-cascade.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
work="$root/target/photo-domain"
rm -rf "$work" && mkdir -p "$work"
cd "$root"
mapfile -t scenes < <(scripts/train/scenes.sh)
./cascade4j --version > /dev/null # builds the distribution if needed
scripts/perception/install-photo-backbone.sh >&2
backbone="${CASCADE4J_PHOTO_BACKBONE:-$HOME/.cache/cascade4j/photo-backbone/photo-backbone.onnx}"
lib="$(ls -d "$root"/cascade-cli/target/cascade4j-*/lib)"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
make="$root/scripts/eval/second-opinion"

# Test sets of drawn scenes, as scripts/eval/second-opinion/run.sh makes them.
./cascade4j scenes --out "$work/scenes320" --count 400 --seed 5 --width 320 --height 240 --log-level warn
"$java" -cp "$lib/*" "$make/MakeJanuary.java" "$work/scenes320" "$work/drawn-january" 400 9
seed=21
native=()
for size in 1024x1024 1920x1080 1280x720; do
  ./cascade4j scenes --out "$work/n$size" --count 100 --seed "$seed" --width "${size%x*}" --height "${size#*x}" \
    --log-level warn
  native+=("$work/n$size")
  seed=$((seed + 1))
done
"$java" -cp "$lib/*" "$make/MakeNative.java" "$work/drawn-native" "${native[@]}"

# Per source: the training folder (drawn scenes 0, other sources' photos 1) and the held-out photos (label 1).
python3 - "$work" "${scenes[@]}" -- "$root/../shared/data/real-roads" "$root/../shared/data/real-roads-2" <<'PY'
import csv, os, sys
work = sys.argv[1]
split = sys.argv.index("--")
scene_folders, photo_folders = sys.argv[2:split], sys.argv[split + 1:]
photos = []
for folder in photo_folders:
    for r in csv.DictReader(open(os.path.join(folder, "labels.csv"))):
        photos.append((os.path.join(os.path.abspath(folder), r["file"]), r["source_repo"]))
sources = sorted({s for _, s in photos})
with open(os.path.join(work, "sources.txt"), "w") as f:
    f.write("\n".join(sources) + "\n")
for i, source in enumerate(sources):
    train, held = os.path.join(work, f"s{i}", "train"), os.path.join(work, f"s{i}", "photos")
    os.makedirs(train), os.makedirs(held)
    with open(os.path.join(train, "labels.csv"), "w", newline="") as t, \
         open(os.path.join(held, "labels.csv"), "w", newline="") as h:
        tw, hw = csv.writer(t), csv.writer(h)
        tw.writerow(["file", "label"]), hw.writerow(["file", "label", "source"])
        for n, folder in enumerate(scene_folders):
            for r in csv.DictReader(open(os.path.join(folder, "labels.csv"))):
                name = f"{n}-{r['file']}"
                os.symlink(os.path.join(os.path.abspath(folder), r["file"]), os.path.join(train, name))
                tw.writerow([name, 0])
        for path, s in photos:
            name = f"p-{os.path.basename(path)}"
            os.symlink(path, os.path.join(held if s == source else train, name))
            (hw.writerow([name, 1, s]) if s == source else tw.writerow([name, 1]))
PY

count=$(wc -l < "$work/sources.txt")
for ((i = 0; i < count; i++)); do
  dir="$work/s$i"
  "$java" -cp "$lib/*" "$root/scripts/eval/photo-domain/MakeCrops.java" "$dir/photos" "$dir/photo-crops" 2 $((40 + i))
  ./cascade4j train-head --images "$dir/train" --augment 1 --backbone "$backbone" \
    --preprocessing-from-timm examples/default/photo-backbone.json --cache "$root/target/photo-embeddings" \
    --out "$dir/head" --kind linear --lr 1e-2 --epochs 200 --patience 30 --log-level warn > /dev/null
  cat > "$dir/domain.yaml" <<YAML
cascade: photo-domain
deadline: 60s
fallback: prior
stages:
  - {name: domain, type: embedding-head, model: '$backbone', head: '$dir/head', preprocessing: {from-timm: '$root/examples/default/photo-backbone.json'}, exit: always}
YAML
  for set in photos photo-crops ../drawn-january ../drawn-native; do
    ./cascade4j eval "$dir/$set" "$dir/domain.yaml" --out "$dir/eval-$(basename "$set")" \
      --cache "$dir/$(basename "$set").json" --log-level warn > /dev/null
  done
  echo "held out $((i + 1)) of $count: $(sed -n "$((i + 1))p" "$work/sources.txt")" >&2
done

python3 - "$work" <<'PY'
import json, os, sys
work = sys.argv[1]
sources = open(os.path.join(work, "sources.txt")).read().split()
def scores(i, name):
    return [p[0] for p in json.load(open(os.path.join(work, f"s{i}", f"{name}.json")))["probabilities"]]
print("P(photograph) from a head that never saw the photo's source; share of each set below the threshold")
print(f"{'threshold':>10s} {'photos (unseen source)':>24s} {'their 224 crops':>18s} {'drawn January':>15s} "
      f"{'drawn native':>14s}")
for t in (0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005):
    cells = []
    for name in ("photos", "photo-crops", "drawn-january", "drawn-native"):
        below = [sum(p < t for p in scores(i, name)) for i in range(len(sources))]
        total = [len(scores(i, name)) for i in range(len(sources))]
        cells.append(f"{sum(below)}/{sum(total)} ({sum(below) / sum(total):.3f})")
    print(f"{t:>10g} {cells[0]:>24s} {cells[1]:>18s} {cells[2]:>15s} {cells[3]:>14s}")
print("\nper held-out source: photos below 0.5 / 0.05 / 0.02 (and their 224 crops)")
for i, s in enumerate(sources):
    p, c = scores(i, "photos"), scores(i, "photo-crops")
    cut = lambda xs, t: sum(x < t for x in xs)
    print(f"  {s:55s} {len(p):3d} photos: {cut(p, .5)} / {cut(p, .05)} / {cut(p, .02)}   "
          f"{len(c):3d} crops: {cut(c, .5)} / {cut(c, .05)} / {cut(c, .02)}")
PY
