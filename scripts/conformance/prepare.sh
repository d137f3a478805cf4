#!/usr/bin/env bash
# Makes target/conformance: real timm, transformers and YOLO-head architectures at random seeded weights, exported
# as users export them, with what their own pipelines compute on real photos (scripts/conformance/timm_exports.py,
# transformers_exports.py, yolo_exports.py), and what transformers' image processors compute on those photos
# (hf_processors.py). Needs python3 with venv and pip reaching the wheels in requirements.txt (a local wheel folder
# on the project's machines). Exits 3 when they are not there, so the caller can skip; the Java suite then skips, or
# fails under CI=true.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=target/conformance-venv
out=target/conformance
newest=$(ls -t scripts/conformance/*.py scripts/conformance/requirements.txt | head -1)
if [[ -f "$out/done" && "$out/done" -nt "$newest" ]]; then
  exit 0
fi
if ! python3 -m venv --help >/dev/null 2>&1; then
  echo "conformance: python3 with venv is not installed; the conformance suite will not run" >&2
  exit 3
fi
if [[ ! -x "$venv/bin/python" ]] || ! "$venv/bin/python" -c "import timm, onnx, transformers, onnxscript, cv2, onnxruntime" 2>/dev/null; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  if ! "$venv/bin/pip" install -q --retries 0 --timeout 10 -r scripts/conformance/requirements.txt; then
    echo "conformance: pip could not install scripts/conformance/requirements.txt; the suite will not run" >&2
    exit 3
  fi
fi
rm -rf "$out.tmp"
# Exporters warn about tracing on every model; the suite checks the results, so their warnings stay out of the log.
export PYTHONWARNINGS=ignore
"$venv/bin/python" scripts/conformance/timm_exports.py "$out.tmp"
"$venv/bin/python" scripts/conformance/transformers_exports.py "$out.tmp"
"$venv/bin/python" scripts/conformance/yolo_exports.py "$out.tmp"
"$venv/bin/python" scripts/conformance/hf_processors.py "$out.tmp"
touch "$out.tmp/done"
rm -rf "$out"
mv "$out.tmp" "$out"
