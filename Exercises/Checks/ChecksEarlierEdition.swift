import Foundation
import AttentionPooling
import CourseSite
import Figures

extension ExerciseCatalogue {
    /// The earlier edition's four exercises of §11.2: more data, the learned w, choosing the width by cross-validation,
    /// and a parametric attention pooling of one's own.
    static var earlierEdition11_2: [Exercise] {
        [
            Exercise(id: "11.2-E1", title: "More training data for the nonparametric estimator", checks: moreDataChecks),
            Exercise(id: "11.2-E2", title: "The learned w sharpens the attention weights", checks: sharpnessChecks),
            Exercise(id: "11.2-E3", title: "Choosing the width by K-fold cross-validation", checks: crossValidationChecks),
            Exercise(id: "11.2-E4", title: "A parametric attention pooling of your own", checks: ownPoolingChecks),
        ]
    }

    /// The worked solutions' figures of the earlier edition's exercises, by the name their pages use.
    static var figuresEarlierEdition11_2: [String: @Sendable () throws -> WorkedFigure] {
        ["more-data": moreDataFigure, "learned-sharpness": sharpnessFigure, "cv-width": crossValidationFigure,
         "own-pooling": ownPoolingFigure]
    }

    /// The σ for n training pairs that shrinks as n^(−1/5) from 0.7 at n = 40.
    static func earlierShrinkingWidth(_ n: Int) -> Double { 0.7 * pow(Double(n) / 40, -0.2) }

    /// The error against the truth of Gaussian Nadaraya–Watson on `SineRegression.generate(samples:seed:)`.
    static func referenceTruthError(samples: Int, seed: UInt64, width: Double) throws -> Double {
        let data = SineRegression.generate(samples: samples, seed: seed)
        let result = try NadarayaWatson(kernel: .gaussian, width: .scalar(width))
            .pool(queries: data.validationInputs, keys: data.trainingInputs, values: data.trainingTargets)
        return meanSquaredError(estimates: result.estimates, truth: data.validationTruth ?? []).mean ?? .nan
    }

    // MARK: 11.2-E1

    static var moreDataChecks: [Check] {
        var checks: [Check] = []  // the student edition keeps only the visible ones
        checks += [
            Check("truthError matches the reference for (n, seed, σ) = (40, 0, 1) and (200, 3, 0.3)", points: 3) {
                for (n, seed, sigma) in [(40, UInt64(0), 1.0), (200, 3, 0.3)] {
                    try expectClose(try truthError(samples: n, seed: seed, width: sigma),
                                    try referenceTruthError(samples: n, seed: seed, width: sigma), tolerance: 1e-9,
                                    "truthError(samples: \(n), seed: \(seed), width: \(sigma))")
                }
            },
            Check("the curve averages truthError over seeds 0, 1, …", points: 2) {
                let curve = try truthErrorCurve(sampleSizes: [20, 60], repetitions: 3) { _ in 0.5 }
                try expect(curve.count == 2, "expected 2 points on the curve, got \(curve.count)")
                for (index, n) in [20, 60].enumerated() {
                    let mean = try (0..<3).map { try referenceTruthError(samples: n, seed: UInt64($0), width: 0.5) }
                        .reduce(0, +) / 3
                    try expectClose(curve[index], mean, tolerance: 1e-9, "the curve at n = \(n)")
                }
            },
            Check("with σ shrinking as n^(−1/5) the error falls as n grows", points: 3) {
                let sizes = [25, 100, 400, 1600]
                let curve = try truthErrorCurve(sampleSizes: sizes, repetitions: 4, width: earlierShrinkingWidth)
                try expect(curve.count == sizes.count, "expected \(sizes.count) points, got \(curve.count)")
                for index in 1..<sizes.count {
                    try expect(curve[index] < curve[index - 1], "expected the error at n = \(sizes[index]) below "
                        + "\(curve[index - 1]) (n = \(sizes[index - 1])), got \(curve[index])")
                }
            },
        ]
        // BEGIN HIDDEN CHECKS
        checks += [
            Check("a fixed wide σ = 1.5 levels off while the shrinking σ keeps improving", points: 2,
                  visibility: .hidden) {
                let fixed = try truthErrorCurve(sampleSizes: [100, 1600], repetitions: 4) { _ in 1.5 }
                let shrinking = try truthErrorCurve(sampleSizes: [100, 1600], repetitions: 4, width: earlierShrinkingWidth)
                try expect(fixed.count == 2 && shrinking.count == 2, "expected 2 points on each curve")
                try expect(fixed[1] > 0.8 * fixed[0], "σ = 1.5: expected the error at n = 1600 to stay above 80% of "
                    + "\(fixed[0]) (its bias), got \(fixed[1])")
                try expect(shrinking[1] < 0.5 * shrinking[0], "shrinking σ: expected the error at n = 1600 below half "
                    + "of \(shrinking[0]), got \(shrinking[1])")
            },
        ]
        // END HIDDEN CHECKS
        return checks
    }

