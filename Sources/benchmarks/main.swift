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
    ("windowed-epanechikov", { try Cases.windowedEpanechikov(runs: 3) }),
    ("fast-gaussian", { try Cases.fastGaussian(runs: 3) }),
    ("loo-width", { try Cases.leaveOneOutWidth(n: 1000, runs: 5, referenceLossSeconds: referenceLoss()) }),
    ("loo-width", { try Cases.leaveOneOutWidth(n: 10_000, runs: 3, referenceLossSeconds: referenceLoss()) }),
]
let arguments = Array(CommandLine.arguments.dropFirst())
let json = arguments.contains("--json")
let chosen = arguments.filter { $0 != "--json" }
if let unknown = chosen.first(where: { name in !cases.contains { $0.name == name } }) {
    let names = cases.map(\.name).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    FileHandle.standardError.write(
        Data("benchmarks: no case '\(unknown)'; usage: benchmarks [--json] [\(names.joined(separator: "|"))…]\n".utf8))
    exit(2)
}

let build = BuildDescription.current

if !json {
    print("build: \(build)")
    print(Table.row(BenchmarkResult.headers))
}
do {
    for (name, run) in cases where chosen.isEmpty || chosen.contains(name) {
        let result = try run()
        print(json ? result.json(build: build) : Table.row(result.cells))
    }
} catch {
    FileHandle.standardError.write(Data("benchmarks: \(error)\n".utf8))
    exit(1)
}
