#!/usr/bin/env bash
# Installs the default cascade's photo backbone: the InceptionV3 that the npm package nsfwjs@4.4.0 bundles (weights
# MIT, from GantMan/nsfw_model, fine-tuned from Keras' ImageNet InceptionV3: see NOTICE), converted to ONNX by
# export_photo_backbone.py (photo-backbone.onnx: 768 mid-level features per image; nsfw-classifier.onnx: the whole
# model, for the parity test) into DIR (default: $CASCADE4J_PHOTO_BACKBONE_DIR, else ~/.cache/cascade4j/photo-backbone,
# where examples/default/cascade.yaml looks). Never committed. The package is checked against its SHA-256 below.
# Needs npm, node and python3 with venv (the converter's venv: venv.sh).
# Exits 0 when the files are in place, 3 when a tool or the package is missing (callers go on without the photo gate).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dir="${1:-${CASCADE4J_PHOTO_BACKBONE_DIR:-$HOME/.cache/cascade4j/photo-backbone}}"
package_sha256=585cd178f3b994337c4d10a87b080d342fc52f8b9bf0085c4d1f345a3a1c5382
# What made the files: the package and the converter's code. A change to either converts again.
stamp="nsfwjs-4.4.0 $package_sha256 $(cat "$root"/scripts/perception/{export_photo_backbone.py,keras_layers.py,extract_tfjs.js} \
  | sha256sum | cut -c1-16)"

if [[ -f "$dir/photo-backbone.onnx" && -f "$dir/nsfw-classifier.onnx" && "$(cat "$dir/made-from" 2>/dev/null)" == "$stamp" ]]; then
  exit 0
fi
for tool in npm node python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "photo backbone: $tool is not installed; the default cascade runs without its photo gate" >&2
    exit 3
  fi
done
python="$("$root/scripts/perception/venv.sh")" || exit 3
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if ! (cd "$work" && npm pack --silent nsfwjs@4.4.0 >/dev/null 2>&1); then
  echo "photo backbone: npm could not fetch nsfwjs@4.4.0; no photo gate" >&2
  exit 3
fi
if ! sha256sum --quiet -c - <<<"$package_sha256  $work/nsfwjs-4.4.0.tgz"; then
  echo "photo backbone: nsfwjs-4.4.0.tgz is not the expected file (checksum differs); not installed" >&2
  exit 1
fi
tar -xzf "$work/nsfwjs-4.4.0.tgz" -C "$work"
node "$root/scripts/perception/extract_tfjs.js" "$work/package" "$work/tfjs" inception_v3
"$python" "$root/scripts/perception/export_photo_backbone.py" "$work/tfjs" "$work/onnx" 2>"$work/export.log" || {
  cat "$work/export.log" >&2
  exit 1
}
mkdir -p "$dir"
for file in photo-backbone.onnx nsfw-classifier.onnx; do
  mv "$work/onnx/$file" "$dir/$file.partial" && mv "$dir/$file.partial" "$dir/$file"
done
echo "$stamp" > "$dir/made-from"
echo "photo backbone: installed in $dir" >&2
