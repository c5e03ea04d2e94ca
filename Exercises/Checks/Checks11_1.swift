import AttentionPooling
import CourseSite
import Figures
import Foundation

extension ExerciseCatalogue {
    /// Chapter 11.1's exercises: approximate matching, the gradient as a covariance, a search engine (optional) and
    /// squeeze-and-excitation (a written answer).
    static var chapter11_1: [Exercise] {
        [
            Exercise(id: "11.1-1", title: "An attention function for approximate key matching",
                     checks: approximateMatchingChecks),
            Exercise(id: "11.1-2", title: "The gradient of dot-product attention is a covariance",
                     checks: covarianceChecks),
            Exercise(id: "11.1-3", title: "A small differentiable search engine (optional)", checks: searchChecks),
            Exercise(id: "11.1-4", title: "Squeeze-and-excitation as attention", checks: []),
        ]
    }

    /// The worked solutions' figures of chapter 11.1, by the name their pages use in `{{figure: NAME}}`.
    static var figures11_1: [String: @Sendable () throws -> WorkedFigure] {
        ["covariance-gradient": covarianceFigure]
    }

    // MARK: 11.1-1

    static var approximateMatchingChecks: [Check] {
        let database = StringDatabase.lecture
        var checks: [Check] = []  // the student edition keeps only the visible ones
        checks += [
            Check("an exact key scores strictly higher than every other key", points: 2) {
                for query in database.keys {
                    let own = try nameSimilarity(query: query, key: query)
                    try expect(own.isFinite, "nameSimilarity(query: \"\(query)\", key: \"\(query)\") is \(own)")
                    for key in database.keys where key != query {
                        let other = try nameSimilarity(query: query, key: key)
                        try expect(other < own, "query \"\(query)\": key \"\(key)\" scores \(other), "
                            + "not below the exact key's \(own)")
                    }
                }
            },
            Check("without Schulz, \"Schulz\" finds Schuler and \"Fisher\" finds Fischer", points: 2) {
                let reduced = try database.removing(key: "Schulz")
                for (query, expected) in [("Schulz", "Schuler"), ("Fisher", "Fischer")] {
                    let weights = try matchWeights(query: query, keys: reduced.keys, temperature: 1)
                    try expect(weights.count == reduced.keys.count,
                               "expected \(reduced.keys.count) weights for \"\(query)\", got \(weights.count)")
                    let best = try uniqueLargest(weights, "the weights of \"\(query)\"")
                    try expect(reduced.keys[best] == expected,
                               "expected \"\(query)\" to put the most weight on \(expected), got \(reduced.keys[best])")
                }
            },
            Check("one edit costs more in a short name: \"Li\" → \"Lu\" scores below \"Schumacher\" → \"Schumacker\"",
                  points: 2) {
                let (short, long) = (try nameSimilarity(query: "Li", key: "Lu"),
                                     try nameSimilarity(query: "Schumacher", key: "Schumacker"))
                try expect(short.isFinite && long.isFinite && short < long,
                           "expected one edit in a 2-letter name to score below one edit in a 10-letter name, got "
                               + "\(short) for \"Li\" → \"Lu\" and \(long) for \"Schumacher\" → \"Schumacker\"")
            },
            Check("the weights are the softmax of your similarities at τ", points: 1) {
                for query in ["Schulz", "Fisher", "Schmidt", "schulz", ""] {
                    let scores = try database.keys.map { try nameSimilarity(query: query, key: $0) }
                    try expect(scores.allSatisfy(\.isFinite), "query \"\(query)\": scores \(scores) are not all finite")
                    for tau in [0.1, 1, 10] {
                        let weights = try matchWeights(query: query, keys: database.keys, temperature: tau)
                        let expected = try Softmax.weights(scores, temperature: tau) ?? []
                        try expect(weights.count == expected.count,
                                   "expected \(expected.count) weights for \"\(query)\", got \(weights.count)")
                        for (index, pair) in zip(weights, expected).enumerated() {
                            try expectClose(pair.0, pair.1, tolerance: 1e-9,
                                            "weight of key \(index) for \"\(query)\" at τ = \(tau)")
                        }
                    }
                }
            },
            Check("a small τ gives the best key all the weight, a large τ spreads it evenly", points: 1) {
                let reduced = try database.removing(key: "Schulz")
                let scores = try reduced.keys.map { try nameSimilarity(query: "Schulz", key: $0) }.sorted(by: >)
                let (gap, range) = (scores[0] - scores[1], scores[0] - scores[scores.count - 1])
                try expect(gap > 0, "Schuler must score strictly above the other keys for \"Schulz\"")
                let sharp = try matchWeights(query: "Schulz", keys: reduced.keys, temperature: gap / 100)
                try expect((sharp.max() ?? 0) > 0.99,
                           "at τ = \(gap / 100) expected the best key to get more than 0.99, got \(sharp.max() ?? 0)")
                let flat = try matchWeights(query: "Schulz", keys: reduced.keys, temperature: 1000 * range)
                let even = 1 / Double(reduced.keys.count)
                for (index, weight) in flat.enumerated() {
                    try expectClose(weight, even, tolerance: 1e-3, "weight of key \(index) at τ = \(1000 * range)")
                }
            },
        ]
        // BEGIN HIDDEN CHECKS
        checks += [
            Check("τ = 1e-300 stays finite; τ ≤ 0, NaN, ∞ and no keys are refused", points: 2, visibility: .hidden) {
                let reduced = try database.removing(key: "Schulz")
                let weights = try matchWeights(query: "Schulz", keys: reduced.keys, temperature: 1e-300)
                try expect(weights.allSatisfy(\.isFinite), "at τ = 1e-300 expected finite weights, got \(weights)")
                try expectClose(weights.reduce(0, +), 1, tolerance: 1e-9, "the sum of the weights at τ = 1e-300")
                for tau in [0, -1, Double.nan, .infinity] {
                    try expectRefusal("matchWeights with τ = \(tau)") {
                        try matchWeights(query: "Schulz", keys: reduced.keys, temperature: tau)
                    }
                }
                try expectRefusal("matchWeights with no keys") {
                    try matchWeights(query: "Schulz", keys: [], temperature: 1)
                }
            },
        ]
        // END HIDDEN CHECKS
        return checks
    }

