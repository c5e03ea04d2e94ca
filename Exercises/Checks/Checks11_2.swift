import AttentionPooling
import CourseSite
import Figures
import Foundation

// The checks of §11.2's four exercises, and the figures of their worked solutions. Every check compares the
// student's functions with trusted computations from AttentionPooling or with formulas worked out by hand, on data
// drawn from fixed seeds.

extension ExerciseCatalogue {
    /// Chapter 11.2's exercises: Parzen windows, learning the width by SGD, the unit sphere, consistency.
    static var chapter11_2: [Exercise] {
        [
            Exercise(id: "11.2-1", title: "Parzen windows and Nadaraya–Watson classification", checks: parzenChecks),
            Exercise(id: "11.2-2", title: "Learning the kernel width by stochastic gradient descent",
                     checks: widthSGDChecks),
            Exercise(id: "11.2-3", title: "Inputs on the unit sphere", checks: unitSphereChecks),
            Exercise(id: "11.2-4", title: "Consistency: shrinking the width as n grows", checks: consistencyChecks),
        ]
    }

    /// The worked solutions' figures, by the name their page places with `{{figure: NAME}}`.
    static var figures11_2: [String: @Sendable () throws -> WorkedFigure] {
        [
            "parzen-agreement": parzenAgreementFigure,
            "width-sgd": widthSGDFigure,
            "sphere-weights": sphereWeightsFigure,
            "consistency-rates": consistencyRatesFigure,
            "consistency-at-scale": consistencyAtScaleFigure,
        ]
    }
}

// MARK: - 11.2-1 Parzen windows

/// Two overlapping Gaussian clouds in the plane, 20 points of class +1 around (−1, 0) and 20 of class −1 around
/// (1, 0.5), with standard deviation 0.8: the data of exercise 11.2-1's checks and figure.
private func parzenData(seed: UInt64) -> (inputs: [[Double]], labels: [Int]) {
    var generator = SeededGenerator(seed: seed)
    var inputs: [[Double]] = []
    var labels: [Int] = []
    for (label, centre) in [(1, [-1.0, 0.0]), (-1, [1.0, 0.5])] {
        for _ in 0..<20 {
            inputs.append(centre.map { $0 + 0.8 * generator.standardNormal() })
            labels.append(label)
        }
    }
    return (inputs, labels)
}

/// `count` points uniform on the cube [−extent, extent]^d.
private func uniformPoints(_ count: Int, dimension d: Int, extent: Double, seed: UInt64) -> [[Double]] {
    var generator = SeededGenerator(seed: seed)
    return (0..<count).map { _ in (0..<d).map { _ in extent * (2 * generator.uniform() - 1) } }
}

/// The Nadaraya–Watson class scores Σᵢ αᵢ yᵢ of the trusted library (never undefined for the Gaussian).
private func trustedClassScores(queries: [[Double]], inputs: [[Double]], labels: [Int], width: Double) throws
    -> [Double]
{
    let pooling = try NadarayaWatson(kernel: .gaussian, width: .scalar(width))
    let result = try pooling.pool(queries: queries, keys: inputs, values: labels.map { [Double($0)] })
    return result.estimates.map { $0 ?? .nan }
}

/// Fails unless the student's decisions are the signs of the trusted Nadaraya–Watson scores (+1 for a score ≥ 0).
private func expectDecisionsMatch(_ decisions: [Int], trusted: [Double], queries: [[Double]]) throws {
    try expect(decisions.count == trusted.count,
               "expected \(trusted.count) decisions, one per query, got \(decisions.count)")
    for (index, (decision, score)) in zip(decisions, trusted).enumerated() where decision != (score < 0 ? -1 : 1) {
        throw CheckFailure("query \(index) at \(queries[index]): expected decision \(score < 0 ? -1 : 1) "
            + "(Nadaraya–Watson's score is \(score)), got \(decision)")
    }
}

extension ExerciseCatalogue {
    /// Exercise 11.2-1: hand-checked scores, agreement with trusted Nadaraya–Watson, d = 3, underflow.
    static var parzenChecks: [Check] {
        var checks: [Check] = []  // the student edition keeps only the visible ones
        checks += [
            Check("scores and decisions for two points, worked out by hand", points: 3) {
                let inputs = [[0.0, 0.0], [2.0, 0.0]]
                let labels = [1, -1]
                let queries = [[0.5, 0.0], [1.0, 0.0], [3.0, 1.0]]
                // Squared distances 0.25 and 2.25, then 1 and 1 (a tie), then 10 and 2; σ = 1 halves them.
                let parzen = try parzenScores(queries: queries, inputs: inputs, labels: labels, width: 1)
                try expectAllClose(parzen, [0.5 * (exp(-0.125) - exp(-1.125)), 0, 0.5 * (exp(-5) - exp(-1))],
                                   tolerance: 1e-12, "parzenScores")
                let nadarayaWatson = try nadarayaWatsonScores(queries: queries, inputs: inputs, labels: labels,
                                                              width: 1)
                try expectAllClose(nadarayaWatson, [tanh(0.5), 0, -tanh(2)], tolerance: 1e-12, "nadarayaWatsonScores")
                let decisions = try parzenDecisions(queries: queries, inputs: inputs, labels: labels, width: 1)
                try expect(decisions == [1, 1, -1],
                           "parzenDecisions: expected [1, 1, -1] (a tie is +1), got \(decisions)")
            },
            Check("both scores on 40 random points in the plane match trusted ones", points: 2) {
                let (inputs, labels) = parzenData(seed: 11)
                let queries = uniformPoints(50, dimension: 2, extent: 3, seed: 12)
                let parzen = try parzenScores(queries: queries, inputs: inputs, labels: labels, width: 0.5)
                let direct = queries.map { query in
                    zip(inputs, labels).reduce(0.0) { sum, pair in
                        let squared = zip(query, pair.0).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
                        return sum + Double(pair.1) * exp(-squared / 0.5)
                    } / Double(inputs.count)
                }
                try expectAllClose(parzen, direct, tolerance: 1e-12, "parzenScores")
                let trusted = try trustedClassScores(queries: queries, inputs: inputs, labels: labels, width: 0.5)
                let nadarayaWatson = try nadarayaWatsonScores(queries: queries, inputs: inputs, labels: labels,
                                                              width: 0.5)
                try expectAllClose(nadarayaWatson, trusted, tolerance: 1e-12, "nadarayaWatsonScores")
            },
            Check("Parzen decides like Nadaraya–Watson on 200 random queries", points: 3) {
                let (inputs, labels) = parzenData(seed: 21)
                let queries = uniformPoints(200, dimension: 2, extent: 3, seed: 22)
                let trusted = try trustedClassScores(queries: queries, inputs: inputs, labels: labels, width: 0.5)
                let decisions = try parzenDecisions(queries: queries, inputs: inputs, labels: labels, width: 0.5)
                try expectDecisionsMatch(decisions, trusted: trusted, queries: queries)
            },
        ]
        // BEGIN HIDDEN CHECKS
        checks += [
            Check("three-dimensional inputs", points: 1, visibility: .hidden) {
                let inputs = uniformPoints(30, dimension: 3, extent: 2, seed: 31)
                let labels = inputs.map { $0[0] * $0[1] + 0.5 * $0[2] > 0 ? 1 : -1 }
                let queries = uniformPoints(200, dimension: 3, extent: 2.5, seed: 32)
                let trusted = try trustedClassScores(queries: queries, inputs: inputs, labels: labels, width: 0.7)
                let scores = try nadarayaWatsonScores(queries: queries, inputs: inputs, labels: labels, width: 0.7)
                try expectAllClose(scores, trusted, tolerance: 1e-12, "nadarayaWatsonScores")
                let decisions = try parzenDecisions(queries: queries, inputs: inputs, labels: labels, width: 0.7)
                try expectDecisionsMatch(decisions, trusted: trusted, queries: queries)
            },
            Check("a width so small that every kernel value underflows to 0", points: 1, visibility: .hidden) {
                // Every query is at least 0.3 from every input: k ≤ exp(−0.09 / (2 · 0.005²)) = exp(−1800) = 0.
                let inputs = (0..<5).map { [Double($0), 0] }
                let labels = [1, -1, -1, 1, -1]
                var generator = SeededGenerator(seed: 41)
                let queries = (0..<40).map { _ in [5 * generator.uniform() - 0.5, 0.3] }
                let trusted = try trustedClassScores(queries: queries, inputs: inputs, labels: labels, width: 0.005)
                let scores = try nadarayaWatsonScores(queries: queries, inputs: inputs, labels: labels, width: 0.005)
                try expectAllClose(scores, trusted, tolerance: 1e-9, "nadarayaWatsonScores (a 0/0 gives NaN)")
                let decisions = try parzenDecisions(queries: queries, inputs: inputs, labels: labels, width: 0.005)
                try expectDecisionsMatch(decisions, trusted: trusted, queries: queries)
            },
        ]
        // END HIDDEN CHECKS
        return checks
    }
}

