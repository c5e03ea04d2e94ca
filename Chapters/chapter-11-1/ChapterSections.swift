import AttentionPooling
import CourseSite
import Foundation

// The pieces of the page: each adds a figure with the CSV files behind it, or an HTML table, to the chapter page.

extension ChapterPage {
    /// The lookups of one query: a figure of the exact lookups and one of the others (a panel per rule), a CSV per
    /// figure (a row per panel, a column per key of D; empty where a key is missing or there are no weights) and a
    /// table of every key's distance and weights.
    mutating func addLookups(_ lookups: [(name: String, database: StringDatabase, rule: LookupRule)],
                             weights: [[Double]?], query: String, allKeys: [String]) throws {
        let allValues = StringDatabase.lecture.values
        let exact = lookups.indices.filter { lookups[$0].rule == .exact }
        let approximate = lookups.indices.filter { lookups[$0].rule != .exact }
        for (id, indices) in [("exact-lookups", exact), ("approximate-lookups", approximate)] {
            let rows: [[Double?]] = indices.enumerated().map { panel, index in
                [Double(panel + 1)] + allKeys.map { key in
                    lookups[index].database.keys.firstIndex(of: key).flatMap { weights[index]?[$0] }
                }
            }
            let isExact = id == "exact-lookups"
            try addFigure(
                lookupFigure(
                    id: id, title: isExact ? "Exact lookups of \"\(query)\"" : "Approximate lookups of \"\(query)\"",
                    names: indices.map { lookups[$0].name }, weights: indices.map { weights[$0] },
                    databases: indices.map { lookups[$0].database }, allKeys: allKeys, allValues: allValues,
                    width: isExact ? 640 : 960),
                snippet: "lookups",
                caption: isExact
                    ? "Exact lookups of \"\(query)\" as attention: one-hot weights on the matching key of D (left); "
                        + "in D′, without (Schulz, Lisa), no key matches, so there are no weights at all (right)."
                    : "Approximate lookups of \"\(query)\" in D′ as attention: the nearest key, the two nearest, and "
                        + "softmax of the scores at τ = 1.",
                data: [DataFile("\(id).csv", header: ["panel"] + allKeys, rows: rows)],
                note: isExact ? "The right panel is empty on purpose: an exact lookup of a missing key has no answer "
                    + "(empty cells in the data)." : nil)
        }
        let header = ["key", "value", "d(q, k)"] + lookups.map(\.name)
        let tableRows = allKeys.enumerated().map { position, key in
            [key, allValues[position], String(StringSimilarity.editDistance(query, key))]
                + zip(lookups, weights).map { lookup, row in
                    guard let index = lookup.database.keys.firstIndex(of: key) else { return "" }
                    return row.map { $0[index].rounded(places: 3) } ?? "—"
                }
        }
        addTable("lookup-weights", html: HTMLTable(
            caption: "The query \"\(query)\" against every key: edit distance, and the weight each rule gives "
                + "(blank: the key is not in D′; —: the exact lookup has no weights at all).",
            header: header, rows: tableRows, numericColumns: Set(2..<header.count)).html)
    }

    /// The temperature sweeps: a figure with a panel per query and one CSV per query (a row per τ, a column per key).
    mutating func addTemperatures(_ sweeps: [[[Double]?]], queries: [String], temperatures: [Double],
                                  database: StringDatabase, allKeys: [String]) throws {
        let files = zip(queries, sweeps).map { query, sweep in
            DataFile("temperatures-\(query).csv", header: ["tau"] + database.keys,
                     rows: zip(temperatures, sweep).map { tau, row in
                         [tau] + (row?.map(Optional.some) ?? Array(repeating: nil, count: database.keys.count))
                     })
        }
        try addFigure(
            temperatureFigure(sweeps: sweeps, queries: queries, temperatures: temperatures, database: database,
                              allKeys: allKeys, allValues: StringDatabase.lecture.values),
            snippet: "temperatures",
            caption: "Softmax weights over the keys of D′ for three queries, as the temperature τ grows from 0.03 "
                + "to 30. Keys at the same distance from the query have the same weight, so their curves coincide "
                + "(for \"Schulz\" four keys share the lower curve; for \"Schmidt\" Schneider and Schuler share the "
                + "upper one).", data: files)
    }

