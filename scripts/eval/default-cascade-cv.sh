#!/usr/bin/env bash
# The default cascade trained as examples/default/README.md trains it, measured by K-fold cross-validation on real
# photos: each fold trains on K-1 folds of the photos plus generated scenes and reports the held-out fold, pooled and
# per source.
#
#   scripts/eval/default-cascade-cv.sh [FOLDS] [PHOTOS...]
#       (default 5 folds of ../shared/data/real-roads and ../shared/data/real-roads-2 together: 196 photos)
#   SCENES=0 scripts/eval/default-cascade-cv.sh              (the photos alone; default the 600 generated scenes
#                                                             of scripts/train/scenes.sh)
#   HEAD_ARGS="--kind linear" scripts/eval/default-cascade-cv.sh   (other photo-gate training options)
#   CALIBRATE=1 EXITS=keep scripts/eval/default-cascade-cv.sh
#                                                            (also calibrate each fold's cascade on its training
#                                                             photos, ./cascade4j calibrate --exits EXITS, default
#                                                             fit, and report the calibrated one on the held-out
#                                                             fold beside the uncalibrated one)
#
# Each fold: scripts/train/default-cascade.sh on the scenes and the training photos (the hazard rule, the photo
# gate and its route, as the committed ones are made), then ./cascade4j eval of examples/default/cascade.yaml with
# that rule, gate and route on the held-out photos. With CALIBRATE=1, also ./cascade4j calibrate --folds 5 --alpha ${ALPHA:-0.1} of
# that cascade without its VLM judge (--exits ${EXITS:-fit}) (calibration needs every stage to run; no judge here) on the fold's training
# photos, then eval of the calibrated file on the held-out ones: calibration measured out of sample like the rest
# (the gate saw those training photos, so its Platt fit there is on in-sample scores: the held-out fold shows what
# that costs). Folds are
# stratified by label and source with a fixed seed. The confusion counts of the held-out folds are summed: accuracy
# and MCC over all photos, and per source. Needs python3 (standard library only) and the photo backbone
# (scripts/perception/install-photo-backbone.sh). Work goes to target/default-cv.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
folds="${1:-5}"
shift || true
photos=("$@")
if [[ ${#photos[@]} -eq 0 ]]; then
  photos=("$root/../shared/data/real-roads" "$root/../shared/data/real-roads-2")
fi
work="$root/target/default-cv"
rm -rf "$work" && mkdir -p "$work"
cd "$root"
mapfile -t scenes < <(scripts/train/scenes.sh)

python3 - "$work" "$folds" "${photos[@]}" <<'PY'
import csv, os, random, sys
work, folds = sys.argv[1], int(sys.argv[2])
rows = []
for folder in sys.argv[3:]:
    folder = os.path.abspath(folder)
    for r in csv.DictReader(open(os.path.join(folder, "labels.csv"))):
        r["path"] = os.path.join(folder, r["file"])
        rows.append(r)
if len({r["file"] for r in rows}) != len(rows):
    sys.exit("photo folders share file names; give each photo a distinct name")
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
for k in range(folds):
    train, test = os.path.join(work, f"fold{k}", "train"), os.path.join(work, f"fold{k}", "test")
    os.makedirs(train), os.makedirs(test)
    with open(os.path.join(train, "labels.csv"), "w", newline="") as t, \
         open(os.path.join(test, "labels.csv"), "w", newline="") as h:
        tw, hw = csv.writer(t), csv.writer(h)
        tw.writerow(["file", "label", "source_repo"]), hw.writerow(["file", "label", "source_repo"])
        for r in rows:
            held_out = fold_of[r["file"]] == k
            os.symlink(r["path"], os.path.join(test if held_out else train, r["file"]))
            (hw if held_out else tw).writerow([r["file"], r["label"], r.get("source_repo", "")])
PY

for ((k = 0; k < folds; k++)); do
  dir="$work/fold$k"
  training=("$dir/train")
  if [[ "${SCENES:-600}" != 0 ]]; then
    training+=("${scenes[@]}")
  fi
  scripts/train/default-cascade.sh "$dir" "${training[@]}" >/dev/null
  # The default cascade file beside this fold's rule, gate and route: ${CASCADE_DIR} then names them. The scene gate
  # was trained on generated scenes only, so it is the committed one.
  cp examples/default/cascade.yaml examples/default/photo-backbone.json "$dir/"
  cp -r examples/default/scene-gate "$dir/"
  ./cascade4j eval "$dir/test" "$dir/cascade.yaml" --out "$dir/eval" --cache "$dir/table.json" \
    --log-level warn >&2
  if [[ "${CALIBRATE:-0}" == 1 ]]; then
    # The same cascade without the judge stage (its comment lines and its entry, up to the next stage or the end).
    python3 - "$dir/cascade.yaml" "$dir/no-judge.yaml" <<'PY'
import sys
lines = open(sys.argv[1]).read().split("\n")
start = lines.index("  - name: judge")
end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("  - name:")), len(lines))
while start > 0 and lines[start - 1].startswith("  #"):
    start -= 1
open(sys.argv[2], "w").write("\n".join(lines[:start] + lines[end:]).rstrip("\n") + "\n")
PY
    ./cascade4j calibrate "$dir/train" "$dir/no-judge.yaml" "$dir/calibrated.yaml" --folds 5 \
      --alpha "${ALPHA:-0.1}" --exits "${EXITS:-fit}" --work "$dir/calibration" --log-level warn >&2
    ./cascade4j eval "$dir/test" "$dir/calibrated.yaml" --out "$dir/eval-calibrated" \
      --cache "$dir/table-calibrated.json" --log-level warn >&2
  fi
done

SCENES="${SCENES:-600}" CALIBRATE="${CALIBRATE:-0}" EXITS="${EXITS:-fit}" python3 - "$work" "$folds" <<'PY'
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
def summary(title, report_dir):
    pooled, by_source, per_fold = {}, {}, []
    for k in range(folds):
        r = json.load(open(os.path.join(work, f"fold{k}", report_dir, "report.json")))
        pooled = add(pooled, r["report"]["cascade"]["confusion"])
        per_fold.append(r["report"]["cascade"]["accuracy"])
        for source, s in r["sources"]["sources"].items():
            by_source[source] = add(by_source.get(source, {}), s["cascade"]["confusion"])
    print(f"{folds}-fold cross-validation: hazard rule and photo gate trained on {os.environ.get('SCENES', '600')} "
          f"generated scenes + the training photos; {title}; held-out folds pooled:")
    print(line("pooled", pooled))
    print("per fold accuracy: " + ", ".join(f"{a:.3f}" for a in per_fold))
    for source in sorted(by_source, key=lambda s: -sum(by_source[s].values())):
        print("  " + line(source, by_source[source]))
summary("examples/default/cascade.yaml", "eval")
if os.environ["CALIBRATE"] == "1":
    print()
    summary("that cascade without its judge, calibrated on the fold's training photos (--exits "
            + os.environ.get("EXITS", "fit") + ")", "eval-calibrated")
PY