/// Exercise 11.2-1's figure: both scores along a line through the two classes, and against each other.
@Sendable private func parzenAgreementFigure() throws -> WorkedFigure {
    let (inputs, labels) = parzenData(seed: 21)
    let width = 0.5
    // The line through the two class centres, t = 0 halfway between them, t in units of length.
    let (start, end) = ([-1.0, 0.0], [1.0, 0.5])
    let length = hypot(end[0] - start[0], end[1] - start[1])
    let direction = [(end[0] - start[0]) / length, (end[1] - start[1]) / length]
    let ts = (0...200).map { -3 + 6 * Double($0) / 200 }
    let line = ts.map { t in [0 + t * direction[0], 0.25 + t * direction[1]] }
    let lineParzen = try parzenScores(queries: line, inputs: inputs, labels: labels, width: width)
    let lineNW = try nadarayaWatsonScores(queries: line, inputs: inputs, labels: labels, width: width)
    let largest = lineParzen.map(abs).max() ?? 1
    let queries = uniformPoints(200, dimension: 2, extent: 3, seed: 22)
    let parzen = try parzenScores(queries: queries, inputs: inputs, labels: labels, width: width)
    let nadarayaWatson = try nadarayaWatsonScores(queries: queries, inputs: inputs, labels: labels, width: width)
    let decisions = try parzenDecisions(queries: queries, inputs: inputs, labels: labels, width: width)
    let agreeing = zip(decisions, nadarayaWatson).filter { $0.0 == ($0.1 < 0 ? -1 : 1) }.count
    let crossings = { (scores: [Double]) in
        scores.indices.dropFirst().filter { (scores[$0 - 1] < 0) != (scores[$0] < 0) }.map { ts[$0] }
    }
    let zero = Series(xs: [-3, 3], ys: [0, 0], style: .line(color: .grey, width: 0.8))
    let left = PlotPanel(
        title: "Along the line through both class centres", xLabel: "position t on the line", yLabel: "score",
        series: [
            zero,
            Series(label: "Nadaraya–Watson score", xs: ts, ys: lineNW, style: .line(color: .blue, width: 2)),
            Series(label: "Parzen score ÷ its largest |value|", xs: ts, ys: lineParzen.map { $0 / largest },
                   style: .line(color: .vermillion, width: 2, dash: .dashed)),
        ],
        xDomain: -3...3, yDomain: -1.1...1.1)
    let parzenRange = (parzen.map(abs).max() ?? 1) * 1.1
    let right = PlotPanel(
        title: "200 random queries: one score against the other", xLabel: "Nadaraya–Watson score",
        yLabel: "Parzen score",
        series: [
            Series(xs: [-1.1, 1.1], ys: [0, 0], style: .line(color: .grey, width: 0.8)),
            Series(xs: [0, 0], ys: [-parzenRange, parzenRange], style: .line(color: .grey, width: 0.8)),
            Series(label: "a query", xs: nadarayaWatson, ys: parzen,
                   style: .markers(color: .blue, radius: 2.6, opacity: 0.6)),
        ],
        xDomain: -1.1...1.1, yDomain: -parzenRange...parzenRange)
    let figure = Figure(
        id: "parzen-agreement", title: "Parzen windows and Nadaraya–Watson decide alike",
        description: "Left: the Nadaraya–Watson score and the rescaled Parzen score along a line through two "
            + "classes of 20 points each; they cross zero at the same places. Right: for 200 random queries the "
            + "Parzen score against the Nadaraya–Watson score; every point lies in the lower-left or upper-right "
            + "quadrant, so the signs always agree.",
        panels: [.plot(left), .plot(right)])
    let format = { (values: [Double]) in minusSigns(values.map { String(format: "%.2f", $0) }.joined(separator: ", ")) }
    let caption = "Gaussian kernel of width σ = \(width) on 40 points in two classes. Along the line the "
        + "Nadaraya–Watson score changes sign at t = \(format(crossings(lineNW))) and the Parzen score at "
        + "t = \(format(crossings(lineParzen))) (to the grid's 0.03). The two classifiers decide alike on \(agreeing) "
        + "of the \(queries.count) random queries."
    return WorkedFigure(figure: figure, caption: caption, data: [
        DataFile("exercise-11-2-1-line.csv", columns: ["t", "nadaraya_watson_score", "parzen_score"],
                 values: [ts, lineNW, lineParzen]),
        DataFile("exercise-11-2-1-queries.csv", columns: ["q1", "q2", "nadaraya_watson_score", "parzen_score"],
                 values: [queries.map { $0[0] }, queries.map { $0[1] }, nadarayaWatson, parzen]),
    ])
}

// MARK: - 11.2-2 Learning the width by SGD

/// The chapter's data: 40 noisy samples of 2 sin x + x on [0, 5), seed 0.
private let sineData = SineRegression.generate(samples: 40, seed: 0)

/// The settings of exercise 11.2-2's runs: w₀ = 0.5, η = 0.2, 30 epochs, seed 0.
private let sgdSettings = (initialW: 0.5, learningRate: 0.2, epochs: 30, seed: UInt64(0))

/// The trusted loss of pair i, (f(xᵢ) − yᵢ)², from `WidthObjective`'s fitted values.
private func trustedPairLoss(w: Double, pair i: Int, inputs: [Double], targets: [Double], leaveOneOut: Bool) throws
    -> Double
{
    let fitted = try WidthObjective(keys: inputs, values: targets, leaveOneOut: leaveOneOut).estimates(w: [w])
    return (fitted[i] - targets[i]) * (fitted[i] - targets[i])
}