    // MARK: 11.2-E2

    /// The chapter's 40 training pairs (seed 0).
    static var chapterData: RegressionData { SineRegression.generate(samples: 40, seed: 0) }

    /// The average entropy of the student's rows for the chapter's data at inverse width w.
    static func averageEntropy(w: Double) throws -> Double {
        let data = chapterData
        let entropies = try rowEntropies(try gaussianAttentionRows(
            queries: data.validationInputs, keys: data.trainingInputs, w: w))
        try expect(entropies.count == data.validationInputs.count,
                   "expected \(data.validationInputs.count) entropies, got \(entropies.count)")
        return entropies.reduce(0, +) / Double(entropies.count)
    }

    /// The leave-one-out minimiser of the chapter's data, w = 1/σ, by the library's grid search.
    static func learnedW() throws -> Double {
        let data = chapterData
        return try WidthObjective(keys: data.trainingInputs, values: data.trainingTargets, leaveOneOut: true)
            .gridSearch(lower: 0.05, upper: 50, count: 200).refined
    }

    static var sharpnessChecks: [Check] {
        var checks: [Check] = []  // the student edition keeps only the visible ones
        checks += [
            Check("rows are the Gaussian weights of width σ = 1/w", points: 2) {
                let data = chapterData
                for w in [0.5, 1.5, 4] {
                    let rows = try gaussianAttentionRows(queries: data.validationInputs, keys: data.trainingInputs, w: w)
                    let reference = try NadarayaWatson(kernel: .gaussian, width: .scalar(1 / w))
                        .pool(queries: data.validationInputs, keys: data.trainingInputs, values: data.trainingTargets)
                    try expect(rows.count == reference.weights.count,
                               "expected \(reference.weights.count) rows, got \(rows.count)")
                    for (index, pair) in zip(rows, reference.weights).enumerated() {
                        try expectAllClose(pair.0, pair.1 ?? [], tolerance: 1e-12, "row \(index) at w = \(w)")
                    }
                }
            },
            Check("entropies by hand: ln m for uniform rows, 0 for one-hot, 1.5 ln 2 for (½, ¼, ¼)", points: 2) {
                let entropies = try rowEntropies([[0.25, 0.25, 0.25, 0.25], [0, 1, 0], [0.5, 0.25, 0.25]])
                try expect(entropies.count == 3, "expected 3 entropies, got \(entropies.count)")
                for (index, expected) in [log(4.0), 0, 1.5 * log(2.0)].enumerated() {
                    try expectClose(entropies[index], expected, tolerance: 1e-12, "the entropy of row \(index)")
                }
                try expectRefusal("rowEntropies of a row summing to 0.9") { try rowEntropies([[0.5, 0.4]]) }
            },
            Check("a larger w gives a lower average entropy", points: 2) {
                var previous = Double.infinity
                for w in [0.25, 0.5, 1, 2, 4, 8] {
                    let average = try averageEntropy(w: w)
                    try expect(average < previous, "expected the average entropy at w = \(w) below \(previous), "
                        + "got \(average)")
                    previous = average
                }
            },
            Check("the leave-one-out w gives sharper rows than σ = 1", points: 2) {
                let w = try learnedW()
                let (learned, plain) = (try averageEntropy(w: w), try averageEntropy(w: 1))
                try expect(learned < plain, "expected the average entropy at the learned w = \(w) below σ = 1's "
                    + "\(plain), got \(learned)")
            },
        ]
        // BEGIN HIDDEN CHECKS
        checks += [
            Check("w = 1000 gives finite, nearly one-hot rows", points: 2, visibility: .hidden) {
                let data = chapterData
                let rows = try gaussianAttentionRows(queries: data.validationInputs, keys: data.trainingInputs, w: 1000)
                for (index, row) in rows.enumerated() {
                    try expect(row.allSatisfy(\.isFinite), "row \(index) at w = 1000 is not finite")
                    try expectClose(row.reduce(0, +), 1, tolerance: 1e-9, "the sum of row \(index) at w = 1000")
                }
                let average = try rowEntropies(rows).reduce(0, +) / Double(rows.count)
                try expect(average < 0.05, "expected an average entropy near 0 at w = 1000, got \(average)")
            },
        ]
        // END HIDDEN CHECKS
        return checks
    }

    // MARK: 11.2-E3

    /// The library's leave-one-out error of the Gaussian with width σ: cross-validation with K = n.
    static func referenceLeaveOneOut(_ inputs: [Double], _ targets: [Double], _ sigma: Double) throws -> Double {
        try NadarayaWatson(kernel: .gaussian, width: .scalar(sigma))
            .leaveOneOutError(inputs: inputs.map { [$0] }, targets: targets).mean ?? .nan
    }

