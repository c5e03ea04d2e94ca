import Foundation

/// Exercise 11.2.E3: the K-fold cross-validation error of Gaussian Nadaraya–Watson regression with width σ,
/// (1/n) Σᵢ (f₋fold(i)(xᵢ) − yᵢ)².
///
/// Pair i belongs to fold i mod K (K = `folds`), so on inputs sorted by x every fold is spread over the whole range.
/// Each pair is predicted from the pairs of the *other* K − 1 folds only: f₋fold(i)(xᵢ) pools the labels yⱼ with
/// fold(j) ≠ fold(i), with weights ∝ exp(−(xᵢ − xⱼ)² / (2σ²)). With K = n every fold holds one pair and this is
/// leave-one-out.
///
/// Needs 2 ≤ K ≤ n, as many targets as inputs, finite numbers, and σ finite and > 0. It must stay finite for tiny σ:
/// with σ = 0.001 and inputs 0.1 apart every kernel value underflows to 0, but the estimate is still the label of the
/// nearest pair in the other folds (the average of the tied nearest ones).
/// - Throws: `PoolingExerciseError` for fewer than 2 folds or fewer pairs than folds, mismatched counts, a number that
///   is not finite, or σ.
public func crossValidationError(inputs: [Double], targets: [Double], width: Double, folds: Int) throws -> Double {
    // BEGIN SOLUTION
    guard folds >= 2 else { throw PoolingExerciseError.tooFew(what: "folds", minimum: 2, found: folds) }
    guard inputs.count >= folds else {
        throw PoolingExerciseError.tooFew(what: "pairs", minimum: folds, found: inputs.count)
    }
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
        let others = inputs.indices.filter { $0 % folds != n % folds }  // the pairs of the other folds
        let logits = others.map { i in -0.5 * ((inputs[n] - inputs[i]) / width) * ((inputs[n] - inputs[i]) / width) }
        let largest = logits.max() ?? 0
        let shifted = logits.map { exp($0 - largest) }
        let estimate = zip(shifted, others).reduce(0) { $0 + $1.0 * targets[$1.1] } / shifted.reduce(0, +)
        total += (estimate - targets[n]) * (estimate - targets[n])
    }
    return total / Double(inputs.count)
    // END SOLUTION
}

/// Exercise 11.2.E3: the width among `candidates` with the smallest `crossValidationError` for `folds` folds; on a
/// tie, the one that comes first in `candidates`.
/// - Throws: `PoolingExerciseError.tooFew` for no candidates, or whatever `crossValidationError` throws.
public func bestWidth(inputs: [Double], targets: [Double], candidates: [Double], folds: Int) throws -> Double {
    // BEGIN SOLUTION
    var best: (width: Double, error: Double)?
    for width in candidates {
        let error = try crossValidationError(inputs: inputs, targets: targets, width: width, folds: folds)
        if best.map({ error < $0.error }) ?? true { best = (width, error) }
    }
    guard let best else { throw PoolingExerciseError.tooFew(what: "candidate widths", minimum: 1, found: 0) }
    return best.width
    // END SOLUTION
}
