import CourseCLI
import Foundation
import AttentionPooling

/// The benchmark's problems and how each path is timed and checked.
///
/// Data: keys uniform on [0, 5), values the chapter's 2 sin x + x plus N(0, 0.5²) noise, queries uniform on the
/// same interval, all from `SeededGenerator`, so every run measures the same problem.
enum Cases {
    /// The chapter's regression data at any size.
    static func sample(count: Int, seed: UInt64) -> (inputs: [Double], targets: [Double]) {
        var generator = SeededGenerator(seed: seed)
        let inputs = (0..<count).map { _ in 5 * generator.uniform() }
        let targets = inputs.map { SineRegression.truth($0) + 0.5 * generator.standardNormal() }
        return (inputs, targets)
    }

    /// The largest |a − b| over queries defined in both; infinite when one is defined and the other is not.
    static func maxAbsDifference(_ a: [Double?], _ b: [Double?]) -> Double {
        zip(a, b).reduce(0) { largest, pair in
            switch pair {
            case (let x?, let y?): max(largest, abs(x - y))
            case (nil, nil): largest
            default: .infinity
            }
        }
    }

    /// Seconds per query of `NadarayaWatson.pool` on `queries` (median of 3 runs), and its estimates.
    static func reference(queries: [Double], keys: [Double], values: [Double], kernel: Kernel, width: Double)
        throws -> (secondsPerQuery: Double, estimates: [Double?])
    {
        let pooling = try NadarayaWatson(kernel: kernel, width: .scalar(width))
        var estimates: [Double?] = []
        let seconds = try Stopwatch.median(runs: 3) {
            estimates = try pooling.pool(queries: queries, keys: keys, values: values).estimates
        }
        return (seconds / Double(queries.count), estimates)
    }

    /// `dense-gaussian`: the dense engine at 4096 keys × 4096 queries against the reference on 1024 of them.
    static func denseGaussian(runs: Int) throws -> BenchmarkResult {
        let n = 4096
        let (keys, values) = sample(count: n, seed: 1)
        let queries = sample(count: n, seed: 2).inputs
        let width = try BandwidthRules.silverman(keys)
        var estimates: [Double?] = []
        let seconds = try Stopwatch.median(runs: runs) {
            estimates = try DenseEngine.estimates(
                queries: queries, keys: keys, values: values, kernel: .gaussian, width: width)
        }
        let checked = 1024
        let reference = try reference(
            queries: Array(queries.prefix(checked)), keys: keys, values: values, kernel: .gaussian, width: width)
        return BenchmarkResult(
            name: "dense-gaussian", keys: n, queries: n, seconds: seconds,
            evaluationsPerSecond: Double(n * n) / seconds,
            speedUp: reference.secondsPerQuery * Double(n) / seconds, referenceQueries: checked,
            maxAbsDiffVsDense: maxAbsDifference(Array(estimates.prefix(checked)), reference.estimates),
            sampledQueries: checked,
            note: "σ = Silverman \(fixed(width, digits: 4)), \(runs) runs; diff vs reference")
    }

    /// `windowed-epanechikov`: sums between the queries' window edges, 10⁶ keys × 10⁵ queries, checked densely on 1000.
    static func windowedEpanechikov(runs: Int) throws -> BenchmarkResult {
        let (n, m) = (1_000_000, 100_000)
        let (keys, values) = sample(count: n, seed: 3)
        let queries = sample(count: m, seed: 4).inputs
        let width = try BandwidthRules.silverman(keys)
        var estimates: [Double?] = []
        // Hook: the windowed path (WindowedKernels, issue 6 part 2).
        let seconds = try Stopwatch.median(runs: runs) {
            estimates = try WindowedKernels.estimates(
                queries: queries, keys: keys, values: values, kernel: .epanechikov, width: width)
        }
        return try scaled(
            name: "windowed-epanechikov", kernel: .epanechikov, keys: keys, values: values, queries: queries,
            width: width, seconds: seconds, estimates: estimates, runs: runs)
    }