    /// 25 widths spaced evenly in log σ from 0.05 to 5.
    static let widthGrid = (0..<25).map { 0.05 * pow(100, Double($0) / 24) }

    /// The number of folds the exercise's main checks and figure use.
    static let crossValidationFolds = 5

    static var crossValidationChecks: [Check] {
        var checks: [Check] = []  // the student edition keeps only the visible ones
        checks += [
            Check("K = n folds is leave-one-out: it matches NadarayaWatson.leaveOneOutError on the chapter's data",
                  points: 3) {
                let data = chapterData
                let (x, y) = (data.trainingInputs, data.trainingTargets)
                for sigma in [0.1, 0.3, 0.68, 2] {
                    try expectClose(try crossValidationError(inputs: x, targets: y, width: sigma, folds: x.count),
                                    try referenceLeaveOneOut(x, y, sigma), tolerance: 1e-9,
                                    "the error with K = n = \(x.count) folds at σ = \(sigma)")
                }
            },
            Check("pair i is in fold i mod K: two folds of four pairs and three of six, worked out by hand", points: 3) {
                // Folds {x = 0, 2} and {x = 1, 3}, labels 0, 4, 2, 6. A huge σ predicts each pair by the mean of the
                // other fold's labels (5, 1, 5, 1): (25 + 9 + 9 + 25)/4 = 17. A tiny σ takes the nearest pair of the
                // other fold, or the mean of two tied ones (4, 1, 5, 2): (16 + 9 + 9 + 16)/4 = 12.5.
                let (x, y) = ([0.0, 1, 2, 3], [0.0, 4, 2, 6])
                try expectClose(try crossValidationError(inputs: x, targets: y, width: 1e8, folds: 2), 17,
                                tolerance: 1e-9, "the 2-fold error of four pairs at σ = 10⁸")
                try expectClose(try crossValidationError(inputs: x, targets: y, width: 1e-3, folds: 2), 12.5,
                                tolerance: 1e-9, "the 2-fold error of four pairs at σ = 10⁻³")
                // Folds {x = 0, 3}, {1, 4}, {2, 5}, labels 3x (sum 45). A huge σ predicts a pair by the mean of the
                // four labels outside its fold: 9, 9, 7.5, 7.5, 6, 6 against 0, 9, 3, 12, 6, 15, so
                // (81 + 0 + 20.25 + 20.25 + 0 + 81)/6 = 33.75.
                try expectClose(try crossValidationError(inputs: [0, 1, 2, 3, 4, 5], targets: [0, 3, 6, 9, 12, 15],
                                                         width: 1e8, folds: 3), 33.75,
                                tolerance: 1e-9, "the 3-fold error of six pairs at σ = 10⁸")
            },
            Check("bestWidth picks the grid's minimiser for K = n, the first on a tie", points: 2) {
                let data = chapterData
                let (x, y) = (data.trainingInputs, data.trainingTargets)
                let errors = try widthGrid.map { try referenceLeaveOneOut(x, y, $0) }
                let expected = widthGrid[errors.indices.min { errors[$0] < errors[$1] } ?? 0]
                try expectClose(try bestWidth(inputs: x, targets: y, candidates: widthGrid, folds: x.count), expected,
                                tolerance: 1e-12, "the best width for K = n on 25 widths from 0.05 to 5")
                try expectClose(try bestWidth(inputs: [0, 1], targets: [1, 3], candidates: [2, 0.5, 1], folds: 2), 2,
                                tolerance: 0, "the best width when every candidate ties")
            },
        ]
        // BEGIN HIDDEN CHECKS
        /// The K-fold error computed fold by fold with the library: each fold's inputs are the queries, the other
        /// folds' pairs the keys and values.
        @Sendable func referenceCrossValidation(_ inputs: [Double], _ targets: [Double], _ sigma: Double,
                                                folds k: Int) throws -> Double {
            let pooling = try NadarayaWatson(kernel: .gaussian, width: .scalar(sigma))
            var total = 0.0
            for fold in 0..<k {
                let (held, kept) = (inputs.indices.filter { $0 % k == fold }, inputs.indices.filter { $0 % k != fold })
                let estimates = try pooling.estimates(queries: held.map { inputs[$0] }, keys: kept.map { inputs[$0] },
                                                      values: kept.map { targets[$0] })
                for (i, estimate) in zip(held, estimates) {
                    let residual = (estimate ?? .nan) - targets[i]
                    total += residual * residual
                }
            }
            return total / Double(inputs.count)
        }
        checks += [
            Check("5 folds on the chapter's data and σ = 10⁻⁵ (every kernel value underflows) match a trusted "
                      + "fold-by-fold computation, and so does bestWidth; K = 1 and K > n are refused", points: 2,
                  visibility: .hidden) {
                let data = chapterData
                let (x, y) = (data.trainingInputs, data.trainingTargets)
                for sigma in [0.1, 0.3, 0.68, 2] {
                    try expectClose(try crossValidationError(inputs: x, targets: y, width: sigma, folds: 5),
                                    try referenceCrossValidation(x, y, sigma, folds: 5), tolerance: 1e-9,
                                    "the 5-fold error at σ = \(sigma)")
                }
                let errors = try widthGrid.map { try referenceCrossValidation(x, y, $0, folds: 5) }
                try expectClose(try bestWidth(inputs: x, targets: y, candidates: widthGrid, folds: 5),
                                widthGrid[errors.indices.min { errors[$0] < errors[$1] } ?? 0], tolerance: 1e-12,
                                "the best width for 5 folds on 25 widths from 0.05 to 5")
                let small = SineRegression.generate(samples: 30, seed: 5)
                for folds in [3, 30] {
                    try expectClose(try crossValidationError(inputs: small.trainingInputs, targets: small.trainingTargets,
                                                             width: 1e-5, folds: folds),
                                    try referenceCrossValidation(small.trainingInputs, small.trainingTargets, 1e-5,
                                                                 folds: folds),
                                    tolerance: 1e-9, "the \(folds)-fold error at σ = 10⁻⁵")
                }
                for folds in [1, 31] {
                    try expectRefusal("crossValidationError with \(folds) folds of 30 pairs") {
                        try crossValidationError(inputs: small.trainingInputs, targets: small.trainingTargets, width: 1,
                                                 folds: folds)
                    }
                }
            },
        ]
        // END HIDDEN CHECKS
        return checks
    }

