#!/usr/bin/env bash
# Trains the default cascade's three learned files on labelled folders (labels.csv with a source column, as
# ../shared/data/real-roads-2 has; ./cascade4j scenes writes one too), merged into one training set:
#
#   scripts/train/default-cascade.sh OUT FOLDER...
#   scripts/train/default-cascade.sh examples/default $(scripts/train/scenes.sh) ../shared/data/real-roads \
#     ../shared/data/real-roads-2                                  (the committed files)
#
#   OUT/hazards-rule.json  ./cascade4j fit-rule: the hazard stage's logistic rule (examples/detection/hazards.yaml)
#   OUT/photo-gate/        ./cascade4j train-head: the photo gate's head on the photo backbone's features, on every
#                          image and one 224-crop copy of it as SN72's legacy challenges are made (--augment 1)
#   OUT/photo-domain/      ./cascade4j train-head --kind linear: on the same images and features, P(photograph), the
#                          photo gate's route (cascade.yaml): folders written by ./cascade4j scenes (they hold
#                          scenes.jsonl) are drawn scenes (0), every other folder photographs (1)
#
# HEAD_ARGS overrides the head's training options (default below), AUGMENT the number of 224 copies per image (1).
# Embeddings are cached in target/photo-embeddings.
# Needs the photo backbone (scripts/perception/install-photo-backbone.sh, run here) and python3 (standard library).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$1"
shift
head_args="${HEAD_ARGS:---epochs 200 --patience 30}"
augment="${AUGMENT:-1}"
backbone="${CASCADE4J_PHOTO_BACKBONE:-$HOME/.cache/cascade4j/photo-backbone/photo-backbone.onnx}"
"$root/scripts/perception/install-photo-backbone.sh" >&2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# One folder of links, so that every command sees every image; names are prefixed by their folder's number. The
# same links again under domain/, labelled photograph (1) or drawn scene (0) instead of roadwork.
python3 - "$work" "$@" <<'PY'
import csv, os, sys
work, folders = sys.argv[1], sys.argv[2:]
for kind in ("images", "domain"):
    target = os.path.join(work, kind)
    os.makedirs(target)
    with open(os.path.join(target, "labels.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["file", "label", "source"])
        for n, folder in enumerate(folders):
            folder = os.path.abspath(folder)
            drawn = os.path.isfile(os.path.join(folder, "scenes.jsonl"))
            for r in csv.DictReader(open(os.path.join(folder, "labels.csv"))):
                name = f"{n}-{r['file'].replace('/', '-')}"
                os.symlink(os.path.join(folder, r["file"]), os.path.join(target, name))
                label = r["label"] if kind == "images" else ("0" if drawn else "1")
                w.writerow([name, label, r.get("source") or r.get("source_repo") or os.path.basename(folder)])
PY
cd "$root"
mkdir -p "$out"
./cascade4j fit-rule --config examples/detection/hazards.yaml --stage hazards --images "$work/images" \
  --out "$out/hazards-rule.json" --log-level warn >&2
rm -rf "$out/photo-gate"
# shellcheck disable=SC2086 # HEAD_ARGS is a list of options
./cascade4j train-head --images "$work/images" --augment "$augment" --backbone "$backbone" \
  --preprocessing-from-timm examples/default/photo-backbone.json --cache "$root/target/photo-embeddings" \
  --out "$out/photo-gate" $head_args --log-level warn
rm -rf "$out/photo-domain"
./cascade4j train-head --images "$work/domain" --augment "$augment" --backbone "$backbone" \
  --preprocessing-from-timm examples/default/photo-backbone.json --cache "$root/target/photo-embeddings" \
  --out "$out/photo-domain" --kind linear --lr 1e-2 --epochs 200 --patience 30 --log-level warn
