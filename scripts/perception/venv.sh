#!/usr/bin/env bash
# Prints the python of the converter's venv (target/perception-venv, from requirements.txt), making it first when it
# is missing or incomplete. Exits 3 when python3 with venv is missing or pip cannot install the requirements.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="$root/target/perception-venv"
if ! "$venv/bin/python" -c "import torch, onnx, numpy, PIL" 2>/dev/null; then
  rm -rf "$venv"
  if ! python3 -m venv "$venv" >&2 || ! "$venv/bin/pip" install -q --retries 0 --timeout 10 \
      -r "$root/scripts/perception/requirements.txt" >&2; then
    echo "photo backbone: could not install scripts/perception/requirements.txt with python3 -m venv and pip" >&2
    exit 3
  fi
fi
echo "$venv/bin/python"