    // MARK: 11.2-E4

    static var ownPoolingChecks: [Check] {
        var checks: [Check] = []  // the student edition keeps only the visible ones
        checks += [
            Check("outside-square weights are the Gaussian's of width σ = 1/√w", points: 3) {
                let data = chapterData
                for w in [0.3, 2, 20] {
                    let rows = try outsideSquareWeights(queries: data.validationInputs, keys: data.trainingInputs, w: w)
                    let reference = try NadarayaWatson(kernel: .gaussian, width: .scalar(1 / w.squareRoot()))
                        .pool(queries: data.validationInputs, keys: data.trainingInputs, values: data.trainingTargets)
                    try expect(rows.count == reference.weights.count,
                               "expected \(reference.weights.count) rows, got \(rows.count)")
                    for (index, pair) in zip(rows, reference.weights).enumerated() {
                        try expectAllClose(pair.0, pair.1 ?? [], tolerance: 1e-12, "row \(index) at w = \(w)")
                    }
                }
            },
            Check("inverse-kernel rows are valid attention weights that look away from near keys", points: 2) {
                let keys = [0.0, 1, 3, 6]
                let rows = try inverseKernelWeights(queries: [1, 2.5, 6], keys: keys, w: 0.5)
                try expect(rows.count == 3, "expected 3 rows, got \(rows.count)")
                let expected = [[1, 0, 2, 5].map { $0 / 8.0 }, [2.5, 1.5, 0.5, 3.5].map { $0 / 8.0 },
                                [6, 5, 3, 0].map { $0 / 14.0 }]
                for (index, pair) in zip(rows, expected).enumerated() {
                    try expectAllClose(pair.0, pair.1, tolerance: 1e-12, "row \(index)")
                }
                try expectAllClose(try inverseKernelWeights(queries: [2], keys: [2, 2], w: 3).first ?? [], [0.5, 0.5],
                              tolerance: 1e-12, "the row of a query at both keys (uniform)")
            },
            Check("the leave-one-out loss matches the Gaussian's of width 1/√w", points: 2) {
                let data = chapterData
                for w in [0.5, 2, 10] {
                    try expectClose(
                        try outsideSquareLeaveOneOutLoss(inputs: data.trainingInputs, targets: data.trainingTargets,
                                                         w: w),
                        try referenceLeaveOneOut(data.trainingInputs, data.trainingTargets, 1 / w.squareRoot()),
                        tolerance: 1e-9, "the leave-one-out loss at w = \(w)")
                }
            },
            Check("training from w = 0.2 never raises the loss and lowers it", points: 2) {
                let data = chapterData
                let path = try trainOutsideSquare(inputs: data.trainingInputs, targets: data.trainingTargets,
                                                  initialW: 0.2, epochs: 20)
                try expect(path.count == 21, "expected 21 values of w (w₀ and 20 epochs), got \(path.count)")
                try expect(path[0] == 0.2, "expected the trajectory to start at w₀ = 0.2, got \(path[0])")
                var losses: [Double] = []
                for (epoch, w) in path.enumerated() {
                    try expect(w > 0 && w.isFinite, "epoch \(epoch): w = \(w) is not a finite number > 0")
                    losses.append(try referenceLeaveOneOut(data.trainingInputs, data.trainingTargets, 1 / w.squareRoot()))
                }
                for epoch in 1..<losses.count {
                    try expect(losses[epoch] <= losses[epoch - 1] * (1 + 1e-12),
                               "the loss rose from \(losses[epoch - 1]) to \(losses[epoch]) at epoch \(epoch)")
                }
                try expect(losses[20] < losses[0], "expected the loss below its start \(losses[0]), got \(losses[20])")
            },
        ]
        // BEGIN HIDDEN CHECKS
        checks += [
            Check("100 epochs never raise the loss and reach the grid's best within 1%", points: 1,
                  visibility: .hidden) {
                let data = chapterData
                let path = try trainOutsideSquare(inputs: data.trainingInputs, targets: data.trainingTargets,
                                                  initialW: 0.2, epochs: 100)
                try expect(path.count == 101 && path.allSatisfy { $0 > 0 && $0.isFinite },
                           "expected 101 finite values of w > 0, got \(path.count)")
                var previous = Double.infinity
                for (epoch, w) in path.enumerated() {
                    let loss = try referenceLeaveOneOut(data.trainingInputs, data.trainingTargets, 1 / w.squareRoot())
                    try expect(loss <= previous, "the loss rose from \(previous) to \(loss) at epoch \(epoch)")
                    previous = loss
                }
                let final = try referenceLeaveOneOut(data.trainingInputs, data.trainingTargets,
                                                     1 / (path.last ?? .nan).squareRoot())
                let best = try (0..<100).map { index in
                    try referenceLeaveOneOut(data.trainingInputs, data.trainingTargets, 0.05 * pow(200, Double(index) / 99))
                }.min() ?? .nan
                try expect(final <= 1.01 * best, "expected a loss within 1% of the grid's \(best), got \(final)")
            },
        ]
        // END HIDDEN CHECKS
        return checks
    }
}

