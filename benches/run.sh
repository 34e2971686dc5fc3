#!/usr/bin/env bash
# Measures ims against the targets in BENCHMARKS.md:
#   (a) one `ims gap` on the largest example, against process-start floors;
#   (b) the portfolio over 1,000 and 10,000 generated files;
#   (c) peak RSS over 10,000 files.
# Needs hyperfine and GNU time (Debian: apt-get install hyperfine time) and python3.
# Results go to bench-results/ (not committed); copy the figures into BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in hyperfine /usr/bin/time python3; do
    command -v "$tool" >/dev/null || { echo "benches/run.sh needs $tool" >&2; exit 2; }
done

out=bench-results
work=${BENCH_DIR:-/tmp/ims-bench}
mkdir -p "$out" "$work"
cargo build --release --locked
ims=target/release/ims

for n in 1000 10000; do
    if [ ! -d "$work/portfolio-$n" ]; then
        python3 benches/generate.py "$n" "$work/portfolio-$n"
    fi
done

echo "== (a) one gap against the process-start floor"
hyperfine -N --warmup 50 --runs 500 \
    --export-json "$out/single.json" \
    "$ims --version" \
    "$ims gap examples/msp-iso20000-to-iso27001.yaml" \
    "$ims gap examples/msp-iso20000-to-iso27001.yaml --format json" \
    "true"

echo "== (b) portfolio over 1,000 and 10,000 files"
hyperfine --warmup 1 --runs 10 \
    --export-json "$out/portfolio.json" \
    "$ims gap $work/portfolio-1000 --format csv > /dev/null" \
    "$ims gap $work/portfolio-10000 --format csv > /dev/null"

echo "== (c) peak memory"
for n in 1000 10000; do
    /usr/bin/time -v "$ims" gap "$work/portfolio-$n" --format csv > /dev/null 2> "$out/time-$n.txt"
    grep -E "Maximum resident set size|Elapsed \(wall clock\)" "$out/time-$n.txt" | sed "s/^/$n files: /"
done
/usr/bin/time -v "$ims" gap examples/msp-iso20000-to-iso27001.yaml > /dev/null 2> "$out/time-single.txt"
grep -E "Maximum resident set size" "$out/time-single.txt" | sed "s/^/one gap: /"

echo "== medians"
python3 - "$out" <<'PY'
import json, sys
for name in ("single", "portfolio"):
    with open(f"{sys.argv[1]}/{name}.json") as f:
        for r in json.load(f)["results"]:
            print(f"{r['median'] * 1000:10.1f} ms median  {r['command']}")
PY

echo "== machine"
nproc
grep -m1 "model name" /proc/cpuinfo || true
free -g | head -2
