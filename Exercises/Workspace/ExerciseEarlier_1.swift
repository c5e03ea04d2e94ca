import AttentionPooling

/// Exercise 11.2.E1: the mean squared error against the truth of Gaussian Nadaraya–Watson regression trained on
/// `SineRegression.generate(samples:seed:)`, with width σ = `width`.
///
/// The estimate is evaluated at `SineRegression.validationInputs` (0, 0.1, …, 4.9) and compared with
/// `SineRegression.truth` there: (1/50) Σ (f(x) − truth(x))². You may use `NadarayaWatson` for the estimate.
/// - Throws: `PoolingExerciseError.tooFew` for `samples` < 1, an error for a width that is not a finite number > 0.
public func truthError(samples: Int, seed: UInt64, width: Double) throws -> Double {
    // BEGIN SOLUTION
    guard samples >= 1 else { throw PoolingExerciseError.tooFew(what: "training samples", minimum: 1, found: samples) }
    let data = SineRegression.generate(samples: samples, seed: seed)
    let estimator = try NadarayaWatson(kernel: .gaussian, width: .scalar(width))
    let result = try estimator.pool(queries: data.validationInputs, keys: data.trainingInputs,
                                    values: data.trainingTargets)
    guard let mean = meanSquaredError(estimates: result.estimates, truth: data.validationTruth ?? []).mean else {
        throw PoolingExerciseError.tooFew(what: "defined estimates", minimum: 1, found: 0)
    }
    return mean
    // END SOLUTION
}

/// Exercise 11.2.E1: how the error against the truth changes with the amount of training data.
///
/// For each n in `sampleSizes` (each ≥ 1), the average of `truthError(samples: n, seed: s, width: width(n))` over
/// the seeds s = 0, 1, …, `repetitions` − 1, in the order of `sampleSizes`. `width` gives the σ to use for n
/// training pairs: a constant for a fixed width, or one that shrinks as n grows.
/// - Throws: `repetitions` < 1, or whatever `truthError` throws.
public func truthErrorCurve(sampleSizes: [Int], repetitions: Int, width: (Int) -> Double) throws -> [Double] {
    // BEGIN SOLUTION
    guard repetitions >= 1 else {
        throw PoolingExerciseError.tooFew(what: "repetitions", minimum: 1, found: repetitions)
    }
    return try sampleSizes.map { n in
        var total = 0.0
        for seed in 0..<UInt64(repetitions) { total += try truthError(samples: n, seed: seed, width: width(n)) }
        return total / Double(repetitions)
    }
    // END SOLUTION
}