// MARK: Worked-solution figures

extension ExerciseCatalogue {
    /// E1: the error against the truth against n on log–log axes, for two fixed widths, the shrinking width and the
    /// width chosen by leave-one-out on each data set.
    static func moreDataFigure() throws -> WorkedFigure {
        let sizes = [25, 50, 100, 200, 400, 800, 1600]
        let repetitions = 4
        let grid = (0..<13).map { 0.05 * pow(100, Double($0) / 12) }
        var (chosen, chosenWidths): ([Double], [Double]) = ([], [])  // per n: mean error, mean chosen σ
        for n in sizes {
            var (total, widths) = (0.0, 0.0)
            for seed in 0..<UInt64(repetitions) {
                let data = SineRegression.generate(samples: n, seed: seed)
                let errors = try grid.map { try referenceLeaveOneOut(data.trainingInputs, data.trainingTargets, $0) }
                let sigma = grid[errors.indices.min { errors[$0] < errors[$1] } ?? 0]
                total += try truthError(samples: n, seed: seed, width: sigma)
                widths += sigma
            }
            chosen.append(total / Double(repetitions))
            chosenWidths.append(widths / Double(repetitions))
        }
        let wide = try truthErrorCurve(sampleSizes: sizes, repetitions: repetitions) { _ in 1.5 }
        let narrow = try truthErrorCurve(sampleSizes: sizes, repetitions: repetitions) { _ in 0.5 }
        let shrinking = try truthErrorCurve(sampleSizes: sizes, repetitions: repetitions, width: earlierShrinkingWidth)
        let xs = sizes.map(Double.init)
        let panel = PlotPanel(
            title: "Error against the truth, mean of 4 data sets", xLabel: "n (training pairs)",
            yLabel: "mean squared error vs truth",
            series: [
                Series(label: "fixed σ = 1.5", xs: xs, ys: wide, style: .line(color: .vermillion, width: 2)),
                Series(label: "fixed σ = 0.5", xs: xs, ys: narrow, style: .line(color: .orange, width: 2)),
                Series(label: "σ = 0.7·(n/40)^(−1/5)", xs: xs, ys: shrinking, style: .line(color: .blue, width: 2)),
                Series(label: "σ chosen by leave-one-out", xs: xs, ys: chosen,
                       style: .line(color: .bluishGreen, width: 2, dash: .dashed)),
            ],
            xScale: .log, yScale: .log)
        let figure = Figure(
            id: "more-data", title: "More data helps only if the width shrinks",
            description: "Mean squared error against the truth, log scale, against the number of training pairs "
                + "from 25 to 1600, log scale. The fixed wide width stays flat near its bias; the fixed width 0.5 "
                + "falls slowly and flattens; the shrinking width and the width chosen by leave-one-out fall over the "
                + "range as a whole.",
            panels: [.plot(panel)], width: 720)
        let last = sizes.count - 1
        let caption = "Data: SineRegression with n pairs, seeds 0–3; error on the 50 validation inputs. "
            + "From n = 25 to 1600 the error goes from \(wide[0].significant(3)) to "
            + "\(wide[last].significant(3)) with σ = 1.5, from \(narrow[0].significant(3)) to "
            + "\(narrow[last].significant(3)) with σ = 0.5, from \(shrinking[0].significant(3)) to "
            + "\(shrinking[last].significant(3)) with the shrinking σ, and from \(chosen[0].significant(3)) "
            + "to \(chosen[last].significant(3)) with σ chosen by leave-one-out on 13 widths from 0.05 to 5. "
            + "Leave-one-out's choice averages σ = \(chosenWidths[0].significant(3)) at n = \(sizes[0]) and "
            + "\(chosenWidths[last].significant(3)) at n = \(sizes[last]); its error is below the shrinking σ's at "
            + "\(zip(chosen, shrinking).filter { $0 < $1 }.count) of the \(sizes.count) sizes."
        return WorkedFigure(figure: figure, caption: caption, data: [
            DataFile("exercise-11-2-e1-error-vs-n.csv",
                     columns: ["n", "fixed_sigma_1_5", "fixed_sigma_0_5", "shrinking_sigma", "loo_sigma"],
                     values: [xs, wide, narrow, shrinking, chosen]),
        ])
    }