    /// The pooled one-hot values at τ = 1: a table of each query's distribution over the first names.
    mutating func addNameDistributions(_ distributions: [[Double]?], queries: [String], database: StringDatabase) {
        let names = database.distinctValues
        addTable("name-distributions", html: HTMLTable(
            caption: "Attention(q, D′) with the first names as one-hot vectors, softmax at τ = 1: a distribution "
                + "over the names.",
            header: ["query"] + names,
            rows: zip(queries, distributions).map { query, row in
                [query] + (row?.map { $0.rounded(places: 3) } ?? names.map { _ in "—" })
            },
            numericColumns: Set(1...names.count)).html)
    }

    /// The special cases: a figure of their weight matrices, a figure of where their outputs land, the CSVs behind
    /// both, and the table of checks.
    mutating func addSpecialCases(_ cases: [(name: String, weights: [[Double]])], outputs: [[[Double]]],
                                  keys: [Double], values: [[Double]], checks: [SpecialCaseCheck]) throws {
        let keyHeader = keys.map { "key_k=\($0.rounded(places: 6))" }
        let matrixFiles = cases.map { special in
            DataFile("special-case-\(special.name).csv", header: ["query_q"] + keyHeader,
                     rows: zip(keys, special.weights).map { q, row in [q] + row.map(Optional.some) })
        }
        try addFigure(
            weightMatricesFigure(
                id: "special-cases", title: "The weight matrices of the four special cases",
                description: "Four 5 × 5 heatmaps sharing one colour scale from white (0) to dark red (1); rows are the "
                    + "queries q = 1 to 5 from top to bottom, columns the keys k = 1 to 5. Nonnegative: a band along "
                    + "the diagonal with 1 on it. Convex: the same band, each row scaled to sum to 1. One-hot: the "
                    + "identity matrix. Uniform: every cell 0.2.",
                panelTitles: cases.map(\.name), matrices: cases.map(\.weights), colorLabel: "attention weight"),
            snippet: "special-cases",
            caption: "Attention weights of five queries over five keys in the four special cases.",
            data: matrixFiles)
        let outputColumns = cases.flatMap { ["\($0.name)_x", "\($0.name)_y"] }
        try addFigure(
            outputsFigure(names: cases.map(\.name), outputs: outputs, values: values),
            snippet: "special-cases",
            caption: "The pooled outputs Attention(q, D) of the five queries in each special case, with the values "
                + "they are made of.",
            data: [
                DataFile("values.csv", columns: ["key_k", "value_x", "value_y"],
                         values: [keys, values.map { $0[0] }, values.map { $0[1] }]),
                DataFile("pooled-outputs.csv", header: ["query_q"] + outputColumns,
                         rows: keys.indices.map { j in [keys[j]] + outputs.flatMap { [$0[j][0], $0[j][1]] } }),
            ])
        addTable("special-case-checks", html: HTMLTable(
            caption: "Checked, not assumed: each case's weights and where its \(checks.first?.queries ?? 0) outputs "
                + "land (cone and hull tested geometrically, equalities to within 10⁻¹²).",
            header: ["case", "smallest weight", "row sums", "in the cone", "in the hull", "equal to a value",
                     "equal to the mean"],
            rows: checks.map { check in
                [check.name, check.smallestWeight.rounded(places: 5), rangeText(check.rowSums),
                 "\(check.inCone) of \(check.queries)", "\(check.inHull) of \(check.queries)",
                 "\(check.equalToAValue) of \(check.queries)", "\(check.equalToTheMean) of \(check.queries)"]
            },
            numericColumns: [1, 2, 3, 4, 5, 6]).html)
    }

