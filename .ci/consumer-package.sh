#!/usr/bin/env bash
# A package outside this repository depends on AttentionPooling twice over — by path, and by version through a local
# tag — builds, and runs a call to the estimator. SwiftPM refuses a dependency by version whose targets carry unsafe
# flags, so this is the check that the library product is usable as a dependency.
# Usage: .ci/consumer-package.sh [WORK_FOLDER [KINDS]]   (default: a new temporary folder, "path version")
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$(mktemp -d)}
kinds=${2:-path version}
mkdir -p "$work"

# A tagged copy of the committed tree (a clone, so uncommitted work in the checkout does not matter).
rm -rf "$work/course"
git clone -q "$repo" "$work/course"
git -C "$work/course" tag 1.0.0

for kind in $kinds; do
    consumer="$work/consumer-$kind"
    rm -rf "$consumer"
    mkdir -p "$consumer/Sources/consumer"
    if [ "$kind" = path ]; then
        dependency=".package(path: \"$work/course\")"
    else
        dependency=".package(url: \"file://$work/course\", from: \"1.0.0\")"
    fi
    cat > "$consumer/Package.swift" <<SWIFT
// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "consumer",
    dependencies: [$dependency],
    targets: [
        .executableTarget(name: "consumer", dependencies: [.product(name: "AttentionPooling", package: "course")]),
    ]
)
SWIFT
    cat > "$consumer/Sources/consumer/main.swift" <<'SWIFT'
import AttentionPooling

let nw = try NadarayaWatson(kernel: .gaussian, width: .scalar(1))
let result = try nw.pool(queries: [0.0], keys: [-1.0, 0.0, 1.0], values: [0.0, 1.0, 2.0])
print("estimate", result.estimates[0] ?? .nan)
SWIFT
    output=$(cd "$consumer" && swift run -q consumer 2>&1) || { echo "$output" >&2; echo "consumer by $kind failed to build or run" >&2; exit 1; }
    echo "$output" | grep -q '^estimate 1.0$' || { echo "consumer by $kind printed: $output" >&2; exit 1; }
    echo "consumer package depending on the course by $kind: built and ran ($(echo "$output" | tail -n 1))"
done