/// The student's SGD run with `sgdSettings`, checked for its length and start.
private func studentRun(leaveOneOut: Bool, decaying: Bool = true) throws -> [Double] {
    let run = try widthSGDTrajectory(
        inputs: sineData.trainingInputs, targets: sineData.trainingTargets, leaveOneOut: leaveOneOut,
        initialW: sgdSettings.initialW, learningRate: sgdSettings.learningRate, decaying: decaying,
        epochs: sgdSettings.epochs, seed: sgdSettings.seed)
    let steps = sgdSettings.epochs * sineData.trainingInputs.count
    try expect(run.count == steps + 1,
               "expected \(steps + 1) values of w (the start and one per step), got \(run.count)")
    let invalid = run.filter { !($0 > 0 && $0.isFinite) }
    try expect(invalid.isEmpty, "every w must be a finite number > 0, got \(invalid.prefix(3))")
    return run
}

/// The order in which exercise 11.2-2's page says an epoch visits the pairs: Fisher–Yates from the last index down,
/// swapping k with `generator.next() % (k + 1)` (the checks' own copy, so a wrong student shuffle spoils only them).
private func shuffledPairs(_ n: Int, _ generator: inout SeededGenerator) -> [Int] {
    var order = Array(0..<n)
    var k = n - 1
    while k >= 1 {
        order.swapAt(k, Int(generator.next() % UInt64(k + 1)))
        k -= 1
    }
    return order
}

// BEGIN HIDDEN CHECKS
/// dLᵢ/dw for pair i, worked out by hand in the checks' own words: with dⱼ = xᵢ − xⱼ, ℓⱼ = −½ dⱼ² w² and α = softmax(ℓ),
/// f = Σ αⱼ yⱼ, df/dw = Σ αⱼ (yⱼ − f) ∂ℓⱼ/∂w with ∂ℓⱼ/∂w = −w dⱼ², and dLᵢ/dw = 2 (f − yᵢ) df/dw.
private func trustedPairGradient(w: Double, pair i: Int, inputs x: [Double], targets y: [Double], leaveOneOut: Bool)
    -> Double
{
    var pool: [Int] = []
    for j in x.indices where !(leaveOneOut && j == i) { pool.append(j) }
    var logits: [Double] = []
    for j in pool { logits.append(-0.5 * (x[i] - x[j]) * (x[i] - x[j]) * w * w) }
    let top = logits.reduce(-Double.infinity) { Swift.max($0, $1) }
    var (total, pooled) = (0.0, 0.0)
    for (k, j) in pool.enumerated() {
        let e = exp(logits[k] - top)
        total += e
        pooled += e * y[j]
    }
    let f = pooled / total
    var slope = 0.0
    for (k, j) in pool.enumerated() {
        slope += exp(logits[k] - top) / total * (y[j] - f) * (-w * (x[i] - x[j]) * (x[i] - x[j]))
    }
    return 2 * (f - y[i]) * slope
}

/// SGD on w as `widthSGDTrajectory`'s documentation specifies it (Fisher–Yates with one generator, η_t =
/// η / (1 + t/(3n)) when decaying and η otherwise, w ← w · exp(−η_t · w · dLᵢ/dw)), computed by the checks: the
/// trusted trajectory.
private func trustedSGDTrajectory(inputs x: [Double], targets y: [Double], leaveOneOut: Bool, initialW: Double,
                                  learningRate: Double, decaying: Bool, epochs: Int, seed: UInt64) -> [Double] {
    let n = x.count
    var generator = SeededGenerator(seed: seed)
    var w = initialW
    var trajectory = [w]
    for _ in 0..<epochs {
        for i in shuffledPairs(n, &generator) {
            let t = trajectory.count - 1
            let eta = decaying ? learningRate / (1 + Double(t) / Double(3 * n)) : learningRate
            w *= exp(-eta * w * trustedPairGradient(w: w, pair: i, inputs: x, targets: y, leaveOneOut: leaveOneOut))
            trajectory.append(w)
        }
    }
    return trajectory
}
// END HIDDEN CHECKS

/// The range of w over the last epoch of a run, the n + 1 values from its start to its end, relative to `scale`.
private func lastEpochRange(_ run: [Double], pairs n: Int, relativeTo scale: Double) -> Double {
    let last = run.suffix(n + 1)
    return ((last.max() ?? .nan) - (last.min() ?? .nan)) / scale
}

/// The leave-one-out loss's minimiser over w, by the library's grid search refined by golden sections.
private func leaveOneOutMinimiser() throws -> Double {
    try WidthObjective(keys: sineData.trainingInputs, values: sineData.trainingTargets, leaveOneOut: true)
        .gridSearch(lower: 0.05, upper: 50, count: 200).refined
}

