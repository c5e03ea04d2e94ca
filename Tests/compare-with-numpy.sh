#!/usr/bin/env bash
# Times the course against numpy on the same data in one run, and prints the ratios:
#   csv-read: NumericCSV.read (what `chapter-11-2 --data` uses) against numpy.loadtxt, 10⁶ rows of 17 significant
#   digits, the largest file the chapter accepts; medians of 5 runs each, the file in the page cache for both.
# Usage: Tests/compare-with-numpy.sh WORK_DIR   (numpy is installed into WORK_DIR/venv; the data file goes there too)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${1:?usage: Tests/compare-with-numpy.sh WORK_DIR}
mkdir -p "$work"
work=$(cd "$work" && pwd)
if [ ! -x "$work/venv/bin/python" ] || ! "$work/venv/bin/python" -c 'import numpy' 2>/dev/null; then
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install --quiet numpy
fi
python="$work/venv/bin/python"
csv="$work/rows-1e6.csv"
"$python" - "$csv" <<'PY'
import sys
import numpy as np
rng = np.random.default_rng(7)
x = rng.uniform(0, 5, 1_000_000)
y = 2 * np.sin(x) + x + rng.normal(0, 0.5, x.size)
np.savetxt(sys.argv[1], np.column_stack([x, y]), fmt="%.17g", delimiter=",", header="x,y", comments="")
PY
(cd "$repo" && swift build -c release --product benchmarks >/dev/null)
ours=$(BENCHMARK_CSV_FILE="$csv" "$repo/.build/release/benchmarks" --json csv-read \
    | "$python" -c 'import json, sys; print(json.loads(sys.stdin.readline())["seconds"])')
theirs=$("$python" - "$csv" <<'PY'
import statistics, sys, time
import numpy as np
times = []
for _ in range(5):
    start = time.perf_counter()
    np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)
    times.append(time.perf_counter() - start)
print(statistics.median(times))
PY
)
numpy_version=$("$python" -c 'import numpy; print(numpy.__version__)')
echo "date: $(date -u +%Y-%m-%d), machine: $(nproc) cores, $(uname -m), Swift $(swift --version 2>/dev/null | grep -oE 'version [0-9.]+' | head -n 1 | cut -d' ' -f2), numpy $numpy_version"
"$python" -c "
ours, theirs = $ours, $theirs
print(f'csv-read   10^6 rows   course {ours:.3f} s   numpy.loadtxt {theirs:.3f} s   course is {theirs / ours:.2f}x numpy')"
