#!/usr/bin/env bash
# The photo backbone's parity reference (run by ./cascade4j test): installs the backbone (install-photo-backbone.sh),
# makes 299x299 PNGs of the committed sample images, and runs nsfwjs itself on them (node/reference.js, pinned by
# node/package-lock.json) into target/perception/reference.json, which PhotoBackboneParityTest compares the ONNX
# exports with. About two minutes (TensorFlow.js's pure-JS backend); skipped when nothing it depends on changed.
# Exits 3 when npm, node or python3 is missing (the test then skips, and fails under CI=true).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/target/perception"
models="${CASCADE4J_PHOTO_BACKBONE_DIR:-$HOME/.cache/cascade4j/photo-backbone}"
status=0
"$root/scripts/perception/install-photo-backbone.sh" "$models" || status=$?
if [[ $status -ne 0 ]]; then
  exit "$status"
fi
samples=(img_003 img_012 img_022)
stamp="$(cat "$models/made-from" "$root"/scripts/perception/{prepare-reference.sh,node/reference.js,node/package-lock.json} \
  | sha256sum | cut -c1-16)"
if [[ -f "$out/reference.json" && "$(cat "$out/made-from" 2>/dev/null)" == "$stamp" ]]; then
  exit 0
fi
node_dir="$root/scripts/perception/node"
if [[ ! -d "$node_dir/node_modules/nsfwjs" ]]; then
  (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error) || exit 3
fi
python="$("$root/scripts/perception/venv.sh")" || exit 3
rm -rf "$out" && mkdir -p "$out"
"$python" - "$root/examples/src/main/resources/sample-images" "$out" "${samples[@]}" <<'PY'
import sys
from PIL import Image
source, out, names = sys.argv[1], sys.argv[2], sys.argv[3:]
for name in names:
    Image.open(f"{source}/{name}.jpg").convert("RGB").resize((299, 299), Image.BILINEAR).save(f"{out}/{name}.png")
PY
pngs=()
for name in "${samples[@]}"; do pngs+=("$out/$name.png"); done
node "$node_dir/reference.js" "$out/reference.json.partial" "${pngs[@]}" 2>/dev/null
mv "$out/reference.json.partial" "$out/reference.json"
echo "$models" > "$out/models"
echo "$stamp" > "$out/made-from"
echo "photo backbone: nsfwjs reference written to $out" >&2
