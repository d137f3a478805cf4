#!/usr/bin/env bash
# Could other features of the photo backbone, or more January crops in training, lift January traffic?
# (examples/default/README.md, "the photo backbone at other depths".) Embeds, with nsfwjs's InceptionV3 at mixed5,
# mixed6 and mixed7 (averaged and max-pooled), the cross-validation folds' photos, the training scenes, one and three
# January crops of each (MakeJanuary.java, seeds 3 and 31) and scripts/eval/second-opinion's January and native-size
# sets, then trains the photo gate's kind of head on each variant (compare.py) and prints photos (cross-validated),
# January (by level) and native-size accuracy.
#
#   scripts/eval/default-cascade-cv.sh && scripts/eval/second-opinion/run.sh && scripts/eval/photo-features/run.sh
#
# Needs npm, node and the photo backbone's Python (scripts/perception/venv.sh). Work: target/photo-features.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
here="$root/scripts/eval/photo-features"
work="$root/target/photo-features"
[[ -f "$root/target/combo/jan400/labels.csv" ]] || { echo "run scripts/eval/second-opinion/run.sh first" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work"
cd "$root"
python="$(scripts/perception/venv.sh)"
(cd "$work" && npm pack --silent nsfwjs@4.4.0 > /dev/null && tar -xzf nsfwjs-4.4.0.tgz)
sha256sum --quiet -c - <<<"585cd178f3b994337c4d10a87b080d342fc52f8b9bf0085c4d1f345a3a1c5382  $work/nsfwjs-4.4.0.tgz"
node scripts/perception/extract_tfjs.js "$work/package" "$work/tfjs" inception_v3
lib="$(ls -d "$root"/cascade-cli/target/cascade4j-*/lib)"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
pairs=()
for k in 0 1 2 3 4; do pairs+=("target/default-cv/fold$k/test" "$work/photos$k.npz"); done
for dir in $(scripts/train/scenes.sh); do
  size="$(basename "$dir")"
  count=$(($(wc -l < "$dir/labels.csv") - 1))
  "$java" -cp "$lib/*" scripts/eval/second-opinion/MakeJanuary.java "$dir" "$work/crops-$size" "$count" 3
  "$java" -cp "$lib/*" scripts/eval/second-opinion/MakeJanuary.java "$dir" "$work/crops3-$size" $((count * 3)) 31
  pairs+=("$dir" "$work/scenes-$size.npz" "$work/crops-$size" "$work/crops-$size.npz" "$work/crops3-$size"
    "$work/crops3-$size.npz")
done
pairs+=(target/combo/jan400 "$work/jan400.npz" target/combo/native300 "$work/native300.npz")
"$python" "$here/features.py" "$work/tfjs" "${pairs[@]}"
"$python" "$here/compare.py" "$work"