    /// E2: the effective number of keys e^H against w, and one query's weights at w = 1 and at the learned w.
    static func sharpnessFigure() throws -> WorkedFigure {
        let data = chapterData
        let learned = try learnedW()
        let ws = (0..<41).map { 0.1 * pow(300, Double($0) / 40) }
        let effective = try ws.map { exp(try averageEntropy(w: $0)) }
        let (plain, sharp) = (exp(try averageEntropy(w: 1)), exp(try averageEntropy(w: learned)))
        let query = 2.5
        let rowPlain = try gaussianAttentionRows(queries: [query], keys: data.trainingInputs, w: 1)[0]
        let rowLearned = try gaussianAttentionRows(queries: [query], keys: data.trainingInputs, w: learned)[0]
        let curve = PlotPanel(
            title: "Keys a query attends to, e^H (mean over queries)", xLabel: "w = 1/σ", yLabel: "e^H",
            series: [
                Series(label: "e^H", xs: ws, ys: effective, style: .line(color: .blue, width: 2)),
                Series(label: "σ = 1 (w = 1)", xs: [1], ys: [plain], style: .markers(color: .grey, radius: 5)),
                Series(label: "learned w (leave-one-out)", xs: [learned], ys: [sharp],
                       style: .markers(color: .vermillion, radius: 5, shape: .square)),
            ],
            xScale: .log, yScale: .log)
        let row = PlotPanel(
            title: "Weights of the query x = 2.5", xLabel: "key xᵢ", yLabel: "attention weight",
            series: [
                Series(label: "w = 1", xs: data.trainingInputs, ys: rowPlain,
                       style: .line(color: .grey, width: 2)),
                Series(label: "learned w", xs: data.trainingInputs, ys: rowLearned,
                       style: .line(color: .vermillion, width: 2)),
            ])
        let figure = Figure(
            id: "learned-sharpness", title: "The learned w makes each query attend to fewer keys",
            description: "Left: the effective number of keys, e to the mean row entropy, against w on log axes: "
                + "it falls from nearly all 40 keys at small w towards 1 at large w; the learned w sits below w = 1. "
                + "Right: the weights of the query 2.5 over the keys, a wide bump at w = 1 and a narrower, taller "
                + "one at the learned w.",
            panels: [.plot(curve), .plot(row)])
        let caption = "The chapter's 40 pairs (seed 0). Leave-one-out learns w = \(learned.significant(3)) "
            + "(σ = \((1 / learned).significant(3))). A query attends on average to e^H = "
            + "\(plain.significant(3)) keys at w = 1 and \(sharp.significant(3)) at the learned w; the "
            + "largest weight of the query 2.5 rises from \((rowPlain.max() ?? 0).significant(3)) to "
            + "\((rowLearned.max() ?? 0).significant(3))."
        return WorkedFigure(figure: figure, caption: caption, data: [
            DataFile("exercise-11-2-e2-effective-keys.csv", columns: ["w", "effective_keys"], values: [ws, effective]),
            DataFile("exercise-11-2-e2-weights.csv", columns: ["key", "weight_w_1", "weight_learned"],
                     values: [data.trainingInputs, rowPlain, rowLearned]),
        ])
    }