    /// The random score matrix and its softmax weights at each temperature: one figure, one CSV per matrix.
    mutating func addRandomSoftmax(scores: [[Double]], weights: [[[Double]]], temperatures: [Double]) throws {
        let names = ["scores a (uniform on [0, 1))"] + temperatures.map { "softmax, τ = \($0.rounded(places: 3))" }
        let files = zip(["random-scores"] + temperatures.map { "random-weights-tau_\($0.rounded(places: 3))" },
                        [scores] + weights).map { name, matrix in
            DataFile("\(name).csv", header: ["query"] + (1...matrix[0].count).map { "key_\($0)" },
                     rows: matrix.enumerated().map { index, row in [Double(index + 1)] + row.map(Optional.some) })
        }
        let largest = weights.map { $0.joined().max() ?? 0 }
        try addFigure(
            weightMatricesFigure(
                id: "random-softmax", title: "A random score matrix made row-stochastic by softmax",
                description: "Three 10 × 10 heatmaps sharing one colour scale from white (0) to dark red (1), rows "
                    + "the queries, columns the keys. Left: random scores between 0 and 1. Middle: their softmax at "
                    + "τ = 1, nearly uniform (largest weight \(largest[0].rounded(places: 2))). Right: at τ = 0.1, "
                    + "each row's best keys stand out from the rest (largest weight \(largest[1].rounded(places: 2))).",
                panelTitles: names, matrices: [scores] + weights, colorLabel: "score or weight"),
            snippet: "random-scores",
            caption: "A random 10 × 10 score matrix (left) and its row-wise softmax at two temperatures: every row of "
                + "the weights sums to 1.",
            data: files)

        // What the coldest softmax does with this draw: the range of the rows' largest weights, and the row whose
        // two best scores are closest, which no temperature this warm can separate.
        guard let tau = temperatures.last, let coldest = weights.last else { return }
        let maxima = coldest.map { $0.max() ?? 0 }
        let gaps = scores.map { row in
            let sorted = row.sorted(by: >)
            return sorted.count > 1 ? sorted[0] - sorted[1] : .infinity
        }
        let closest = gaps.indices.min { gaps[$0] < gaps[$1] } ?? 0
        setText("random-sharpness", "In this draw a row's largest weight at τ = \(tau.rounded(places: 3)) lies between "
            + "\((maxima.min() ?? 0).rounded(places: 3)) and \((maxima.max() ?? 0).rounded(places: 3)). One key takes "
            + "most of a row only when its score is well ahead of the next: in row \(closest + 1) the two best scores "
            + "differ by just \(gaps[closest].significant(2)), so those two keys get nearly the same weight "
            + "(a ratio of \(exp(gaps[closest] / tau).rounded(places: 3))).")
    }
}

private func rangeText(_ range: ClosedRange<Double>) -> String {
    let low = range.lowerBound.rounded(places: 2), high = range.upperBound.rounded(places: 2)
    return low == high ? low : "\(low)–\(high)"
}

/// The HTML table comparing a naive softmax, exp(aᵢ)/Σⱼ exp(aⱼ), with `Softmax.weights` on awkward scores.
func stabilityTableHTML() throws -> String {
    let cases: [[Double]] = [[1, 2, 3], [1000, 1001, 1002], [-1000, -1001, -1002], [1e308, -1e308], [-.infinity, 0],
                             [-.infinity, -.infinity], [5]]
    func list(_ numbers: [Double]) -> String {
        "[" + numbers.map { $0.magnitude >= 1e6 && $0.isFinite ? ($0 < 0 ? "−" : "") + "1e308" : $0.rounded(places: 4) }
            .joined(separator: ", ") + "]"
    }
    let rows = try cases.map { scores in
        let exponentials = scores.map { exp($0) }
        let total = exponentials.reduce(0, +)
        let naive = exponentials.map { $0 / total }
        return [list(scores), list(naive), try Softmax.weights(scores).map(list) ?? "nil (undefined: every key masked)"]
    }
    return HTMLTable(
        caption: "The naive formula overflows (∞/∞) or underflows (0/0) to NaN; subtracting the largest score first "
            + "does not. A score of −∞ masks its key.",
        header: ["scores a", "exp(aᵢ) / Σⱼ exp(aⱼ), naively", "Softmax.weights(a)"], rows: rows).html
}