    /// `fast-gaussian`: the fast Gauss transform, 10⁶ keys × 10⁵ queries at Silverman's width, checked on 1000.
    static func fastGaussian(runs: Int) throws -> BenchmarkResult {
        let (n, m) = (1_000_000, 100_000)
        let (keys, values) = sample(count: n, seed: 5)
        let queries = sample(count: m, seed: 6).inputs
        let width = try BandwidthRules.silverman(keys)
        var estimates: [Double?] = []
        // Hook: the fast Gauss transform (FastGaussTransform, issue 6 part 2).
        let seconds = try Stopwatch.median(runs: runs) {
            estimates = try FastGaussTransform.estimates(queries: queries, keys: keys, values: values, width: width)
        }
        return try scaled(
            name: "fast-gaussian", kernel: .gaussian, keys: keys, values: values, queries: queries,
            width: width, seconds: seconds, estimates: estimates, runs: runs)
    }

    /// `loo-width`: choosing the Gaussian width w = 1/σ in [0.1, 1000] by leave-one-out error at n pairs.
    ///
    /// The difference column is |L(w) − L_dense(w)| at the chosen w, the dense loss from the dense engine; the
    /// reference is the chapter's dense grid search (`WidthObjective.gridSearch`, 400 widths), timed as 400 times
    /// one `WidthObjective.loss` at n = 1000 and scaled by n² beyond.
    static func leaveOneOutWidth(n: Int, runs: Int, referenceLossSeconds: Double) throws -> BenchmarkResult {
        let (inputs, targets) = sample(count: n, seed: 7)
        var choice = (w: 0.0, loss: 0.0)
        // Hook: leave-one-out width selection (LeaveOneOutWidth, issue 6 part 2).
        let seconds = try Stopwatch.median(runs: runs) {
            choice = try LeaveOneOutWidth.select(inputs: inputs, targets: targets, lower: 0.1, upper: 1000)
        }
        let dense = try DenseEngine.estimates(
            queries: inputs, keys: inputs, values: targets, kernel: .gaussian, width: 1 / choice.w, leaveOneOut: true)
        var denseLoss = 0.0
        for (estimate, target) in zip(dense, targets) {
            if let estimate { denseLoss += (estimate - target) * (estimate - target) }
        }
        let scale = Double(n) / 1000
        return BenchmarkResult(
            name: "loo-width", keys: n, queries: n, seconds: seconds, evaluationsPerSecond: nil,
            speedUp: 400 * referenceLossSeconds * scale * scale / seconds, referenceQueries: min(n, 1000),
            maxAbsDiffVsDense: abs(choice.loss - denseLoss), sampledQueries: n,
            note: "w = \(fixed(choice.w, digits: 4)), \(runs) runs; diff = |loss − dense loss|")
    }

    /// Seconds of one dense leave-one-out loss by `WidthObjective` at n = 1000, the reference for `loo-width`.
    static func referenceLeaveOneOutLoss() throws -> Double {
        let (inputs, targets) = sample(count: 1000, seed: 7)
        let objective = try WidthObjective(keys: inputs, values: targets, leaveOneOut: true)
        return try Stopwatch.median(runs: 3) { _ = try objective.loss(w: [4]) }
    }

    /// A large problem's row: the dense engine on 1000 sampled queries for the difference, the reference on 4
    /// queries (10⁶ keys each) for the speed-up.
    static func scaled(
        name: String, kernel: Kernel, keys: [Double], values: [Double], queries: [Double], width: Double,
        seconds: Double, estimates: [Double?], runs: Int
    ) throws -> BenchmarkResult {
        let checked = 1000
        let step = max(1, queries.count / checked)
        let indices = Array(stride(from: 0, to: queries.count, by: step).prefix(checked))
        let dense = try DenseEngine.estimates(
            queries: indices.map { queries[$0] }, keys: keys, values: values, kernel: kernel, width: width)
        let referenceQueries = 4
        let reference = try reference(
            queries: Array(queries.prefix(referenceQueries)), keys: keys, values: values, kernel: kernel,
            width: width)
        let evaluations = Double(keys.count) * Double(queries.count)
        return BenchmarkResult(
            name: name, keys: keys.count, queries: queries.count, seconds: seconds,
            evaluationsPerSecond: evaluations / seconds,
            speedUp: reference.secondsPerQuery * Double(queries.count) / seconds,
            referenceQueries: referenceQueries,
            maxAbsDiffVsDense: maxAbsDifference(indices.map { estimates[$0] }, dense), sampledQueries: indices.count,
            note: "σ = Silverman \(fixed(width, digits: 4)), \(runs) runs; evals/s dense-equivalent")
    }
}