    /// E3: the 5-fold and leave-one-out errors and the error against the truth against σ, and the estimate at the
    /// width 5 folds choose.
    static func crossValidationFigure() throws -> WorkedFigure {
        let data = chapterData
        let (x, y) = (data.trainingInputs, data.trainingTargets)
        let k = crossValidationFolds
        let fiveFold = try widthGrid.map { try crossValidationError(inputs: x, targets: y, width: $0, folds: k) }
        let loo = try widthGrid.map { try crossValidationError(inputs: x, targets: y, width: $0, folds: x.count) }
        let truth = try widthGrid.map { try referenceTruthError(samples: 40, seed: 0, width: $0) }
        let chosen = try bestWidth(inputs: x, targets: y, candidates: widthGrid, folds: k)
        let chosenLOO = try bestWidth(inputs: x, targets: y, candidates: widthGrid, folds: x.count)
        let ideal = widthGrid[truth.indices.min { truth[$0] < truth[$1] } ?? 0]
        let estimate = try NadarayaWatson(kernel: .gaussian, width: .scalar(chosen))
            .pool(queries: data.validationInputs, keys: x, values: y).estimates
        let errors = PlotPanel(
            title: "Three errors against the width", xLabel: "σ", yLabel: "mean squared error",
            series: [
                // Leave-one-out drawn wide and light beneath the K-fold line: where the two agree it shows as a band.
                Series(label: "leave-one-out, K = n (labels)", xs: widthGrid, ys: loo,
                       style: .line(color: .skyBlue, width: 5)),
                Series(label: "\(k)-fold cross-validation (labels)", xs: widthGrid, ys: fiveFold,
                       style: .line(color: .blue, width: 1.6)),
                Series(label: "error against the truth", xs: widthGrid, ys: truth,
                       style: .line(color: .vermillion, width: 2, dash: .dashed)),
            ],
            xScale: .log)
        let fit = PlotPanel(
            title: "The estimate at the width \(k) folds choose", xLabel: "x", yLabel: "y",
            series: [
                Series(label: "training pairs", xs: x, ys: y,
                       style: .markers(color: .grey, radius: 2.6, opacity: 0.55)),
                Series(label: "truth 2 sin x + x", xs: data.validationInputs, ys: data.validationTruth ?? [],
                       style: .line(color: .vermillion, width: 1.6, dash: .dashed)),
                Series(label: "estimate", xs: data.validationInputs, ys: estimate, style: .line(color: .blue, width: 2)),
            ])
        let figure = Figure(
            id: "cv-width", title: "Choosing the width by cross-validation",
            description: "Left: on a log σ axis, the \(k)-fold error (thin, dark blue) drawn over the leave-one-out error (wide, light blue), "
                + "both computed from the labels alone, and the error against the truth (dashed), which a real data "
                + "set does not offer. Right: the training pairs, the truth, and the estimate at the width chosen by "
                + "\(k) folds.",
            panels: [.plot(errors), .plot(fit)])
        let index = { (sigma: Double) in widthGrid.firstIndex(of: sigma) ?? 0 }
        let steps = { (a: Double, b: Double) in Swift.abs(index(a) - index(b)) }
        let caption = "The chapter's 40 pairs (seed 0), 25 widths from 0.05 to 5, folds i mod \(k). \(k) folds choose "
            + "σ = \(chosen.significant(3)) (\(k)-fold error \(fiveFold[index(chosen)].significant(3)), error against "
            + "the truth \(truth[index(chosen)].significant(3))); leave-one-out chooses σ = "
            + "\(chosenLOO.significant(3)) (\(steps(chosen, chosenLOO)) grid steps away; error against the truth "
            + "\(truth[index(chosenLOO)].significant(3))); the truth's best width on the grid would be σ = "
            + "\(ideal.significant(3)) (error \(truth[index(ideal)].significant(3))). Both cross-validation errors "
            + "include the label noise (variance 1), so their expected values are at least 1 at every width; on this "
            + "sample the \(k)-fold error lies above the error against the truth by "
            + "\((fiveFold[0] - truth[0]).significant(3)) at σ = \(widthGrid[0].significant(3)) and by "
            + "\((fiveFold[widthGrid.count - 1] - truth[widthGrid.count - 1]).significant(3)) at σ = "
            + "\(widthGrid[widthGrid.count - 1].significant(3))."
        return WorkedFigure(figure: figure, caption: caption, data: [
            DataFile("exercise-11-2-e3-errors.csv", columns: ["sigma", "cv5_error", "loo_error", "truth_error"],
                     values: [widthGrid, fiveFold, loo, truth]),
        ])
    }