    // MARK: 11.1-2

    static var covarianceChecks: [Check] {
        var checks: [Check] = []  // the student edition keeps only the visible ones
        checks += [
            Check("weights and output are Σ softmax(qᵀkᵢ) kᵢ on 20 random (q, K)", points: 2) {
                for (case_, (query, keys)) in randomQueriesAndKeys(seed: 11).enumerated() {
                    let reference = try referenceWeights(query, keys)
                    let weights = try dotProductWeights(query: query, keys: keys)
                    try expectAllClose(weights, reference, tolerance: 1e-12, "the weights of case \(case_)")
                    let output = try keysAsValuesAttention(query: query, keys: keys)
                    try expectAllClose(output, referenceMean(reference, keys), tolerance: 1e-12,
                                     "the output of case \(case_)")
                }
            },
            Check("the Jacobian matches central finite differences (d = 3, m = 7)", points: 4) {
                for (case_, (query, keys)) in randomQueriesAndKeys(seed: 12).enumerated() {
                    let jacobian = try attentionJacobian(query: query, keys: keys)
                    try expectMatrix(jacobian, try finiteDifferenceJacobian(query, keys), tolerance: 1e-6,
                                     "the Jacobian of case \(case_)")
                }
            },
            Check("the covariance of the keys is the Jacobian: symmetric and positive semidefinite", points: 2) {
                var generator = SeededGenerator(seed: 13)
                for (case_, (query, keys)) in randomQueriesAndKeys(seed: 13).enumerated() {
                    let covariance = try keyCovariance(query: query, keys: keys)
                    try expectMatrix(covariance, try finiteDifferenceJacobian(query, keys), tolerance: 1e-6,
                                     "the covariance of case \(case_)")
                    for a in 0..<3 {
                        for b in 0..<3 {
                            try expect(Swift.abs(covariance[a][b] - covariance[b][a]) <= 1e-12,
                                       "case \(case_): C[\(a)][\(b)] = \(covariance[a][b]) but C[\(b)][\(a)] = "
                                           + "\(covariance[b][a])")
                        }
                    }
                    for _ in 0..<20 {
                        let x = (0..<3).map { _ in generator.standardNormal() }
                        let form = (0..<3).reduce(0.0) { sum, a in
                            sum + (0..<3).reduce(0.0) { $0 + x[a] * covariance[a][$1] * x[$1] }
                        }
                        try expect(form >= -1e-12, "case \(case_): xᵀCx = \(form) < 0 for x = \(x)")
                    }
                }
            },
        ]
        // BEGIN HIDDEN CHECKS
        checks += [
            Check("scores near 1000 do not overflow; no keys, or a key of another length, are refused", points: 2,
                  visibility: .hidden) {
                for (case_, (query, keys)) in randomQueriesAndKeys(seed: 14).enumerated() {
                    let loud = query.map { 400 * $0 }
                    let reference = try referenceWeights(loud, keys)
                    try expectAllClose(try keysAsValuesAttention(query: loud, keys: keys), referenceMean(reference, keys),
                                     tolerance: 1e-9, "the output of case \(case_) with q × 400")
                    try expectMatrix(try attentionJacobian(query: loud, keys: keys),
                                     referenceCovariance(reference, keys), tolerance: 1e-9,
                                     "the Jacobian of case \(case_) with q × 400")
                }
                try expectRefusal("dotProductWeights with a key of length 2 for a query of length 3") {
                    try dotProductWeights(query: [1, 2, 3], keys: [[1, 2, 3], [1, 2]])
                }
                try expectRefusal("dotProductWeights with no keys") { try dotProductWeights(query: [1, 2, 3], keys: []) }
            },
        ]
        // END HIDDEN CHECKS
        return checks
    }

