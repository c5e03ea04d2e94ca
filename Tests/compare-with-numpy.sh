#!/usr/bin/env bash
# Times the course's Nadaraya–Watson paths and its CSV reader against numpy (and jax, when it installs) on problems of
# the same size and kind, back to back in one run, and prints the ratios (medians of several runs each):
#   csv-read              NumericCSV.read (what `chapter-11-2 --data` uses) vs numpy.loadtxt, the same file of 10⁶ rows
#                         of 17 significant digits, the largest the chapter accepts;
#   dense-gaussian        the dense engine vs the book's formula in numpy (softmax of −(q − k)²/2σ² row by row,
#                         times the values) and in jax.jit, 4096 keys × 4096 queries;
#   windowed-epanechikov  the course's windowed sums vs numpy's sort + cumsum + searchsorted, 10⁶ keys × 10⁵ queries;
#   fast-gaussian         the course's fast Gauss transform (relative error ≤ 1e-10) vs FFT binning in numpy (KDEpy's
#                         method: linear binning on 2¹⁶ points, one FFT convolution, interpolation), 10⁶ × 10⁵, with
#                         the binning's own error measured against the exact sums on 200 queries.
# With --native, dense-gaussian is also timed in the README's opt-in builds (AVX2 with fused multiply-adds, and
# AVX-512 when the CPU has it), each built into WORK_DIR/build-NAME, as extra rows.
# Usage: Tests/compare-with-numpy.sh WORK_DIR [--native]
#        (numpy and jax are installed into WORK_DIR/venv; the CSV goes there)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${1:?usage: Tests/compare-with-numpy.sh WORK_DIR [--native]}
native=${2:-}
if [ -n "$native" ] && [ "$native" != --native ]; then
    echo "compare-with-numpy.sh: unknown option $native (usage: Tests/compare-with-numpy.sh WORK_DIR [--native])" >&2
    exit 2
fi
mkdir -p "$work"
work=$(cd "$work" && pwd)
python="$work/venv/bin/python"
if [ ! -x "$python" ] || ! "$python" -c 'import numpy' 2>/dev/null; then
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install --quiet numpy
fi
"$python" -c 'import jax' 2>/dev/null || "$work/venv/bin/pip" install --quiet jax 2>/dev/null \
    || echo "(jax did not install: its column stays empty)"
# The CSV (the same numbers every time: seed 7) is written once and kept; `sync` so that its write-back does not
# run during the timings.
csv="$work/rows-1e6.csv"
if [ ! -s "$csv" ]; then
    "$python" - "$csv.part" <<'PY'
import sys
import numpy as np
rng = np.random.default_rng(7)
x = rng.uniform(0, 5, 1_000_000)
y = 2 * np.sin(x) + x + rng.normal(0, 0.5, x.size)
np.savetxt(sys.argv[1], np.column_stack([x, y]), fmt="%.17g", delimiter=",", header="x,y", comments="")
PY
    mv "$csv.part" "$csv"
    sync
fi
(cd "$repo" && swift build -c release --product benchmarks >/dev/null)
# One process per case, so that no case runs in the heap another left behind (the 10⁶-row read's, say).
: > "$work/course.jsonl"
for case in csv-read dense-gaussian windowed-epanechikov fast-gaussian; do
    BENCHMARK_CSV_FILE="$csv" "$repo/.build/release/benchmarks" --json "$case" >> "$work/course.jsonl"
done
# The opt-in builds (the README's recipes), dense-gaussian only; each line of native.jsonl carries its build's name.
: > "$work/native.jsonl"
if [ "$native" = --native ] && [ "$(uname -m)" = x86_64 ]; then
    avx2=(-Xswiftc -Xcc -Xswiftc -mavx2 -Xswiftc -Xcc -Xswiftc -mfma -Xswiftc -DBENCHMARKS_AVX2)
    avx512=(-Xswiftc -Xcc -Xswiftc -mavx512f -Xswiftc -Xcc -Xswiftc -mavx512dq "${avx2[@]}" -Xswiftc -DBENCHMARKS_AVX512)
    builds=(avx2)
    grep -qw avx512f /proc/cpuinfo && builds+=(avx512)
    for name in "${builds[@]}"; do
        flags="$name[@]"
        (cd "$repo" && swift build -c release --product benchmarks --scratch-path "$work/build-$name" "${!flags}" >/dev/null)
        "$work/build-$name/release/benchmarks" --json dense-gaussian >> "$work/native.jsonl"
    done
fi
"$python" - "$csv" "$work/course.jsonl" "$work/native.jsonl" <<'PY'
import json, statistics, sys, time
import numpy as np

def median_time(work, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)

rng = np.random.default_rng(1)
def sample(n):
    x = rng.uniform(0, 5, n)
    return x, 2 * np.sin(x) + x + rng.normal(0, 0.5, n)

course = {json.loads(line)["case"]: json.loads(line) for line in open(sys.argv[2])}
rows = []

# csv-read: the very same file.
numpy_csv = median_time(lambda: np.loadtxt(sys.argv[1], delimiter=",", skiprows=1), 5)
rows.append(("csv-read, 10^6 rows", course["csv-read"]["seconds"], numpy_csv, None))

# dense-gaussian: the book's formula, 4096 x 4096, the width the course's case uses.
keys, values = sample(4096)
queries = rng.uniform(0, 5, 4096)
sigma = 0.2476
def book_numpy():
    logits = -((queries[:, None] - keys[None, :]) ** 2) / (2 * sigma * sigma)
    weights = np.exp(logits - logits.max(axis=1, keepdims=True))
    weights /= weights.sum(axis=1, keepdims=True)
    return weights @ values
