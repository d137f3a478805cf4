#!/usr/bin/env bash
# How long a restart of the miner takes from the distribution: from starting bin/cascade4j miner serve (default
# cascade: photo gate, hazards, OCR when their models are installed) until /ready answers 200, against
# `java -version` of the same JVM, both measured in this run. Prints each run, the medians and their ratio.
#
#   scripts/deploy/measure-restart.sh [RUNS]        (builds the distribution first if needed: ./cascade4j --version)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-5}"
"$root/cascade4j" --version >/dev/null
dist="$(ls -d "$root"/cascade-cli/target/cascade4j-*/ | head -n 1)"
java_home="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cat > "$work/miner.yaml" <<YAML
cascade: ${dist}default/cascade.yaml
axons:
  - {hotkey: 5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV, host: 127.0.0.1, port: 18091, hotkey-seed-env: RESTART_SEED}
access: {require-validator-permit: false}
metrics: {host: 127.0.0.1, port: 19091}
drain: 1s
YAML
# The Substrate development phrase's mini-secret: public, for loopback only.
export RESTART_SEED=0xfac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e
export JAVA_HOME="$java_home"

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

miner_times=()
for ((i = 1; i <= runs; i++)); do
  start="$(now)"
  "${dist}bin/cascade4j" --log-level warn miner serve --config "$work/miner.yaml" >"$work/miner.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null http://127.0.0.1:19091/ready; do
    if ! kill -0 "$pid" 2>/dev/null; then cat "$work/miner.log" >&2; echo "the miner exited" >&2; exit 1; fi
    sleep 0.02
  done
  ready="$(now)"
  kill -TERM "$pid"
  wait "$pid" || true
  miner_times+=("$(echo "$ready - $start" | bc)")
  echo "miner run $i: ready after ${miner_times[-1]} s"
done

java_times=()
for ((i = 1; i <= runs; i++)); do
  start="$(now)"
  "$java_home/bin/java" -version >/dev/null 2>&1
  java_times+=("$(echo "$(now) - $start" | bc)")
done

miner_median="$(printf '%s\n' "${miner_times[@]}" | median)"
java_median="$(printf '%s\n' "${java_times[@]}" | median)"
printf 'miner start to /ready, median of %d: %.2f s\n' "$runs" "$miner_median"
printf 'java -version, median of %d:        %.3f s\n' "$runs" "$java_median"
printf 'ratio: %.1f\n' "$(echo "$miner_median / $java_median" | bc -l)"