    /// 20 seeded cases of a query in R³ and 7 keys, coordinates standard normal.
    static func randomQueriesAndKeys(seed: UInt64) -> [(query: [Double], keys: [[Double]])] {
        var generator = SeededGenerator(seed: seed)
        return (0..<20).map { _ in
            let query = (0..<3).map { _ in generator.standardNormal() }
            let keys = (0..<7).map { _ in (0..<3).map { _ in generator.standardNormal() } }
            return (query, keys)
        }
    }

    /// softmax(qᵀkᵢ) by the library's softmax.
    static func referenceWeights(_ query: [Double], _ keys: [[Double]]) throws -> [Double] {
        let scores = keys.map { key in zip(query, key).reduce(0) { $0 + $1.0 * $1.1 } }
        return try Softmax.weights(scores) ?? []
    }

    /// Σᵢ αᵢ kᵢ.
    static func referenceMean(_ weights: [Double], _ keys: [[Double]]) -> [Double] {
        (0..<(keys.first?.count ?? 0)).map { j in zip(weights, keys).reduce(0) { $0 + $1.0 * $1.1[j] } }
    }

    // BEGIN HIDDEN CHECKS
    /// Σᵢ αᵢ (kᵢ − k̄)(kᵢ − k̄)ᵀ.
    static func referenceCovariance(_ weights: [Double], _ keys: [[Double]]) -> [[Double]] {
        let mean = referenceMean(weights, keys)
        return mean.indices.map { a in
            mean.indices.map { b in
                zip(weights, keys).reduce(0) { $0 + $1.0 * ($1.1[a] - mean[a]) * ($1.1[b] - mean[b]) }
            }
        }
    }
    // END HIDDEN CHECKS

    /// ∂(Σ αᵢ kᵢ)_a / ∂q_b by central differences with step 10⁻⁵, from the library's softmax.
    static func finiteDifferenceJacobian(_ query: [Double], _ keys: [[Double]]) throws -> [[Double]] {
        let h = 1e-5
        var columns: [[Double]] = []
        for b in query.indices {
            var (up, down) = (query, query)
            up[b] += h
            down[b] -= h
            let plus = referenceMean(try referenceWeights(up, keys), keys)
            let minus = referenceMean(try referenceWeights(down, keys), keys)
            columns.append(zip(plus, minus).map { ($0 - $1) / (2 * h) })
        }
        return query.indices.map { a in query.indices.map { b in columns[b][a] } }
    }

