import Foundation

/// Exercise 11.2.E3: the leave-one-out mean squared error of Gaussian Nadaraya–Watson regression with width σ,
/// (1/n) Σₙ (f₋ₙ(xₙ) − yₙ)², where f₋ₙ pools over every training pair except n itself with weights
/// ∝ exp(−(xₙ − xᵢ)² / (2σ²)).
///
/// Implement it yourself (`NadarayaWatson.leaveOneOutError` is what the checks compare with). Needs n ≥ 2 pairs, as
/// many targets as inputs, finite numbers, and σ finite and > 0. It must stay finite for tiny σ: with σ = 0.001 and
/// inputs 0.1 apart every kernel value underflows to 0, but the estimate is still the nearest other pair's label.
/// - Throws: `PoolingExerciseError` for fewer than 2 pairs, mismatched counts, a number that is not finite, or σ.
public func leaveOneOutMeanSquaredError(inputs: [Double], targets: [Double], width: Double) throws -> Double {
    // BEGIN SOLUTION
    guard inputs.count >= 2 else { throw PoolingExerciseError.tooFew(what: "pairs", minimum: 2, found: inputs.count) }
    guard targets.count == inputs.count else {
        throw PoolingExerciseError.countMismatch(inputs: inputs.count, targets: targets.count)
    }
    guard width > 0, width.isFinite else { throw PoolingExerciseError.invalidParameter(name: "σ", value: width) }
    for (what, list) in [("input", inputs), ("target", targets)] {
        if let index = list.firstIndex(where: { !$0.isFinite }) {
            throw PoolingExerciseError.nonFinite(what: what, index: index)
        }
    }
    var total = 0.0
    for n in inputs.indices {
        let others = inputs.indices.filter { $0 != n }
        let logits = others.map { i in -0.5 * ((inputs[n] - inputs[i]) / width) * ((inputs[n] - inputs[i]) / width) }
        let largest = logits.max() ?? 0
        let shifted = logits.map { exp($0 - largest) }
        let estimate = zip(shifted, others).reduce(0) { $0 + $1.0 * targets[$1.1] } / shifted.reduce(0, +)
        total += (estimate - targets[n]) * (estimate - targets[n])
    }
    return total / Double(inputs.count)
    // END SOLUTION
}

/// Exercise 11.2.E3: the width among `candidates` with the smallest `leaveOneOutMeanSquaredError`; on a tie, the
/// one that comes first in `candidates`.
/// - Throws: `PoolingExerciseError.tooFew` for no candidates, or whatever `leaveOneOutMeanSquaredError` throws.
public func bestWidth(inputs: [Double], targets: [Double], candidates: [Double]) throws -> Double {
    // BEGIN SOLUTION
    var best: (width: Double, error: Double)?
    for width in candidates {
        let error = try leaveOneOutMeanSquaredError(inputs: inputs, targets: targets, width: width)
        if best.map({ error < $0.error }) ?? true { best = (width, error) }
    }
    guard let best else { throw PoolingExerciseError.tooFew(what: "candidate widths", minimum: 1, found: 0) }
    return best.width
    // END SOLUTION
}