extension Cases {
    /// `csv-read`: `NumericCSV.read` on 10⁶ rows `x,y` of 17 significant digits (the largest `--data` file), the file
    /// named by the environment variable BENCHMARK_CSV_FILE or else written here first (and removed after).
    /// `Tests/compare-with-numpy.sh` times numpy's `loadtxt` on the same file in the same run.
    static func csvRead(runs: Int) throws -> BenchmarkResult {
        var path = ProcessInfo.processInfo.environment["BENCHMARK_CSV_FILE"] ?? ""
        var written = false
        if path.isEmpty {
            path = NSTemporaryDirectory() + "benchmark-\(getpid()).csv"
            let (inputs, targets) = sample(count: 1_000_000, seed: 7)
            var text = "x,y\n"
            for (x, y) in zip(inputs, targets) { text += String(format: "%.17g,%.17g\n", x, y) }
            try text.write(toFile: path, atomically: false, encoding: .utf8)
            written = true
        }
        defer { if written { try? FileManager.default.removeItem(atPath: path) } }
        var rows = 0
        let seconds = try Stopwatch.median(runs: runs) {
            rows = try NumericCSV.read(path: path, header: ["x", "y"], minimumRows: 2, maximumRows: 1_000_000).rowCount
        }
        return BenchmarkResult(
            name: "csv-read", keys: rows, queries: 0, seconds: seconds, evaluationsPerSecond: nil, speedUp: nil,
            referenceQueries: nil, maxAbsDiffVsDense: nil, sampledQueries: nil, note: "\(runs) runs; rows read from \(path)")
    }
}

extension Cases {
    /// `size-sweep`: `NadarayaWatson.estimates` (the cost model's choice) at n = m from 10³ to 10⁶ for the Gaussian,
    /// boxcar and Epanechikov kernels at Silverman's width: at 7 log-spaced sizes s, the median time at s and at
    /// 1.01·s. A cliff would show as a large ratio t(1.01 s) / t(s); the note gives the largest.
    static func sizeSweep(runs: Int) throws -> [BenchmarkResult] {
        let sizes = (0...6).map { Int(pow(10, 3 + Double($0) / 2)) }
        return try [Kernel.gaussian, .boxcar, .epanechikov].flatMap { kernel in
            try sizes.map { size -> BenchmarkResult in
                var times: [Double] = []
                var path = EstimatorPath.reference
                for n in [size, size + size / 100] {
                    let (keys, values) = sample(count: n, seed: 11)
                    let queries = sample(count: n, seed: 12).inputs
                    let nw = try NadarayaWatson(kernel: kernel, width: .scalar(try BandwidthRules.silverman(keys)))
                    times.append(try Stopwatch.median(runs: runs) {
                        path = try nw.estimatesAndPath(queries: queries, keys: keys, values: values).path
                    })
                }
                return BenchmarkResult(
                    name: "size-sweep \(kernel.rawValue)", keys: size, queries: size, seconds: times[0],
                    evaluationsPerSecond: nil, speedUp: nil, referenceQueries: nil, maxAbsDiffVsDense: nil,
                    sampledQueries: nil,
                    note: "\(path.rawValue); n = m 1 % larger: \(fixed(times[1], digits: 4)) s, ratio "
                        + fixed(times[1] / times[0], digits: 2))
            }
        }
    }
}