    /// 11.1-2's figure: seven keys in the plane, the attention output k̄(s·u) as the query grows along a direction u,
    /// and the size of the gradient, tr J = tr C (the keys' total variance under α), against s.
    static func covarianceFigure() throws -> WorkedFigure {
        var generator = SeededGenerator(seed: 21)
        let keys = (0..<7).map { _ in [generator.standardNormal(), generator.standardNormal()] }
        let direction = [0.8, 0.6]
        let scales = (0...60).map { Double($0) / 4 }  // s = 0, 0.25, …, 15
        var (means, traces): ([[Double]], [Double]) = ([], [])
        for s in scales {
            let query = direction.map { s * $0 }
            means.append(try keysAsValuesAttention(query: query, keys: keys))
            let jacobian = try attentionJacobian(query: query, keys: keys)
            traces.append(jacobian[0][0] + jacobian[1][1])
        }
        var worst = 0.0  // the largest gap between the formula and central differences over the checks' 20 cases
        for (query, keys) in randomQueriesAndKeys(seed: 12) {
            let (formula, numeric) = (try attentionJacobian(query: query, keys: keys),
                                      try finiteDifferenceJacobian(query, keys))
            for (rowA, rowB) in zip(formula, numeric) {
                for (a, b) in zip(rowA, rowB) { worst = Swift.max(worst, Swift.abs(a - b)) }
            }
        }
        let keyPlot = PlotPanel(
            title: "Keys and the output k̄ as q = s·u grows", xLabel: "coordinate 1", yLabel: "coordinate 2",
            series: [
                Series(label: "keys kᵢ (= values)", xs: keys.map { $0[0] }, ys: keys.map { $0[1] },
                       style: .markers(color: .grey, radius: 4)),
                Series(label: "output k̄ for s from 0 to 15", xs: means.map { $0[0] }, ys: means.map { $0[1] },
                       style: .line(color: .blue, width: 2)),
                Series(label: "k̄ at s = 0 (the plain mean)", xs: [means[0][0]], ys: [means[0][1]],
                       style: .markers(color: .vermillion, radius: 4.5, shape: .square)),
            ])
        let tracePlot = PlotPanel(
            title: "Size of the gradient: tr J = tr C", xLabel: "s (length of the query)",
            yLabel: "tr C (log scale)",
            series: [Series(label: "tr C(s·u)", xs: scales, ys: traces, style: .line(color: .vermillion, width: 2))],
            yScale: .log)
        let figure = Figure(
            id: "covariance-gradient", title: "The gradient of dot-product attention is the keys' covariance",
            description: "Left: seven keys in the plane as grey dots and, in blue, the path of the attention output "
                + "as the query s·u grows from s = 0 (the plain mean of the keys, a red square) to s = 15, where it "
                + "reaches the key with the largest projection on u. Right: the trace of the covariance of the keys "
                + "under the weights against s on a log scale, falling by orders of magnitude as the attention "
                + "becomes one-hot.",
            panels: [.plot(keyPlot), .plot(tracePlot)])
        let caption = "Keys: 7 standard normal points (seed 21); query q = s·(0.8, 0.6). tr C falls from "
            + traces[0].significant(3) + " at s = 0 to " + traces[20].significant(3) + " at s = 5 and "
            + traces[60].significant(3)
            + " at s = 15: once one key takes all the weight, the output stops moving and the gradient vanishes. "
            + "Over the checks' 20 random cases (d = 3, m = 7), the formula Σ αᵢkᵢkᵢᵀ − k̄k̄ᵀ and central differences "
            + "(step 10⁻⁵) differ by at most " + worst.significant(3) + "."
        return WorkedFigure(figure: figure, caption: caption, data: [
            DataFile("exercise-11-1-2-keys.csv", columns: ["x1", "x2"],
                     values: [keys.map { $0[0] }, keys.map { $0[1] }]),
            DataFile("exercise-11-1-2-path.csv", columns: ["s", "mean1", "mean2", "trace"],
                     values: [scales, means.map { $0[0] }, means.map { $0[1] }, traces]),
        ])
    }

    // MARK: 11.1-3