    /// E4: the two forum variants: one query's weights, the outside-square loss with the training path, and both
    /// estimates.
    static func ownPoolingFigure() throws -> WorkedFigure {
        let data = chapterData
        let (x, y) = (data.trainingInputs, data.trainingTargets)
        let path = try trainOutsideSquare(inputs: x, targets: y, initialW: 0.2, epochs: 40)
        let trained = path[path.count - 1]
        let pathLosses = try path.map { try outsideSquareLeaveOneOutLoss(inputs: x, targets: y, w: $0) }
        let ws = (0..<60).map { 0.05 * pow(2000, Double($0) / 59) }
        let losses = try ws.map { try outsideSquareLeaveOneOutLoss(inputs: x, targets: y, w: $0) }
        var inverseTotal = 0.0  // the inverse kernel's leave-one-out error (its w cancels, so any w will do)
        for n in x.indices {
            let others = x.indices.filter { $0 != n }
            let weights = try inverseKernelWeights(queries: [x[n]], keys: others.map { x[$0] }, w: 1)[0]
            let estimate = zip(weights, others).reduce(0) { $0 + $1.0 * y[$1.1] }
            inverseTotal += (estimate - y[n]) * (estimate - y[n])
        }
        let inverseLoss = inverseTotal / Double(x.count)
        let meanLoss = try referenceLeaveOneOut(x, y, 1e6)  // a width so wide that every weight is equal
        let bookW = try learnedW()
        let query = 2.5
        let gaussianRow = try outsideSquareWeights(queries: [query], keys: x, w: trained)[0]
        let inverseRow = try inverseKernelWeights(queries: [query], keys: x, w: 1)[0]
        let gaussianFit = try outsideSquareWeights(queries: data.validationInputs, keys: x, w: trained)
            .map { zip($0, y).reduce(0) { $0 + $1.0 * $1.1 } }
        let inverseFit = try inverseKernelWeights(queries: data.validationInputs, keys: x, w: 1)
            .map { zip($0, y).reduce(0) { $0 + $1.0 * $1.1 } }
        let weights = PlotPanel(
            title: "Weights of the query x = 2.5", xLabel: "key xᵢ", yLabel: "attention weight",
            series: [
                Series(label: "outside the square, trained w", xs: x, ys: gaussianRow,
                       style: .line(color: .blue, width: 2)),
                Series(label: "inverse kernel", xs: x, ys: inverseRow, style: .line(color: .reddishPurple, width: 2)),
            ])
        let training = PlotPanel(
            title: "Outside-square loss and the training path", xLabel: "w", yLabel: "leave-one-out loss",
            series: [
                Series(label: "loss L(w)", xs: ws, ys: losses, style: .line(color: .black, width: 1.5)),
                Series(label: "training steps from w = 0.2", xs: path, ys: pathLosses,
                       style: .markers(color: .vermillion, radius: 3.5)),
            ],
            xScale: .log)
        let fits = PlotPanel(
            title: "The two estimates", xLabel: "x", yLabel: "y",
            series: [
                Series(label: "training pairs", xs: x, ys: y, style: .markers(color: .grey, radius: 2.6, opacity: 0.55)),
                Series(label: "truth 2 sin x + x", xs: data.validationInputs, ys: data.validationTruth ?? [],
                       style: .line(color: .vermillion, width: 1.6, dash: .dashed)),
                Series(label: "outside the square, trained w", xs: data.validationInputs, ys: gaussianFit,
                       style: .line(color: .blue, width: 2)),
                Series(label: "inverse kernel", xs: data.validationInputs, ys: inverseFit,
                       style: .line(color: .reddishPurple, width: 2)),
            ])
        let figure = Figure(
            id: "own-pooling", title: "Two parametric poolings from the forum",
            description: "Left: the weights of the query 2.5 over the keys: a bump centred on the query for the "
                + "Gaussian with w outside the square, a V with zero at the query for the inverse kernel. Middle: the "
                + "leave-one-out loss of the outside-square variant against w on a log axis with the training steps "
                + "from w = 0.2 walking down into its minimum. Right: the Gaussian estimate follows the truth, the "
                + "inverse kernel's is nearly flat and pulled towards the far ends of the data.",
            panels: [.plot(weights), .plot(training), .plot(fits)])
        let caption = "The chapter's 40 pairs (seed 0). Training w outside the square from 0.2 for 40 epochs ends "
            + "at w = \(trained.significant(3)) with leave-one-out loss \((pathLosses.last ?? 0).significant(3)); "
            + "the book's w inside the square learns \(bookW.significant(3)), and its square is "
            + "\((bookW * bookW).significant(3)): the same kernel. The inverse kernel's loss does not depend on w "
            + "(w cancels in the normalisation); its leave-one-out loss is \(inverseLoss.significant(3)), worse "
            + "than predicting the mean of the other labels (\(meanLoss.significant(3)))."
        return WorkedFigure(figure: figure, caption: caption, data: [
            DataFile("exercise-11-2-e4-loss.csv", columns: ["w", "loo_loss"], values: [ws, losses]),
            DataFile("exercise-11-2-e4-path.csv", columns: ["epoch", "w", "loo_loss"],
                     values: [path.indices.map(Double.init), path, pathLosses]),
            DataFile("exercise-11-2-e4-estimates.csv", columns: ["x", "outside_square", "inverse_kernel"],
                     values: [data.validationInputs, gaussianFit, inverseFit]),
        ])
    }
}