extension ExerciseCatalogue {
    /// Exercise 11.2-2: pair loss and gradient against `WidthObjective`, then the two SGD runs.
    static var widthSGDChecks: [Check] {
        let (x, y) = (sineData.trainingInputs, sineData.trainingTargets)
        let probes = [(w: 0.3, pair: 0), (w: 1.4, pair: 7), (w: 1.4, pair: 19), (w: 6, pair: 39), (w: 25, pair: 22)]
        var checks: [Check] = []  // the student edition keeps only the visible ones
        checks += [
            Check("the loss of a pair matches a trusted estimate f(xᵢ), with and without leave-one-out", points: 2) {
                for leaveOneOut in [false, true] {
                    for (w, i) in probes {
                        let got = try widthPairLossAndGradient(w: w, pair: i, inputs: x, targets: y,
                                                               leaveOneOut: leaveOneOut).loss
                        let expected = try trustedPairLoss(w: w, pair: i, inputs: x, targets: y,
                                                           leaveOneOut: leaveOneOut)
                        try expectClose(got, expected, tolerance: 1e-9,
                                        "loss of pair \(i) at w = \(w)\(leaveOneOut ? " with leave-one-out" : "")")
                    }
                }
            },
            Check("the gradient matches central differences of the loss, and sums to dL/dw", points: 2) {
                for leaveOneOut in [false, true] {
                    let suffix = leaveOneOut ? " with leave-one-out" : ""
                    for (w, i) in probes {
                        let got = try widthPairLossAndGradient(w: w, pair: i, inputs: x, targets: y,
                                                               leaveOneOut: leaveOneOut).gradient
                        let h = 1e-5 * w
                        let (above, below) = try (
                            trustedPairLoss(w: w + h, pair: i, inputs: x, targets: y, leaveOneOut: leaveOneOut),
                            trustedPairLoss(w: w - h, pair: i, inputs: x, targets: y, leaveOneOut: leaveOneOut))
                        try expectClose(got, (above - below) / (2 * h), tolerance: 1e-5,
                                        "dLᵢ/dw of pair \(i) at w = \(w)\(suffix) (central difference)")
                    }
                    let total = try x.indices.reduce(0.0) { sum, i in
                        sum + (try widthPairLossAndGradient(w: 1.4, pair: i, inputs: x, targets: y,
                                                            leaveOneOut: leaveOneOut).gradient)
                    }
                    let expected = try WidthObjective(keys: x, values: y, leaveOneOut: leaveOneOut)
                        .lossAndGradient(w: [1.4]).gradient[0]
                    try expectClose(total, expected, tolerance: 1e-9, "Σᵢ dLᵢ/dw at w = 1.4\(suffix)")
                }
            },
            Check("(a) every pair in its own pool: w keeps growing and the loss falls towards 0", points: 1) {
                let run = try studentRun(leaveOneOut: false)
                let objective = try WidthObjective(keys: x, values: y, leaveOneOut: false)
                let (first, last) = (run[0], run[run.count - 1])
                let halfway = run[run.count / 2]
                try expect(last > 20 * first && last > halfway,
                           "expected w to grow past \(20 * first) and still be growing, got w = \(halfway) halfway "
                               + "and \(last) at the end")
                let (startLoss, endLoss) = (try objective.loss(w: [first]), try objective.loss(w: [last]))
                try expect(endLoss < 0.05 * startLoss,
                           "expected the summed loss to fall below 5% of its start \(startLoss), got \(endLoss)")
            },
            Check("every step of the first two epochs is w ← w · exp(−η_t · w · dLᵢ/dw), with your pair gradient in the "
                      + "shuffled order: (a), (b), and (b) with a constant step", points: 2) {
                let n = x.count
                for (leaveOneOut, decaying) in [(false, true), (true, true), (true, false)] {
                    let run = try studentRun(leaveOneOut: leaveOneOut, decaying: decaying)
                    let which = (leaveOneOut ? " with leave-one-out" : "") + (decaying ? "" : " and a constant step")
                    var generator = SeededGenerator(seed: sgdSettings.seed)
                    var step = 0
                    for epoch in 1...2 {
                        for i in shuffledPairs(n, &generator) {
                            let gradient = try widthPairLossAndGradient(w: run[step], pair: i, inputs: x, targets: y,
                                                                        leaveOneOut: leaveOneOut).gradient
                            let eta = sgdSettings.learningRate / (decaying ? 1 + Double(step) / Double(3 * n) : 1)
                            try expectClose(run[step + 1], run[step] * exp(-eta * run[step] * gradient), tolerance: 1e-9,
                                            "w after step \(step + 1)\(which) (epoch \(epoch), pair \(i))")
                            step += 1
                        }
                    }
                }
            },
            Check("(b) leave-one-out with the decaying step: w settles within 5% of the loss's minimiser", points: 1) {
                let run = try studentRun(leaveOneOut: true)
                let best = try leaveOneOutMinimiser()
                let last = run[run.count - 1]
                try expect(Swift.abs(last - best) <= 0.05 * best,
                           "expected w within 5% of the leave-one-out minimiser \(best), got \(last)")
            },
            Check("(c) with a constant step w still wanders in the last epoch, over three times the decaying step's range",
                  points: 2) {
                let best = try leaveOneOutMinimiser()
                let n = x.count
                let constant = lastEpochRange(try studentRun(leaveOneOut: true, decaying: false), pairs: n,
                                              relativeTo: best)
                let decaying = lastEpochRange(try studentRun(leaveOneOut: true), pairs: n, relativeTo: best)
                try expect(constant > 0.3 && constant > 3 * decaying,
                           "expected w to move over more than 30% of the minimiser \(best) in the last epoch with a "
                               + "constant step, and over three times as far as with the decaying step; got ranges of "
                               + "\(100 * constant)% (constant) and \(100 * decaying)% (decaying)")
            },
        ]
        // BEGIN HIDDEN CHECKS
        checks += [
            Check("leave-one-out ignores the pair's own label", points: 1, visibility: .hidden) {
                var shifted = y
                shifted[7] += 100
                let fitted = try WidthObjective(keys: x, values: y, leaveOneOut: true).estimates(w: [1.4])[7]
                let got = try widthPairLossAndGradient(w: 1.4, pair: 7, inputs: x, targets: shifted,
                                                       leaveOneOut: true).loss
                try expectClose(got, (fitted - shifted[7]) * (fitted - shifted[7]), tolerance: 1e-9,
                                "loss of pair 7 after adding 100 to y₇ (f(x₇) must not change)")
            },
            Check("the whole trajectory follows a trusted run, (a), (b) and (c); it starts at w₀, has epochs · n + 1 "
                      + "entries, and a seed fixes it", points: 1, visibility: .hidden) {
                for (leaveOneOut, decaying) in [(false, true), (true, true), (true, false)] {
                    let run = try studentRun(leaveOneOut: leaveOneOut, decaying: decaying)
                    let trusted = trustedSGDTrajectory(
                        inputs: x, targets: y, leaveOneOut: leaveOneOut, initialW: sgdSettings.initialW,
                        learningRate: sgdSettings.learningRate, decaying: decaying, epochs: sgdSettings.epochs,
                        seed: sgdSettings.seed)
                    try expectAllClose(run, trusted, tolerance: 1e-9,
                                       "the trajectory\(leaveOneOut ? " with leave-one-out" : "")"
                                           + "\(decaying ? "" : " and a constant step")")
                }
                let run = { (epochs: Int) in
                    try widthSGDTrajectory(inputs: x, targets: y, leaveOneOut: true, initialW: 0.8, learningRate: 0.2, decaying: true,
                                           epochs: epochs, seed: 5)
                }
                let none = try run(0)
                try expect(none == [0.8], "expected [0.8] for 0 epochs, got \(none)")
                let (first, second) = (try run(2), try run(2))
                try expect(first.count == 81 && first.first == 0.8,
                           "expected 81 values starting at 0.8 for 2 epochs of 40 pairs, got \(first.count) "
                               + "starting at \(first.first ?? .nan)")
                try expect(first == second, "expected the same trajectory from the same seed twice")
            },
        ]
        // END HIDDEN CHECKS
        return checks
    }
}