    /// The tiny corpus of the search engine's checks and its vocabulary.
    static let searchCorpus = [
        "Attention pooling weights the values by how well the query matches each key.",
        "A Gaussian kernel with a small width gives sharp weights; the width is a hyperparameter.",
        "Bake the bread for forty minutes, until the crust is golden.",
        "Kernel regression averages the labels of nearby inputs, as Nadaraya and Watson proposed in 1964.",
    ]
    static let searchVocabulary = ["attention", "kernel", "width", "query", "key", "bread", "regression", "weights"]

    static var searchChecks: [Check] {
        [
            Check("term vectors count the words and have length 1", points: 1) {
                let vector = try termVector(text: "Kernel, kernel! Width?", vocabulary: ["kernel", "width", "bread"])
                try expectAllClose(vector, [2 / 5.0.squareRoot(), 1 / 5.0.squareRoot(), 0], tolerance: 1e-12,
                                 "the term vector of \"Kernel, kernel! Width?\"")
                try expectAllClose(try termVector(text: "no terms here", vocabulary: ["kernel"]), [0], tolerance: 0,
                                 "the term vector of a text without terms")
                // Document 1 holds kernel once, width twice and weights once: (0, 1, 2, 0, 0, 0, 0, 1)/√6.
                let root6 = 6.0.squareRoot()
                try expectAllClose(try termVector(text: searchCorpus[1], vocabulary: searchVocabulary),
                                   [0, 1 / root6, 2 / root6, 0, 0, 0, 0, 1 / root6], tolerance: 1e-12,
                                   "the term vector of document 1")
            },
            Check("search weights are the softmax of the cosine similarities at τ: positive, summing to 1", points: 1) {
                for tau in [0.05, 1, 20] {
                    let weights = try searchWeights(query: "kernel width", documents: searchCorpus,
                                                    vocabulary: searchVocabulary, temperature: tau)
                    try expect(weights.count == searchCorpus.count,
                               "expected \(searchCorpus.count) weights, got \(weights.count)")
                    try expect(weights.allSatisfy { $0 > 0 && $0.isFinite }, "at τ = \(tau) got weights \(weights)")
                    try expectClose(weights.reduce(0, +), 1, tolerance: 1e-9, "the sum of the weights at τ = \(tau)")
                    let query = try termVector(text: "kernel width", vocabulary: searchVocabulary)
                    let cosines = try searchCorpus.map { document in
                        zip(query, try termVector(text: document, vocabulary: searchVocabulary))
                            .reduce(0.0) { $0 + $1.0 * $1.1 }
                    }
                    try expectAllClose(weights, try Softmax.weights(cosines, temperature: tau) ?? [], tolerance: 1e-9,
                                       "the weights at τ = \(tau)")
                }
            },
            Check("the best-matching document ranks first on a tiny corpus", points: 2) {
                for (query, expected) in [("kernel width", 1), ("bread", 2), ("attention query key", 0),
                                          ("kernel regression", 3)] {
                    let weights = try searchWeights(query: query, documents: searchCorpus,
                                                    vocabulary: searchVocabulary, temperature: 0.1)
                    let best = try uniqueLargest(weights, "the weights of \"\(query)\"")
                    try expect(best == expected, "expected \"\(query)\" to rank document \(expected) first, got \(best)")
                }
            },
        ]
    }
}

/// The index of the strictly largest entry, or a failure naming `what` when there is none (empty, NaN or a tie).
private func uniqueLargest(_ values: [Double], _ what: String) throws(CheckFailure) -> Int {
    guard let index = values.indices.max(by: { values[$0] < values[$1] }), values[index].isFinite,
          values.enumerated().allSatisfy({ $0.offset == index || $0.element < values[index] }) else {
        throw CheckFailure("\(what), \(values), have no single largest entry")
    }
    return index
}

/// Fails unless the matrices have the same shape and agree entry by entry within `tolerance`.
private func expectMatrix(_ got: [[Double]], _ expected: [[Double]], tolerance: Double, _ what: String)
    throws(CheckFailure)
{
    try expect(got.count == expected.count, "\(what): expected \(expected.count) rows, got \(got.count)")
    for (row, pair) in zip(got, expected).enumerated() {
        try expectAllClose(pair.0, pair.1, tolerance: tolerance, "\(what), row \(row)")
    }
}

