#!/usr/bin/env bash
# The hazard rule refitted on real photos together with generated scenes, measured by K-fold cross-validation on the
# real photos (train on K-1 folds plus the scenes, report the held-out fold), pooled and per source.
#
#   scripts/eval/hazard-rule-cv.sh [PHOTOS] [FOLDS]     (default ../shared/data/real-roads-2, 5)
#   SCENES=0 scripts/eval/hazard-rule-cv.sh              (the photos alone; default 600 generated scenes)
#
# Each fold: ./cascade4j fit-rule on the scenes and the training photos (examples/detection/hazards.yaml), then
# ./cascade4j eval of examples/default/real-photos.yaml with that rule on the held-out photos. Folds are stratified by
# label and source with a fixed seed. The confusion counts of the held-out folds are summed: accuracy and MCC over all
# photos, and per source. Needs python3 (standard library only). Work goes to target/hazard-cv.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
photos="$(cd "${1:-$root/../shared/data/real-roads-2}" && pwd)"
folds="${2:-5}"
work="$root/target/hazard-cv"
rm -rf "$work" && mkdir -p "$work"
cd "$root"
if [[ ! -f "$root/target/hazard-cv-scenes/labels.csv" ]]; then
  ./cascade4j scenes --out "$root/target/hazard-cv-scenes" --count 600 --seed 11 >&2
fi
scenes="$root/target/hazard-cv-scenes"

SCENES="${SCENES:-600}" python3 - "$photos" "$scenes" "$work" "$folds" <<'PY'
import csv, os, random, sys
photos, scenes, work, folds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
rows = list(csv.DictReader(open(os.path.join(photos, "labels.csv"))))
groups = {}
for r in rows:
    groups.setdefault((r["label"], r.get("source_repo", "")), []).append(r)
fold_of = {}
rng = random.Random(17)
offset = 0
for key in sorted(groups):
    members = sorted(groups[key], key=lambda r: r["file"])
    rng.shuffle(members)
    for i, r in enumerate(members):  # dealt round-robin, continuing across groups, so folds stay balanced
        fold_of[r["file"]] = (offset + i) % folds
    offset += len(members)
scene_rows = list(csv.DictReader(open(os.path.join(scenes, "labels.csv"))))
for k in range(folds):
    train, test = os.path.join(work, f"fold{k}", "train"), os.path.join(work, f"fold{k}", "test")
    os.makedirs(train), os.makedirs(test)
    with open(os.path.join(train, "labels.csv"), "w", newline="") as t, \
         open(os.path.join(test, "labels.csv"), "w", newline="") as h:
        tw, hw = csv.writer(t), csv.writer(h)
        tw.writerow(["file", "label", "source_repo"]), hw.writerow(["file", "label", "source_repo"])
        for r in scene_rows[:int(os.environ.get("SCENES", "600"))]:
            os.symlink(os.path.join(scenes, r["file"]), os.path.join(train, r["file"]))
            tw.writerow([r["file"], r["label"], "generated scenes"])
        for r in rows:
            held_out = fold_of[r["file"]] == k
            os.symlink(os.path.join(photos, r["file"]), os.path.join(test if held_out else train, r["file"]))
            (hw if held_out else tw).writerow([r["file"], r["label"], r.get("source_repo", "")])
PY

for ((k = 0; k < folds; k++)); do
  dir="$work/fold$k"
  ./cascade4j fit-rule --config examples/detection/hazards.yaml --stage hazards --images "$dir/train" \
    --out "$dir/hazards-rule.json" --log-level warn >&2
  sed "s#'\${CASCADE_DIR}/hazards-rule.json'#'$dir/hazards-rule.json'#" examples/default/real-photos.yaml \
    > "$dir/cascade.yaml"
  ./cascade4j eval "$dir/test" "$dir/cascade.yaml" --out "$dir/eval" --cache "$dir/table.json" \
    --log-level warn >&2
done

SCENES="${SCENES:-600}" python3 - "$work" "$folds" <<'PY'
import json, math, os, sys
work, folds = sys.argv[1], int(sys.argv[2])
def add(a, b):
    return {k: a.get(k, 0) + b[k] for k in ("tn", "fp", "fn", "tp")}
def line(name, c):
    n = sum(c.values())
    acc = (c["tp"] + c["tn"]) / n if n else float("nan")
    d = math.sqrt((c["tp"] + c["fp"]) * (c["tp"] + c["fn"]) * (c["tn"] + c["fp"]) * (c["tn"] + c["fn"]))
    mcc = (c["tp"] * c["tn"] - c["fp"] * c["fn"]) / d if d else 0.0
    both = (c["tp"] + c["fn"]) > 0 and (c["tn"] + c["fp"]) > 0
    return f"{name:58s} {n:4d} images  accuracy {acc:.3f}  MCC {mcc:+.3f}{'' if both else '  (one label only)'}"
pooled, by_source, per_fold = {}, {}, []
for k in range(folds):
    r = json.load(open(os.path.join(work, f"fold{k}", "eval", "report.json")))
    pooled = add(pooled, r["report"]["cascade"]["confusion"])
    per_fold.append(r["report"]["cascade"]["accuracy"])
    for source, s in r["sources"]["sources"].items():
        by_source[source] = add(by_source.get(source, {}), s["cascade"]["confusion"])
print(f"{folds}-fold cross-validation, hazard rule refitted on {os.environ.get('SCENES', '600')} generated scenes "
      f"+ the training photos; "
      f"cascade examples/default/real-photos.yaml (hazards, signs); held-out folds pooled:")
print(line("pooled", pooled))
print("per fold accuracy: " + ", ".join(f"{a:.3f}" for a in per_fold))
for source in sorted(by_source, key=lambda s: -sum(by_source[s].values())):
    print("  " + line(source, by_source[source]))
PY