/// Exercise 11.2-2's figure: w per SGD step for (a), (b) and (b) with a constant step, and the estimates with the
/// widths (a) and (b) learned.
@Sendable private func widthSGDFigure() throws -> WorkedFigure {
    let (x, y) = (sineData.trainingInputs, sineData.trainingTargets)
    let runs = try [(false, true), (true, true), (true, false)].map { leaveOneOut, decaying in
        try widthSGDTrajectory(inputs: x, targets: y, leaveOneOut: leaveOneOut, initialW: sgdSettings.initialW,
                               learningRate: sgdSettings.learningRate, decaying: decaying,
                               epochs: sgdSettings.epochs, seed: sgdSettings.seed)
    }
    let best = try leaveOneOutMinimiser()
    let steps = runs[0].indices.map(Double.init)
    let finals = runs.map { $0[$0.count - 1] }
    let estimates = try finals.prefix(2).map { w in
        try NadarayaWatson(kernel: .gaussian, width: .scalar(1 / w))
            .pool(queries: sineData.validationInputs, keys: x, values: y).estimates
    }
    let truth = sineData.validationTruth ?? []
    let errors = estimates.map { meanSquaredError(estimates: $0, truth: truth).mean ?? .nan }
    let trainingLoss = try WidthObjective(keys: x, values: y, leaveOneOut: false).loss(w: [finals[0]])
    let looLoss = try WidthObjective(keys: x, values: y, leaveOneOut: true).loss(w: [finals[1]])
    let ranges = runs.map { lastEpochRange($0, pairs: x.count, relativeTo: best) }
    let lastEpoch = runs[2].suffix(x.count + 1)
    let colors: [Color] = [.vermillion, .blue, .reddishPurple]
    let names = ["(a) all pairs", "(b) leave-one-out", "(c) leave-one-out, constant step"]
    let left = PlotPanel(
        title: "w = 1/σ after each step", xLabel: "SGD step (one pair each)", yLabel: "w (log scale)",
        series: [
            Series(label: "leave-one-out minimiser", xs: [0, steps[steps.count - 1]], ys: [best, best],
                   style: .line(color: .grey, width: 1.2, dash: .dashed)),
        ] + zip(names, zip(runs, colors)).map { name, pair in
            Series(label: name, xs: steps, ys: pair.0, style: .line(color: pair.1, width: 1.6))
        },
        yScale: .log)
    let right = PlotPanel(
        title: "The estimates with the learned widths", xLabel: "x", yLabel: "y",
        series: [
            Series(label: "training pairs", xs: x, ys: y, style: .markers(color: .grey, radius: 2.6, opacity: 0.55)),
            Series(label: "truth 2 sin x + x", xs: sineData.validationInputs, ys: truth,
                   style: .line(color: .black, width: 1.2, dash: .dashed)),
        ] + zip(names, zip(estimates, colors)).map { name, pair in
            Series(xs: sineData.validationInputs, ys: pair.0, style: .line(color: pair.1, width: 1.8))
        })
    let figure = Figure(
        id: "width-sgd", title: "Learning the width by stochastic gradient descent",
        description: "Left: w after each of 1200 one-pair SGD steps on a log scale. Without leave-one-out w climbs "
            + "for the whole run; with leave-one-out and the decaying step it settles on the dashed line, the "
            + "minimiser of the leave-one-out loss; with a constant step it keeps wandering around it. Right: the "
            + "training pairs, the truth, and the estimates of runs (a) and (b); (a)'s jumps from label to label, "
            + "(b)'s is smooth.",
        panels: [.plot(left), .plot(right)])
    let caption = String(
        format: "Chapter data (40 pairs, seed 0), w₀ = %.1f, η = %.1f, %d epochs, the same seed for every run; runs (a) "
            + "and (b) decay the step as 1/(1 + t/3n), run (c) keeps it. (a) ends at w = %.0f with a training loss of "
            + "%.4f (from %.1f at w₀); (b) ends at w = %.3f, %.1f%% from the grid minimiser %.3f, with a leave-one-out "
            + "loss of %.2f. Over the last epoch w spans %.0f%% of the minimiser in (b) and %.0f%% in (c), from %.2f to "
            + "%.2f. Against the truth on the 50 validation inputs the mean squared error is %.3f for (a) and %.3f for "
            + "(b).",
        sgdSettings.initialW, sgdSettings.learningRate, sgdSettings.epochs, finals[0], trainingLoss,
        try WidthObjective(keys: x, values: y, leaveOneOut: false).loss(w: [sgdSettings.initialW]), finals[1],
        100 * Swift.abs(finals[1] - best) / best, best, looLoss, 100 * ranges[1], 100 * ranges[2],
        lastEpoch.min() ?? .nan, lastEpoch.max() ?? .nan, errors[0], errors[1])
    return WorkedFigure(figure: figure, caption: caption, data: [
        DataFile("exercise-11-2-2-trajectories.csv",
                 columns: ["step", "w_all_pairs", "w_leave_one_out", "w_leave_one_out_constant_step"],
                 values: [steps, runs[0], runs[1], runs[2]]),
        DataFile("exercise-11-2-2-estimates.csv",
                 columns: ["x", "truth", "estimate_all_pairs", "estimate_leave_one_out"],
                 optionalValues: [sineData.validationInputs, truth, estimates[0], estimates[1]]),
    ])
}

// MARK: - 11.2-3 The unit sphere

/// `count` vectors in R^d with standard normal coordinates, each scaled by 10^u with u uniform on [−2, 2).
private func randomVectors(_ count: Int, dimension d: Int, seed: UInt64) -> [[Double]] {
    var generator = SeededGenerator(seed: seed)
    return (0..<count).map { _ in
        let scale = pow(10, 4 * generator.uniform() - 2)
        return (0..<d).map { _ in scale * generator.standardNormal() }
    }
}

/// Each vector divided by its length (the check's own, so a wrong `unitVectors` cannot spoil other checks).
private func normalised(_ vectors: [[Double]]) -> [[Double]] {
    vectors.map { v in
        let length = v.reduce(0.0) { $0 + $1 * $1 }.squareRoot()
        return v.map { $0 / length }
    }
}

/// The largest |Gaussian weight − dot-product weight| over every query and key for unit vectors in R^d, τ = σ².
private func sphereGap(dimension d: Int, width: Double, seed: UInt64) throws -> Double {
    let keys = normalised(randomVectors(20, dimension: d, seed: seed))
    let queries = normalised(randomVectors(5, dimension: d, seed: seed + 1))
    var largest = 0.0
    for query in queries {
        let gaussian = try gaussianAttentionWeights(query: query, keys: keys, width: width)
        let dot = try dotProductAttentionWeights(query: query, keys: keys, temperature: width * width)
        try expect(gaussian.count == keys.count && dot.count == keys.count,
                   "expected \(keys.count) weights from each function, got \(gaussian.count) and \(dot.count)")
        for (a, b) in zip(gaussian, dot) {
            try expect(a.isFinite && b.isFinite, "expected finite weights, got \(a) and \(b)")
            largest = Swift.max(largest, Swift.abs(a - b))
        }
    }
    return largest
}

