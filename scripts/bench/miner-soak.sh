#!/usr/bin/env bash
# Soak of the miner under 2026 traffic: N distinct native-size requests (1024x1024, 1920x1080, 1280x720 JPEG q75; no
# two byte-identical, so the answer cache never serves one) from two signed validators, C in flight at once, against
# the default cascade behind a real axon on loopback (the demo's miner and local validator in one JVM).
#
#   scripts/bench/miner-soak.sh [N=30000] [C=8]
#
# Prints the process's resident memory every 15 s and the validator's p50/p99 per 1,000 requests, then a verdict:
# resident memory and the live heap after young collections in the second quarter of the run (after warm-up) and in
# the last, and the p99 of the first and last windows. A leak shows as live heap growing from quarter to quarter.
# Not a unit test: 30,000 requests take about 20 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-30000}
c=${2:-8}
out=target/soak
mkdir -p "$out"
./cascade4j --version >/dev/null # builds the distribution once
# The JVM logs each collection: the heap left after a collection is the live data, the figure that shows a leak (the
# resident size also follows the collector's choice of heap size, which grows in steps).
JAVA_OPTS="${JAVA_OPTS:-} -Xlog:gc:file=$out/gc.log:uptime" ./cascade4j demo --challenges "$n" --concurrency "$c" --image-pool 64 --report "$out/report.json" \
  >"$out/validator.log" 2>"$out/miner.log" &
launcher=$!
pid=""
for _ in $(seq 1 100); do # the launcher execs java; find the JVM
  pid=$(pgrep -f "io.cascade4j.cli.CascadeCli demo" | head -1 || true)
  [[ -n "$pid" ]] && break
  sleep 0.2
done
[[ -n "$pid" ]] || { echo "the demo JVM did not start; see $out/miner.log" >&2; exit 1; }
start=$(date +%s)
: >"$out/rss.tsv"
while kill -0 "$pid" 2>/dev/null; do
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
  [[ -n "$rss" ]] && printf '%d\t%d\n' $(( $(date +%s) - start )) "$rss" | tee -a "$out/rss.tsv" \
    | awk '{printf "  %5d s  RSS %7.1f MiB\n", $1, $2 / 1024}'
  grep -h "challenges answered or missed" "$out/validator.log" | tail -1 || true
  sleep 15
done
wait "$launcher" || { echo "the demo failed; see $out/validator.log and $out/miner.log" >&2; exit 1; }
grep -v "^  [0-9]*/" "$out/validator.log" | tail -12
python3 - "$out/rss.tsv" "$out/validator.log" "$out/gc.log" <<'PY'
import re, statistics, sys
rss = [int(line.split()[1]) / 1024 for line in open(sys.argv[1]) if line.strip()]
q = max(1, len(rss) // 4)
second, last = statistics.median(rss[q:2 * q] or rss), statistics.median(rss[-q:])
windows = [float(m.group(2)) for m in re.finditer(r"last (\d+): p50 [\d.]+ ms, p99 ([\d.]+) ms", open(sys.argv[2]).read())]
print(f"memory: RSS median {second:.0f} MiB in the second quarter, {last:.0f} MiB in the last: growth {last / second - 1:+.1%}")
live = [(float(m.group(1)), int(m.group(2))) for m in
        re.finditer(r"\[([\d.]+)s\].*Pause Young.*?\d+M->(\d+)M\(", open(sys.argv[3]).read())]
if live:
    end = live[-1][0]
    quarter = lambda a, b: [mib for t, mib in live if a * end <= t < b * end] or [0]
    second_live, last_live = statistics.median(quarter(0.25, 0.5)), statistics.median(quarter(0.75, 1.01))
    print(f"live heap after young collections: median {second_live:.0f} MiB in the second quarter, {last_live:.0f} MiB"
          f" in the last ({len(live)} collections)")
if windows:
    print(f"p99 per window: first {windows[0]:.0f} ms, last {windows[-1]:.0f} ms, median {statistics.median(windows):.0f} ms,"
          f" max {max(windows):.0f} ms over {len(windows)} windows")
PY
