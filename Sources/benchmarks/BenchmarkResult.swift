import Foundation
/// One row of the benchmark: what ran, how long it took, how fast and how accurate it was.
struct BenchmarkResult {
    /// The case's name, e.g. "dense-gaussian".
    let name: String
    let keys: Int
    let queries: Int
    /// Median seconds over the runs, or nil when the path is not available in this build.
    let seconds: Double?
    /// Kernel evaluations per second, m·n / seconds (for the windowed and fast-Gauss paths the dense-equivalent
    /// rate), or nil where it means nothing (width selection).
    let evaluationsPerSecond: Double?
    /// How many times faster than `NadarayaWatson.pool`, the straightforward reference, on the same problem
    /// (timed on `referenceQueries` queries and scaled to all of them when the reference is too slow).
    let speedUp: Double?
    /// The queries the reference was timed on.
    let referenceQueries: Int?
    /// The largest |difference| from the dense evaluation over the sampled queries (for `dense-gaussian` itself,
    /// from the reference).
    let maxAbsDiffVsDense: Double?
    /// The queries that difference was measured on.
    let sampledQueries: Int?
    /// Anything else worth a word: the width, the runs, why a path is missing.
    let note: String

    /// A result for a path this build does not have yet.
    static func notAvailable(_ name: String, keys: Int, queries: Int, note: String) -> BenchmarkResult {
        BenchmarkResult(
            name: name, keys: keys, queries: queries, seconds: nil, evaluationsPerSecond: nil, speedUp: nil,
            referenceQueries: nil, maxAbsDiffVsDense: nil, sampledQueries: nil, note: "not available: " + note)
    }

    /// One line of JSON with fixed key order; absent numbers are null.
    func json(build: String) -> String {
        func number(_ value: Double?) -> String {
            guard let value, value.isFinite else { return "null" }
            return "\(value)"
        }
        func integer(_ value: Int?) -> String { value.map(String.init) ?? "null" }
        let fields = [
            ("case", quoted(name)), ("keys", "\(keys)"), ("queries", "\(queries)"), ("seconds", number(seconds)),
            ("evaluations_per_second", number(evaluationsPerSecond)), ("speed_up_vs_reference", number(speedUp)),
            ("reference_queries", integer(referenceQueries)), ("max_abs_diff_vs_dense", number(maxAbsDiffVsDense)),
            ("sampled_queries", integer(sampledQueries)), ("build", quoted(build)), ("note", quoted(note)),
        ]
        return "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }

    /// The table's cells, in the order of `BenchmarkResult.headers`.
    var cells: [String] {
        [
            name, "\(keys)", "\(queries)", seconds.map { fixed($0, digits: 4) } ?? "—",
            evaluationsPerSecond.map { fixed($0 / 1e9, digits: 3) + "e9" } ?? "—",
            speedUp.map { fixed($0, digits: 1) + "×" } ?? "—",
            maxAbsDiffVsDense.map(scientific) ?? "—", note,
        ]
    }

    static let headers = ["case", "keys", "queries", "median s", "evals/s", "speed-up", "max |diff|", "note"]
}

/// `value` with `digits` decimals (no Foundation formatting, so the output is the same everywhere).
func fixed(_ value: Double, digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var text = "\(rounded)"
    if text.contains("e") { return text }
    let decimals = text.split(separator: ".", omittingEmptySubsequences: false).last.map(\.count) ?? 0
    if !text.contains(".") { text += "." }
    return text + String(repeating: "0", count: max(0, digits - decimals))
}

/// `value` as d.dde±x, for differences spanning many orders of magnitude.
func scientific(_ value: Double) -> String {
    guard value != 0, value.isFinite else { return "\(value)" }
    var exponent = 0
    var mantissa = abs(value)
    while mantissa >= 10 { mantissa /= 10; exponent += 1 }
    while mantissa < 1 { mantissa *= 10; exponent -= 1 }
    return (value < 0 ? "-" : "") + fixed(mantissa, digits: 1) + "e\(exponent)"
}

/// A JSON string literal, escaped by Foundation's encoder (quotes, backslashes and every control character).
func quoted(_ text: String) -> String {
    (try? JSONEncoder().encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
}