extension ExerciseCatalogue {
    /// Exercise 11.2-3: unit vectors, both weightings against trusted ones, their equality.
    static var unitSphereChecks: [Check] {
        var checks: [Check] = []  // the student edition keeps only the visible ones
        checks += [
            Check("unit vectors have length 1 and keep their direction (d = 2, 5, 16)", points: 2) {
                for d in [2, 5, 16] {
                    let vectors = randomVectors(10, dimension: d, seed: UInt64(d))
                    let got = try unitVectors(vectors)
                    try expect(got.count == vectors.count,
                               "expected \(vectors.count) vectors in d = \(d), got \(got.count)")
                    for (index, (unit, expected)) in zip(got, normalised(vectors)).enumerated() {
                        try expect(unit.count == d,
                                   "vector \(index) in d = \(d): expected \(d) coordinates, got \(unit.count)")
                        let length = unit.reduce(0.0) { $0 + $1 * $1 }.squareRoot()
                        try expectClose(length, 1, tolerance: 1e-12, "length of unit vector \(index) in d = \(d)")
                        for (j, (a, b)) in zip(unit, expected).enumerated() {
                            try expectClose(a, b, tolerance: 1e-12,
                                            "coordinate \(j) of unit vector \(index) in d = \(d)")
                        }
                    }
                }
            },
            Check("a zero vector is refused with KernelExerciseError.zeroVector", points: 1) {
                do {
                    let got = try unitVectors([[1, 2], [0, 0], [3, 4]])
                    throw CheckFailure("expected KernelExerciseError.zeroVector(index: 1), got \(got)")
                } catch let error as StudentError where !error.isNotImplemented {
                    try expect(error.isKernelExerciseError && error.thrown.zeroVectorIndex == 1,
                               "expected KernelExerciseError.zeroVector(index: 1), got \(error)")
                }
            },
            Check("Gaussian weights match trusted Nadaraya–Watson weights", points: 1) {
                let keys = randomVectors(12, dimension: 3, seed: 51).map { $0.map { $0 / 10 } }
                let queries = randomVectors(4, dimension: 3, seed: 52).map { $0.map { $0 / 10 } }
                for width in [0.5, 2.0] {
                    let trusted = try NadarayaWatson(kernel: .gaussian, width: .scalar(width))
                        .pool(queries: queries, keys: keys, values: keys.indices.map { [Double($0)] }).weights
                    for (index, query) in queries.enumerated() {
                        let got = try gaussianAttentionWeights(query: query, keys: keys, width: width)
                        try expectAllClose(got, trusted[index] ?? [], tolerance: 1e-12,
                                           "Gaussian weights of query \(index) at σ = \(width)")
                    }
                }
            },
            Check("dot-product weights match a trusted softmax of qᵀkᵢ / τ", points: 1) {
                let keys = randomVectors(12, dimension: 4, seed: 61)
                let query = [0.3, -1.2, 0.8, 2.0]
                for temperature in [0.5, 3.0, 40.0] {
                    let scores = keys.map { key in zip(query, key).reduce(0.0) { $0 + $1.0 * $1.1 } }
                    let trusted = try Softmax.weights(scores, temperature: temperature) ?? []
                    let got = try dotProductAttentionWeights(query: query, keys: keys, temperature: temperature)
                    try expectAllClose(got, trusted, tolerance: 1e-12, "dot-product weights at τ = \(temperature)")
                }
            },
            Check("on the unit sphere the Gaussian of width σ is dot-product attention at τ = σ²", points: 2) {
                for d in [2, 5, 16] {
                    for width in [0.3, 1.0, 3.0] {
                        let gap = try sphereGap(dimension: d, width: width, seed: UInt64(70 + d))
                        try expect(gap < 1e-12, "d = \(d), σ = \(width): expected the weights to agree to 1e-12, "
                                       + "got a largest difference of \(gap)")
                    }
                }
            },
            Check("off the sphere, dot products plus your key biases give the Gaussian's weights", points: 2) {
                let keys = randomVectors(12, dimension: 3, seed: 81).map { $0.map { $0 / 10 } }
                let queries = randomVectors(4, dimension: 3, seed: 82).map { $0.map { $0 / 10 } }
                for width in [0.5, 2.0] {
                    let biases = try keyBiases(keys: keys, width: width)
                    try expect(biases.count == keys.count, "expected \(keys.count) biases, got \(biases.count)")
                    let trusted = try NadarayaWatson(kernel: .gaussian, width: .scalar(width))
                        .pool(queries: queries, keys: keys, values: keys.indices.map { [Double($0)] }).weights
                    for (index, query) in queries.enumerated() {
                        let scores = zip(keys, biases).map { key, bias in
                            zip(query, key).reduce(0.0) { $0 + $1.0 * $1.1 } / (width * width) + bias
                        }
                        let got = try Softmax.weights(scores) ?? []
                        try expectAllClose(got, trusted[index] ?? [], tolerance: 1e-9,
                                           "softmax(qᵀkᵢ/σ² + bᵢ) for query \(index) at σ = \(width)")
                    }
                }
            },
        ]
        // BEGIN HIDDEN CHECKS
        checks += [
            Check("sharp attention (σ = 0.01, τ = 10⁻⁴) neither overflows nor underflows", points: 1,
                  visibility: .hidden) {
                let gap = try sphereGap(dimension: 8, width: 0.01, seed: 81)
                try expect(gap < 1e-9, "expected the two weightings to agree to 1e-9 at σ = 0.01, got \(gap)")
            },
        ]
        // END HIDDEN CHECKS
        return checks
    }
}

/// Exercise 11.2-3's figure: one query's two weightings of 24 keys on the unit circle, at three widths.
@Sendable private func sphereWeightsFigure() throws -> WorkedFigure {
    var generator = SeededGenerator(seed: 90)
    let angles = (0..<24).map { _ in Double.pi * (2 * generator.uniform() - 1) }.sorted()
    let keys = try unitVectors(angles.map { [cos($0), sin($0)] })
    let query = [1.0, 0.0]
    let widths = [1.0, 0.5, 0.25]
    var columns: [[Double]] = [angles]
    let panels = try widths.map { width in
        let gaussian = try gaussianAttentionWeights(query: query, keys: keys, width: width)
        let dot = try dotProductAttentionWeights(query: query, keys: keys, temperature: width * width)
        columns += [gaussian, dot]
        return Panel.plot(PlotPanel(
            title: "σ = \(width), τ = σ² = \(width * width)", xLabel: "angle of the key (radians)",
            yLabel: "attention weight",
            series: [
                Series(label: "softmax(qᵀkᵢ / σ²)", xs: angles, ys: dot, style: .line(color: .vermillion, width: 1.5)),
                Series(label: "Gaussian NW weights", xs: angles, ys: gaussian,
                       style: .markers(color: .blue, radius: 3, opacity: 0.8)),
            ]))
    }
    let gaps = try [2, 5, 16].map { d in
        try [0.3, 1.0, 3.0].map { try sphereGap(dimension: d, width: $0, seed: UInt64(70 + d)) }.max() ?? 0
    }
    let figure = Figure(
        id: "sphere-weights", title: "On the unit circle, Gaussian weights are dot-product attention",
        description: "Three panels, σ = 1, 0.5 and 0.25: the attention weights of the query (1, 0) over 24 keys on "
            + "the unit circle against each key's angle. The Gaussian weights (dots) sit exactly on the softmax of "
            + "the dot products at temperature σ² (line); a smaller σ concentrates the weight on keys near angle 0.",
        panels: panels, sharedYAxis: true)
    let caption = "The query (1, 0) attends to 24 keys at random angles. Over 5 queries, 20 keys and σ = 0.3, 1, 3, "
        + "the largest difference between the two weightings is "
        + zip([2, 5, 16], gaps).map { "\(String(format: "%.1e", $0.1)) in d = \($0.0)" }.joined(separator: ", ")
        + ": rounding only."
    return WorkedFigure(figure: figure, caption: caption, data: [
        DataFile("exercise-11-2-3-weights.csv",
                 columns: ["angle"] + widths.flatMap { ["gaussian_sigma_\($0)", "dot_product_tau_\($0 * $0)"] },
                 values: columns),
    ])
}

// MARK: - 11.2-4 Consistency

/// The training-set sizes of exercise 11.2-4's slope check and figure: 100 to 3200, doubling.
private let consistencySizes = [100, 200, 400, 800, 1600, 3200]

/// The schedule's scale c (h = c · n^(−1/(d+4))) and the fixed width compared with it: 0.7, the schedule at n = 1.
private let consistencyScale = 0.7

/// The least-squares slope of log y on log x (the check's own, so a wrong `logLogSlope` spoils only its check).
private func fittedSlope(_ xs: [Double], _ ys: [Double]) -> Double {
    let (u, v) = (xs.map { log($0) }, ys.map { log($0) })
    let (meanU, meanV) = (u.reduce(0, +) / Double(u.count), v.reduce(0, +) / Double(v.count))
    let covariance = zip(u, v).reduce(0.0) { $0 + ($1.0 - meanU) * ($1.1 - meanV) }
    return covariance / u.reduce(0.0) { $0 + ($1 - meanU) * ($1 - meanU) }
}

/// The student's measurements for sizes `ns` in dimension d, each with its width, 100 test points, `repetitions`.
private func measurements(dimension d: Int, sizes ns: [Int], width: (Int) throws -> Double, repetitions: Int)
    throws -> [ConsistencyMeasurement]
{
    try ns.map { n in
        let m = try consistencyMeasurement(dimension: d, samples: n, width: try width(n), testPoints: 100,
                                           repetitions: repetitions, seed: 0)
        try expect(m.squaredBias >= 0 && m.variance >= 0 && m.meanSquaredError.isFinite,
                   "d = \(d), n = \(n): expected a finite squared bias and variance ≥ 0, got \(m)")
        return m
    }
}

