import AttentionPooling

/// What the page checks about one special case of attention pooling, computed from its weights and outputs rather
/// than assumed: the smallest weight, the range of the row sums, and how many outputs lie in the values' cone and
/// hull, equal one of the values, or equal their mean.
struct SpecialCaseCheck {
    let name: String
    let smallestWeight: Double
    let rowSums: ClosedRange<Double>
    let inCone: Int
    let inHull: Int
    let equalToAValue: Int
    let equalToTheMean: Int
    let queries: Int
}

/// The checks of every special case; `outputs[c][j]` is case c's output for query j.
func specialCaseChecks(cases: [(name: String, weights: [[Double]])], outputs: [[[Double]]], values: [[Double]])
    throws -> [SpecialCaseCheck]
{
    let points = values.map { PlanePoint(x: $0[0], y: $0[1]) }
    let hull = PlaneGeometry.convexHull(points)
    let mean = try AttentionWeights.pool(weights: try AttentionWeights.uniform(count: values.count), values: values)
    func close(_ a: [Double], _ b: [Double]) -> Bool { zip(a, b).allSatisfy { abs($0 - $1) <= 1e-12 } }
    return zip(cases, outputs).map { special, rows in
        let sums = special.weights.map { $0.reduce(0, +) }
        let outputPoints = rows.map { PlanePoint(x: $0[0], y: $0[1]) }
        return SpecialCaseCheck(
            name: special.name,
            smallestWeight: special.weights.joined().min() ?? 0,
            rowSums: (sums.min() ?? 0)...(sums.max() ?? 0),
            inCone: outputPoints.filter { PlaneGeometry.coneContains(generators: points, $0) }.count,
            inHull: outputPoints.filter { PlaneGeometry.hullContains(hull, $0) }.count,
            equalToAValue: rows.filter { row in values.contains { close(row, $0) } }.count,
            equalToTheMean: rows.filter { close($0, mean) }.count,
            queries: rows.count)
    }
}

/// Softmax of every row of `scores` at `temperature`.
/// - Throws: `ChapterError.undefinedRow` for a row whose scores are all −∞ (never the case for finite scores).
func softmaxRows(_ scores: [[Double]], temperature: Double) throws -> [[Double]] {
    try scores.enumerated().map { index, row in
        guard let weights = try Softmax.weights(row, temperature: temperature) else {
            throw ChapterError.undefinedRow(index)
        }
        return weights
    }
}

/// Why the chapter could not compute its examples. One line each.
enum ChapterError: Error, CustomStringConvertible {
    case undefinedRow(Int)

    var description: String {
        switch self {
        case .undefinedRow(let row): "row \(row) of the scores is all −∞, so its softmax weights are undefined"
        }
    }
}
