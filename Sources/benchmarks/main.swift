import CourseCLI
import Foundation

// `swift run -c release benchmarks [--json] [CASE…]`: every Nadaraya–Watson path timed against the
// straightforward reference, as a table (default) or one JSON object per line; naming cases runs only those.

/// The reference's leave-one-out loss time, measured once for both `loo-width` rows.
nonisolated(unsafe) var measuredReferenceLoss: Double?
func referenceLoss() throws -> Double {
    if let measuredReferenceLoss { return measuredReferenceLoss }
    let seconds = try Cases.referenceLeaveOneOutLoss()
    measuredReferenceLoss = seconds
    return seconds
}

let cases: [(name: String, run: () throws -> BenchmarkResult)] = [
    ("dense-gaussian", { try Cases.denseGaussian(runs: 7) }),
    ("windowed-epanechikov", { try Cases.windowedEpanechikov(runs: 7) }),
    ("fast-gaussian", { try Cases.fastGaussian(runs: 7) }),
    ("loo-width", { try Cases.leaveOneOutWidth(n: 1000, runs: 5, referenceLossSeconds: referenceLoss()) }),
    ("loo-width", { try Cases.leaveOneOutWidth(n: 10_000, runs: 3, referenceLossSeconds: referenceLoss()) }),
    ("csv-read", { try Cases.csvRead(runs: 5) }),
]
/// Cases that give several rows; run only when named.
let sweeps: [(name: String, run: () throws -> [BenchmarkResult])] = [
    ("size-sweep", { try Cases.sizeSweep(runs: 3) }),
]
let arguments = Array(CommandLine.arguments.dropFirst())
CommandLineTool.run(name: "benchmarks") {
    let usage = "Usage: benchmarks [--json] [CASE…]: time every Nadaraya–Watson path against the reference "
        + "(build with -c release); --json prints one JSON object per line; the cases are "
        + cases.map(\.name).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }.joined(separator: ", ")
        + "; and, only when named, size-sweep (n = m from 10³ to 10⁶, each size against 1 % more)"
    if arguments.contains("--help") || arguments.contains("-h") {
        print(usage)
        return
    }
    let json = arguments.contains("--json")
    let chosen = arguments.filter { $0 != "--json" }
    let names = (cases.map(\.name) + sweeps.map(\.name)).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    if let unknown = chosen.first(where: { name in !names.contains(name) }) {
        throw CLIError.invalidValue(option: "case", message: "\"\(unknown)\" is unknown: the cases are "
            + names.joined(separator: ", "))
    }
    let build = BuildDescription.current
    if !json {
        print("build: \(build)")
        print(Table.row(BenchmarkResult.headers))
    }
    for (name, run) in cases where chosen.isEmpty || chosen.contains(name) {
        let result = try run()
        print(json ? result.json(build: build) : Table.row(result.cells))
    }
    for (name, run) in sweeps where chosen.contains(name) {
        for result in try run() { print(json ? result.json(build: build) : Table.row(result.cells)) }
    }
}