/// The squared bias a fixed width h leaves in d dimensions, averaged over the whole inner cube: smoothing sin x with
/// a Gaussian of width h gives e^(−h²/2) sin x, so the bias at q is (e^(−h²/2) − 1) f(q), and the mean of f² over
/// [−1.5, 1.5]^d is d (½ − sin(3)/6) (the cross terms sin xⱼ sin xₖ average to 0).
private func predictedBiasFloor(width h: Double, dimension d: Int) -> Double {
    let shrink = 1 - exp(-h * h / 2)
    return Double(d) * shrink * shrink * (0.5 - sin(3.0) / 6)
}

/// The same prediction averaged over the given test points instead of the whole cube: (1 − e^(−h²/2))² · mean f(q)².
private func predictedBiasFloor(width h: Double, testPoints: [[Double]]) -> Double {
    let shrink = 1 - exp(-h * h / 2)
    let meanSquare = testPoints.reduce(0.0) { sum, q in
        let f = q.reduce(0.0) { $0 + sin($1) }
        return sum + f * f
    } / Double(testPoints.count)
    return shrink * shrink * meanSquare
}

/// The 100 test points `consistencyMeasurement` draws first with seed 0, as its documentation specifies.
private func consistencyTestPoints(dimension d: Int) -> [[Double]] {
    var generator = SeededGenerator(seed: 0)
    return (0..<100).map { _ in (0..<d).map { _ in -1.5 + 3 * generator.uniform() } }
}

/// `text` with every hyphen-minus written as a minus sign, for negative numbers from `String(format:)`.
private func minusSigns(_ text: String) -> String {
    text.replacingOccurrences(of: "-", with: "−")
}

extension ExerciseCatalogue {
    /// Exercise 11.2-4: the schedule, the slope fit, the variance formula, and the rates.
    static var consistencyChecks: [Check] {
        var checks: [Check] = []  // the student edition keeps only the visible ones
        checks += [
            Check("the width schedule is c · n^(−1/(d+4))", points: 2) {
                for d in 1...3 {
                    for n in [1, 10, 1000] {
                        for c in [0.7, 2.0] {
                            let got = try shrinkingWidth(samples: n, dimension: d, scale: c)
                            try expectClose(got, c * pow(Double(n), -1 / Double(d + 4)), tolerance: 1e-12,
                                            "width for n = \(n), d = \(d), c = \(c)")
                        }
                    }
                }
            },
            Check("the log–log slope of exact power laws", points: 2) {
                let cases: [(xs: [Double], ys: [Double], slope: Double)] = [
                    ([10, 20, 40, 80], [10, 20, 40, 80].map { 3 * pow($0, -0.8) }, -0.8),
                    ([7, 1, 11, 2, 3], [7, 1, 11, 2, 3].map { 0.5 * pow($0, 1.5) }, 1.5),
                    ([1, 1000], [4, 4], 0),
                ]
                for (xs, ys, slope) in cases {
                    try expectClose(try logLogSlope(xs: xs, ys: ys), slope, tolerance: 1e-12, "slope for xs = \(xs)")
                }
            },
            Check("one training point: the variance is the noise's, 0.5² = 0.25", points: 1) {
                let m = try consistencyMeasurement(dimension: 2, samples: 1, width: 0.5, testPoints: 10,
                                                   repetitions: 3, seed: 1)
                try expectClose(m.variance, 0.25, tolerance: 1e-12, "variance with n = 1 (Σ αᵢ² = 1)")
                try expect(m.squaredBias > 0,
                           "expected a squared bias > 0 with one training point, got \(m.squaredBias)")
            },
            Check("shrinking width: the error falls at every doubling of n (d = 2)", points: 1) {
                let ns = [100, 200, 400, 800, 1600]
                let errors = try measurements(dimension: 2, sizes: ns, width: {
                    consistencyScale * pow(Double($0), -1.0 / 6)
                }, repetitions: 2).map(\.meanSquaredError)
                for k in 1..<ns.count {
                    try expect(errors[k] < errors[k - 1], "expected the error to fall from n = \(ns[k - 1]) to "
                                   + "n = \(ns[k]), got \(errors[k - 1]) then \(errors[k])")
                }
            },
            Check("fixed width: the variance vanishes, the squared bias levels off at its prediction", points: 1) {
                let h = consistencyScale
                let fixed = try measurements(dimension: 1, sizes: [400, 3200], width: { _ in h }, repetitions: 2)
                let (small, large) = (fixed[0], fixed[1])
                try expect(large.variance < 0.2 * small.variance,
                           "expected the variance to fall about 8-fold from n = 400 to 3200, got \(small.variance) "
                               + "then \(large.variance)")
                let floor = predictedBiasFloor(width: h, dimension: 1)
                for (n, m) in [(400, small), (3200, large)] {
                    try expect(Swift.abs(m.squaredBias - floor) < 0.2 * floor,
                               "expected a squared bias within 20% of (1 − e^(−h²/2))² · mean sin² = \(floor) at "
                                   + "n = \(n), got \(m.squaredBias)")
                }
            },
            Check("d = 1: the error falls like n^slope with the slope within 0.1 of −4/5", points: 2) {
                let errors = try measurements(dimension: 1, sizes: consistencySizes, width: {
                    try shrinkingWidth(samples: $0, dimension: 1, scale: consistencyScale)
                }, repetitions: 3).map(\.meanSquaredError)
                let slope = fittedSlope(consistencySizes.map(Double.init), errors)
                try expect(Swift.abs(slope + 0.8) <= 0.1,
                           "expected a fitted slope within 0.1 of -0.8 for n = 100…3200, got \(slope) "
                               + "(errors \(errors))")
            },
        ]
        // BEGIN HIDDEN CHECKS
        checks += [
            Check("a huge width averages everything: variance 0.25/n; bad slope inputs are refused", points: 1,
                  visibility: .hidden) {
                let m = try consistencyMeasurement(dimension: 3, samples: 50, width: 1e6, testPoints: 5,
                                                   repetitions: 2, seed: 3)
                try expectClose(m.variance, 0.25 / 50, tolerance: 1e-9, "variance with n = 50 and h = 10⁶")
                for (xs, ys) in [([2.0], [3.0]), ([1.0, 2.0], [1.0, 0.0]), ([5.0, 5.0], [1.0, 2.0])] {
                    do {
                        let slope = try logLogSlope(xs: xs, ys: ys)
                        throw CheckFailure("expected an error for xs = \(xs), ys = \(ys), got slope \(slope)")
                    } catch let error as StudentError where error.isKernelExerciseError {}
                }
            },
        ]
        // END HIDDEN CHECKS
        return checks
    }
}