numpy_dense = median_time(book_numpy, 7)
jax_dense = None
try:
    import jax, jax.numpy as jnp
    jax.config.update("jax_enable_x64", True)
    @jax.jit
    def book_jax(q, k, v):
        logits = -((q[:, None] - k[None, :]) ** 2) / (2 * sigma * sigma)
        return jax.nn.softmax(logits, axis=1) @ v
    q, k, v = jnp.asarray(queries), jnp.asarray(keys), jnp.asarray(values)
    book_jax(q, k, v).block_until_ready()
    jax_dense = median_time(lambda: book_jax(q, k, v).block_until_ready(), 7)
except Exception as error:
    print(f"(jax: {type(error).__name__}: {error})")
rows.append(("dense-gaussian, 4096 x 4096", course["dense-gaussian"]["seconds"], numpy_dense, jax_dense))
for line in open(sys.argv[3]):
    build = json.loads(line)
    label = "AVX-512" if "AVX-512" in build["build"].split(";")[0] else "AVX2+FMA"
    rows.append((f"  the same, {label} build", build["seconds"], numpy_dense, jax_dense))

# windowed-epanechikov: the triangle 1 - |q - k|/sigma on [q - sigma, q + sigma], by prefix sums over sorted keys.
keys, values = sample(1_000_000)
queries = rng.uniform(0, 5, 100_000)
sigma = 0.0820
def windowed_numpy():
    order = np.argsort(keys)
    k, v = keys[order], values[order]
    def prefix(a):
        return np.concatenate([[0.0], np.cumsum(a)])
    ones, sk, sv, skv = prefix(np.ones_like(k)), prefix(k), prefix(v), prefix(k * v)
    lo = np.searchsorted(k, queries - sigma, "left")
    mid = np.searchsorted(k, queries, "right")
    hi = np.searchsorted(k, queries + sigma, "right")
    def between(p, a, b):
        return p[b] - p[a]
    weight = ((sigma - queries) * between(ones, lo, mid) + between(sk, lo, mid)
              + (sigma + queries) * between(ones, mid, hi) - between(sk, mid, hi))
    pooled = ((sigma - queries) * between(sv, lo, mid) + between(skv, lo, mid)
              + (sigma + queries) * between(sv, mid, hi) - between(skv, mid, hi))
    return pooled / weight
numpy_windowed = median_time(windowed_numpy, 5)
rows.append(("windowed-epanechikov, 10^6 x 10^5", course["windowed-epanechikov"]["seconds"], numpy_windowed, None))

# fast-gaussian: FFT binning of the sums of K and K·v at Silverman's width, 10^6 keys x 10^5 queries.
sigma = 0.0819
grid_size = 1 << 16
def fft_binning():
    low, high = min(keys.min(), queries.min()) - 8 * sigma, max(keys.max(), queries.max()) + 8 * sigma
    step = (high - low) / (grid_size - 1)
    position = (keys - low) / step
    left = np.floor(position).astype(np.int64)
    right_share = position - left
    def binned(weights):
        return (np.bincount(left, weights * (1 - right_share), grid_size + 1)
                + np.bincount(left + 1, weights * right_share, grid_size + 1))[:grid_size]
    reach = int(np.ceil(8 * sigma / step))
    offsets = np.arange(-reach, reach + 1) * step
    kernel = np.exp(-offsets ** 2 / (2 * sigma * sigma))
    size = 1 << int(np.ceil(np.log2(grid_size + kernel.size)))
    kernel_spectrum = np.fft.rfft(kernel, size)
    def smoothed(weights):
        return np.fft.irfft(np.fft.rfft(binned(weights), size) * kernel_spectrum, size)[reach:reach + grid_size]
    total, pooled = smoothed(np.ones_like(keys)), smoothed(values)
    at = (queries - low) / step
    return np.interp(at, np.arange(grid_size), pooled) / np.interp(at, np.arange(grid_size), total)
numpy_fft = median_time(fft_binning, 5)
approximate = fft_binning()
sample_queries = queries[:200]
exact = np.array([np.sum(np.exp(-(q - keys) ** 2 / (2 * sigma * sigma)) * values)
                  / np.sum(np.exp(-(q - keys) ** 2 / (2 * sigma * sigma))) for q in sample_queries])
fft_error = np.max(np.abs(approximate[:200] - exact) / np.max(np.abs(values)))
rows.append((f"fast-gaussian, 10^6 x 10^5 (FFT err {fft_error:.0e})", course["fast-gaussian"]["seconds"], numpy_fft, None))

print(f"numpy {np.__version__}" + (f", jax {jax.__version__}" if jax_dense is not None else ""))
def versus(ours, theirs):
    return f"{theirs / ours:5.2f}x faster" if theirs >= ours else f"{ours / theirs:5.2f}x slower"
print(f"{'case':46} {'course s':>9} {'numpy s':>9} {'jax s':>9}  course vs numpy  course vs jax")
for name, ours, theirs, jax_seconds in rows:
    jax_text = f"{jax_seconds:9.4f}" if jax_seconds is not None else f"{'-':>9}"
    versus_jax = versus(ours, jax_seconds) if jax_seconds is not None else ""
    print(f"{name:46} {ours:9.4f} {theirs:9.4f} {jax_text}  {versus(ours, theirs):15}  {versus_jax}")
PY
echo "date: $(date -u +%Y-%m-%d), machine: $(nproc) cores, $(uname -m), $(swift --version 2>/dev/null | head -n 1)"
echo "(the course's figures come from its release build's benchmarks; medians of 5 to 7 runs each)"
