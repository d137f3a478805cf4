#!/usr/bin/env bash
# Would the previous default's scene-trained pixel gate, as a second opinion beside the photo gate, lift January
# traffic without costing photographs? (examples/default/README.md, "A second opinion was tried too".)
#
#   scripts/eval/default-cascade-cv.sh          first: each fold's photo gate and hazard rule (target/default-cv)
#   scripts/eval/second-opinion/run.sh           then this
#
# Runs both gates and the hazards on every image (./cascade4j eval --cache) of three sets, every score out of sample:
# 400 January challenges (320x240 scenes, seed 5, through the local validator's augmentation, MakeJanuary.java),
# 300 native-size scenes (seeds 21-23, JPEG q75, MakeNative.java) and the cross-validation folds' held-out photos with
# each fold's own photo gate and rule; then combine.py prints each gate alone, the committed order, logistic
# stacking of both gates, and the in-sample upper bound of any function of the two scores.
# Needs the photo backbone (installed by ./cascade4j on first use) and python3 (standard library). Work: target/combo.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
here="$root/scripts/eval/second-opinion"
work="$root/target/combo"
cd "$root"
[[ -d target/default-cv/fold4/photo-gate ]] || { echo "run scripts/eval/default-cascade-cv.sh first" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work/gate"
for f in head.json head-0047.params; do git show "281bd9e^:examples/default/gate/$f" > "$work/gate/$f"; done
cp examples/default/photo-backbone.json examples/default/hazards-rule.json "$work/" && cp -r examples/default/photo-gate "$work/"
./cascade4j --version > /dev/null # builds the distribution if needed
lib="$(ls -d "$root"/cascade-cli/target/cascade4j-*/lib)"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"

both() { # $1 photo gate, $2 hazard rule
  cat <<YAML
cascade: both-gates
deadline: 60s
fallback: prior
stages:
  - {name: photo-gate, type: embedding-head, model: '~/.cache/cascade4j/photo-backbone/photo-backbone.onnx', head: '$1', preprocessing: {from-timm: '$work/photo-backbone.json'}, exit: never}
  - {name: gate, type: embedding-head, model: pixels, head: '$work/gate', preprocessing: {resize: letterbox, width: 64, height: 64, normalization: half}, exit: never}
  - {name: hazards, type: hazard, rule: {fitted: '$2'}, exit: always}
YAML
}

./cascade4j scenes --out "$work/scenes320" --count 400 --seed 5 --width 320 --height 240 --log-level warn
"$java" -cp "$lib/*" "$here/MakeJanuary.java" "$work/scenes320" "$work/jan400" 400 9
seed=21
for size in 1024x1024 1920x1080 1280x720; do
  ./cascade4j scenes --out "$work/n$size" --count 100 --seed "$seed" --width "${size%x*}" --height "${size#*x}" \
    --log-level warn
  seed=$((seed + 1))
done
"$java" -cp "$lib/*" "$here/MakeNative.java" "$work/native300" "$work/n1024x1024" "$work/n1920x1080" "$work/n1280x720"
both "$work/photo-gate" "$work/hazards-rule.json" > "$work/both.yaml"
./cascade4j eval "$work/jan400" "$work/both.yaml" --out "$work/eval-jan" --cache "$work/jan-cache.json" --log-level warn
./cascade4j eval "$work/native300" "$work/both.yaml" --out "$work/eval-native" --cache "$work/native-cache.json" \
  --log-level warn
for f in 0 1 2 3 4; do
  fold="$root/target/default-cv/fold$f"
  both "$fold/photo-gate" "$fold/hazards-rule.json" > "$work/both-fold$f.yaml"
  ./cascade4j eval "$fold/test" "$work/both-fold$f.yaml" --out "$work/eval-fold$f" --cache "$work/fold$f-cache.json" \
    --log-level warn
done
python3 "$here/combine.py" "$work"
