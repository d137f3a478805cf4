#!/usr/bin/env bash
# The generated scenes the default cascade trains on, made once into target/training-scenes (./cascade4j scenes): both
# kinds of SN72 traffic's shapes, so that the photo gate and the hazard rule see what validators send. 240 scenes at
# 640x480 (January's challenges are crops of such, made by train-head --augment) and 120 at each 2026 native size
# (1024x1024 synthetic images, 1920x1080 and 1280x720 camera frames). Prints the four folders, one per line.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/target/training-scenes"
seed=11
for shape in 640x480:240 1024x1024:120 1920x1080:120 1280x720:120; do
  size="${shape%%:*}"
  count="${shape##*:}"
  dir="$out/$size"
  if [[ ! -f "$dir/labels.csv" ]]; then
    (cd "$root" && ./cascade4j scenes --out "$dir.partial" --count "$count" --seed "$seed" --width "${size%x*}" \
      --height "${size#*x}" --log-level warn >&2)
    rm -rf "$dir" && mv "$dir.partial" "$dir"
  fi
  echo "$dir"
  seed=$((seed + 1))
done
