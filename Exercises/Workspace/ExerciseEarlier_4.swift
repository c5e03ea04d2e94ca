import Foundation

/// Exercise 11.2.E4, variant 1 (from the book's forum): the width applied outside the square. Row r holds the
/// weights of `queries[r]` over `keys`, αᵢ = softmax_i(−½ w (q − kᵢ)²) for w finite and > 0.
///
/// Needs at least one key and finite numbers; rows must stay finite for any w (no 0/0).
/// - Throws: `PoolingExerciseError` for no keys, a number that is not finite, or an invalid w.
public func outsideSquareWeights(queries: [Double], keys: [Double], w: Double) throws -> [[Double]] {
    // BEGIN SOLUTION
    guard !keys.isEmpty else { throw PoolingExerciseError.tooFew(what: "keys", minimum: 1, found: 0) }
    guard w > 0, w.isFinite else { throw PoolingExerciseError.invalidParameter(name: "w", value: w) }
    for (what, list) in [("key", keys), ("query", queries)] {
        if let index = list.firstIndex(where: { !$0.isFinite }) {
            throw PoolingExerciseError.nonFinite(what: what, index: index)
        }
    }
    return queries.map { q in
        let logits = keys.map { k in -0.5 * w * (q - k) * (q - k) }
        let largest = logits.max() ?? 0
        let shifted = logits.map { exp($0 - largest) }
        let total = shifted.reduce(0, +)
        return shifted.map { $0 / total }
    }
    // END SOLUTION
}

/// Exercise 11.2.E4, variant 2 (from the book's forum): the "inverse" kernel, which attends AWAY from near keys.
/// Row r holds αᵢ = |q − kᵢ| w / Σⱼ |q − kⱼ| w for w finite and > 0: a key at the query gets weight 0, the farthest
/// key the most. When every key sits at the query (the sum is 0) the row is uniform, 1/m each.
/// - Throws: `PoolingExerciseError` for no keys, a number that is not finite, or an invalid w.
public func inverseKernelWeights(queries: [Double], keys: [Double], w: Double) throws -> [[Double]] {
    // BEGIN SOLUTION
    guard !keys.isEmpty else { throw PoolingExerciseError.tooFew(what: "keys", minimum: 1, found: 0) }
    guard w > 0, w.isFinite else { throw PoolingExerciseError.invalidParameter(name: "w", value: w) }
    for (what, list) in [("key", keys), ("query", queries)] {
        if let index = list.firstIndex(where: { !$0.isFinite }) {
            throw PoolingExerciseError.nonFinite(what: what, index: index)
        }
    }
    return queries.map { q in
        let scores = keys.map { k in abs(q - k) * w }
        let total = scores.reduce(0, +)
        return total > 0 ? scores.map { $0 / total } : scores.map { _ in 1 / Double(keys.count) }
    }
    // END SOLUTION
}

/// Exercise 11.2.E4: the leave-one-out loss of variant 1, (1/n) Σₙ (f₋ₙ(xₙ) − yₙ)², where f₋ₙ(xₙ) pools the other
/// pairs' targets with `outsideSquareWeights` (key n left out). Needs n ≥ 2 pairs, matching counts, finite numbers
/// and w finite and > 0.
/// - Throws: `PoolingExerciseError` for invalid input.
public func outsideSquareLeaveOneOutLoss(inputs: [Double], targets: [Double], w: Double) throws -> Double {
    // BEGIN SOLUTION
    guard inputs.count >= 2 else { throw PoolingExerciseError.tooFew(what: "pairs", minimum: 2, found: inputs.count) }
    guard targets.count == inputs.count else {
        throw PoolingExerciseError.countMismatch(inputs: inputs.count, targets: targets.count)
    }
    if let index = targets.firstIndex(where: { !$0.isFinite }) {
        throw PoolingExerciseError.nonFinite(what: "target", index: index)
    }
    var total = 0.0
    for n in inputs.indices {
        let others = inputs.indices.filter { $0 != n }
        let weights = try outsideSquareWeights(queries: [inputs[n]], keys: others.map { inputs[$0] }, w: w)[0]
        let estimate = zip(weights, others).reduce(0) { $0 + $1.0 * targets[$1.1] }
        total += (estimate - targets[n]) * (estimate - targets[n])
    }
    return total / Double(inputs.count)
    // END SOLUTION
}

/// Exercise 11.2.E4: trains variant 1's w on `outsideSquareLeaveOneOutLoss` by a descent method of your choice
/// (gradient descent with a hand-derived or a finite-difference gradient, in w or in log w, with any step rule).
///
/// Returns the trajectory w₀ = `initialW`, w₁, …, w_epochs (`epochs` + 1 values, each finite and > 0) along which
/// the loss never increases. An epoch that finds no lower loss repeats the previous w.
/// - Throws: `PoolingExerciseError` for `epochs` < 0, or whatever the loss throws.
public func trainOutsideSquare(inputs: [Double], targets: [Double], initialW: Double, epochs: Int) throws
    -> [Double]
{
    // BEGIN SOLUTION
    guard epochs >= 0 else { throw PoolingExerciseError.tooFew(what: "epochs", minimum: 0, found: epochs) }
    // dL/dθ for θ = log w: with dᵢ = xₙ − kᵢ, ∂ℓᵢ/∂w = −½ dᵢ², ∂f/∂w = Σ αᵢ (yᵢ − f) ∂ℓᵢ/∂w and
    // dL/dw = (2/n) Σₙ (f − yₙ) ∂f/∂w; dL/dθ = w · dL/dw.
    func slope(_ w: Double) throws -> Double {
        var gradient = 0.0
        for n in inputs.indices {
            let others = inputs.indices.filter { $0 != n }
            let weights = try outsideSquareWeights(queries: [inputs[n]], keys: others.map { inputs[$0] }, w: w)[0]
            let estimate = zip(weights, others).reduce(0) { $0 + $1.0 * targets[$1.1] }
            let df = zip(weights, others).reduce(0) { sum, pair in
                let gap = inputs[n] - inputs[pair.1]
                return sum + pair.0 * (targets[pair.1] - estimate) * (-0.5 * gap * gap)
            }
            gradient += 2 * (estimate - targets[n]) * df
        }
        return w * gradient / Double(inputs.count)
    }
    var trajectory = [initialW]
    var loss = try outsideSquareLeaveOneOutLoss(inputs: inputs, targets: targets, w: initialW)
    var step = 1.0
    for _ in 0..<epochs {
        let w = trajectory[trajectory.count - 1]
        let g = try slope(w)
        var accepted: (w: Double, loss: Double)?
        var halvings = 0
        while accepted == nil, halvings < 50 {  // Armijo backtracking in log w
            let candidate = w * exp(-step * g)
            if candidate > 0, candidate.isFinite,
               let trial = try? outsideSquareLeaveOneOutLoss(inputs: inputs, targets: targets, w: candidate),
               trial <= loss - 1e-4 * step * g * g
            {
                accepted = (candidate, trial)
            } else {
                step /= 2
                halvings += 1
            }
        }
        if let accepted {
            trajectory.append(accepted.w)
            loss = accepted.loss
            step *= 2
        } else {
            trajectory.append(w)
            step = 1
        }
    }
    return trajectory
    // END SOLUTION
}
