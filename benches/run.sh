#!/usr/bin/env bash
# Measures ims against the targets in BENCHMARKS.md:
#   (a) one `ims gap` on the largest example, against process-start floors;
#   (b) the portfolio over 1,000 and 10,000 generated files;
#   (c) peak RSS over 10,000 files;
#   (d) ims against benches/baseline.py, the plain PyYAML script, side by side:
#       one file, and CPU per file over the 1,000-file portfolio.
# Needs hyperfine and GNU time (Debian: apt-get install hyperfine time), python3
# and PyYAML with its C loader (apt-get install python3-yaml).
# IMS_BEFORE=path/to/an/older/ims adds that binary to (a) and (d) for comparison.
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

echo "== (a2) the same ratio, in 10 alternating rounds, so that drift on a shared machine hits both"
for round in $(seq 1 10); do
    hyperfine -N --warmup 5 --runs 60 --export-json "$out/round-$round.json" \
        "$ims --version" "$ims gap examples/msp-iso20000-to-iso27001.yaml" > /dev/null
done

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

echo "== (d) against the Python baseline"
python3 -c "import yaml; yaml.CSafeLoader" || { echo "(d) needs PyYAML with libyaml" >&2; exit 2; }
before=()
if [ -n "${IMS_BEFORE:-}" ]; then
    before=("$IMS_BEFORE gap examples/msp-iso20000-to-iso27001.yaml")
fi
hyperfine -N --warmup 5 --runs 40 \
    --export-json "$out/single-python.json" \
    "$ims --version" \
    "$ims gap examples/msp-iso20000-to-iso27001.yaml" \
    "${before[@]}" \
    "python3 benches/baseline.py examples/msp-iso20000-to-iso27001.yaml"
before=()
if [ -n "${IMS_BEFORE:-}" ]; then
    before=("$IMS_BEFORE gap $work/portfolio-1000 --format csv > /dev/null")
fi
hyperfine --warmup 1 --runs 10 \
    --export-json "$out/portfolio-python.json" \
    "$ims gap $work/portfolio-1000 --format csv > /dev/null" \
    "${before[@]}" \
    "python3 benches/baseline.py $work/portfolio-1000 > /dev/null"

echo "== medians"
python3 - "$out" <<'PY'
import json, sys
for name in ("single", "portfolio", "single-python", "portfolio-python"):
    with open(f"{sys.argv[1]}/{name}.json") as f:
        for r in json.load(f)["results"]:
            print(f"{r['median'] * 1000:10.1f} ms median  {r['command']}")
import glob, statistics
ratios = []
for path in sorted(glob.glob(f"{sys.argv[1]}/round-*.json")):
    with open(path) as f:
        version, gap = json.load(f)["results"]
    ratios.append(gap["median"] / version["median"])
print(f"one gap / --version, median of {len(ratios)} rounds: {statistics.median(ratios):.2f}x "
      f"(rounds: {', '.join(f'{r:.2f}' for r in sorted(ratios))})")
print("== CPU (user + system, mean) per file over 1,000 files")
with open(f"{sys.argv[1]}/portfolio-python.json") as f:
    for r in json.load(f)["results"]:
        cpu = (r["user"] + r["system"]) * 1000 / 1000
        print(f"{cpu:10.2f} ms CPU per file  {r['command']}")
PY

echo "== machine"
nproc
grep -m1 "model name" /proc/cpuinfo || true
free -g | head -2