/// Exercise 11.2-4's figure: the error against n on log–log axes for d = 1, 2, 3, shrinking and fixed widths.
@Sendable private func consistencyRatesFigure() throws -> WorkedFigure {
    let ns = consistencySizes.map(Double.init)
    var columns: [(String, [Double])] = [("n", ns)]
    var summaries: [String] = []
    let panels = try (1...3).map { d in
        let shrinking = try measurements(dimension: d, sizes: consistencySizes, width: {
            try shrinkingWidth(samples: $0, dimension: d, scale: consistencyScale)
        }, repetitions: 3)
        let fixed = try measurements(dimension: d, sizes: consistencySizes, width: { _ in consistencyScale },
                                     repetitions: 3)
        let errors = shrinking.map(\.meanSquaredError)
        let slope = try logLogSlope(xs: ns, ys: errors)
        let theory = -4 / Double(d + 4)
        // The theory's slope drawn through the fitted line's centre, (geometric mean of n, of the error).
        let (centreN, centreError) = (exp(ns.map { log($0) }.reduce(0, +) / Double(ns.count)),
                                      exp(errors.map { log($0) }.reduce(0, +) / Double(errors.count)))
        // Drawn at half the height so that it does not hide the measured line it is compared with.
        let guide = ns.map { 0.5 * centreError * pow($0 / centreN, theory) }
        let floor = predictedBiasFloor(width: consistencyScale, testPoints: consistencyTestPoints(dimension: d))
        columns += [("mse_shrinking_d\(d)", errors), ("squared_bias_shrinking_d\(d)", shrinking.map(\.squaredBias)),
                    ("variance_shrinking_d\(d)", shrinking.map(\.variance)),
                    ("mse_fixed_d\(d)", fixed.map(\.meanSquaredError))]
        summaries.append(minusSigns(String(
            format: "d = %d: slope %.2f (theory %.2f); with h fixed, an error of %.4f at n = 3200 against a "
                + "predicted squared bias of %.4f.", d, slope, theory, fixed[fixed.count - 1].meanSquaredError, floor)))
        return Panel.plot(PlotPanel(
            title: minusSigns(String(format: "d = %d: slope %.2f (theory %.2f)", d, slope, theory)),
            xLabel: "n (log scale)",
            yLabel: "mean squared error (log scale)",
            series: [
                Series(label: "theory's slope −4/(d+4), at half height", xs: ns, ys: guide,
                       style: .line(color: .grey, width: 1.2)),
                Series(label: "fixed h = 0.7", xs: ns, ys: fixed.map(\.meanSquaredError),
                       style: .line(color: .vermillion, width: 1.6, dash: .dashed)),
                Series(label: "predicted bias² for h = 0.7", xs: [ns[0], ns[ns.count - 1]], ys: [floor, floor],
                       style: .line(color: .vermillion, width: 0.8)),
                Series(label: "h = 0.7 n^(−1/(d+4))", xs: ns, ys: errors, style: .line(color: .blue, width: 1.8)),
                Series(xs: ns, ys: errors, style: .markers(color: .blue, radius: 3)),
            ],
            xDomain: 70...4500, yDomain: 0.0005...0.5, xScale: .log, yScale: .log))
    }
    let figure = Figure(
        id: "consistency-rates", title: "How fast Nadaraya–Watson's error falls as n grows, in d = 1, 2, 3",
        description: "Three log–log panels of the mean squared error against n from 100 to 3200. With the width "
            + "shrinking as 0.7 n^(−1/(d+4)) the error falls along a straight line whose slope is close to the "
            + "theory's −4/(d+4) (grey) and shallower in higher dimensions. With the width fixed at 0.7 the error "
            + "flattens onto the squared bias the width leaves (thin line).",
        panels: panels, sharedYAxis: true)
    // The constant c at small n: d = 3 again with c = 0.5, against c = 0.7's variance at n = 100.
    let smaller = try measurements(dimension: 3, sizes: consistencySizes, width: {
        try shrinkingWidth(samples: $0, dimension: 3, scale: 0.5)
    }, repetitions: 3)
    let largerVariance = columns.first { $0.0 == "variance_shrinking_d3" }?.1.first ?? .nan
    columns.append(("mse_shrinking_d3_c_0_5", smaller.map(\.meanSquaredError)))
    let constantNote = minusSigns(String(
        format: "With c = 0.5 in d = 3: slope %.2f; at n = 100 the variance term is %.3f, against %.3f with c = 0.7 "
            + "(its ceiling is 0.25).", try logLogSlope(xs: ns, ys: smaller.map(\.meanSquaredError)),
        smaller[0].variance, largerVariance))
    let caption = "Inputs uniform on [−3, 3]^d, f(x) = Σ sin xⱼ, noise 0.5, 100 test points in [−1.5, 1.5]^d, "
        + "3 training sets per n, the error averaged exactly over the noise. " + summaries.joined(separator: " ")
        + " " + constantNote
    return WorkedFigure(figure: figure, caption: caption, data: [
        DataFile("exercise-11-2-4-errors.csv", columns: columns.map(\.0), values: columns.map(\.1)),
    ])
}

/// The same experiment at up to 10⁵ examples, with noisy labels drawn for real and the estimates computed by
/// `NadarayaWatson.estimates` (the SIMD dense engine), which makes n = 10⁵ in three dimensions a matter of seconds.
@Sendable private func consistencyAtScaleFigure() throws -> WorkedFigure {
    let sizes = [100, 316, 1000, 3162, 10_000, 31_623, 100_000]
    let ns = sizes.map(Double.init)
    var columns: [(String, [Double])] = [("n", ns)]
    var summaries: [String] = []
    let panels = try (1...3).map { d -> Panel in
        var generator = SeededGenerator(seed: UInt64(40 + d))
        let truth = { (x: [Double]) in x.reduce(0.0) { $0 + sin($1) } }
        let queries = (0..<200).map { _ in (0..<d).map { _ in -1.5 + 3 * generator.uniform() } }
        let errors = try sizes.map { n -> Double in
            let pooling = try NadarayaWatson(kernel: .gaussian, width: .scalar(0.7 * pow(Double(n), -1 / Double(d + 4))))
            var total = 0.0
            for _ in 0..<4 {
                let inputs = (0..<n).map { _ in (0..<d).map { _ in -3 + 6 * generator.uniform() } }
                let labels = inputs.map { truth($0) + 0.5 * generator.standardNormal() }
                let estimates = try pooling.estimates(queries: queries, keys: inputs, values: labels)
                for (query, estimate) in zip(queries, estimates) {
                    let gap = (estimate ?? .nan) - truth(query)
                    total += gap * gap
                }
            }
            return total / Double(4 * queries.count)
        }
        let slope = try logLogSlope(xs: ns, ys: errors)
        let theory = -4 / Double(d + 4)
        columns.append(("mse_d\(d)", errors))
        summaries.append(minusSigns(String(format: "d = %d: slope %.2f (theory %.2f).", d, slope, theory)))
        return Panel.plot(PlotPanel(
            title: minusSigns(String(format: "d = %d: slope %.2f (theory %.2f)", d, slope, theory)),
            xLabel: "n (log scale)", yLabel: "mean squared error (log scale)",
            series: [Series(label: "h = 0.7 n^(−1/(d+4)), noisy labels", xs: ns, ys: errors,
                            style: .line(color: .blue, width: 1.8)),
                     Series(xs: ns, ys: errors, style: .markers(color: .blue, radius: 3))],
            xDomain: 70...140_000, xScale: .log, yScale: .log))
    }
    let figure = Figure(
        id: "consistency-at-scale", title: "The consistency experiment up to 100 000 examples",
        description: "Three log–log panels of the mean squared error against n from 100 to 100 000, with the width "
            + "shrinking as 0.7 n^(−1/(d+4)); the error falls along a line whose slope is shallower in higher "
            + "dimensions. " + summaries.joined(separator: " "),
        panels: panels, sharedYAxis: true)
    let caption = "As in the previous figure, but with the labels' noise drawn for real (4 training sets per n, "
        + "200 test points) and n up to 100 000. " + summaries.joined(separator: " ")
    return WorkedFigure(figure: figure, caption: caption, data: [
        DataFile("exercise-11-2-4-errors-at-scale.csv", columns: columns.map(\.0), values: columns.map(\.1)),
    ])
}
