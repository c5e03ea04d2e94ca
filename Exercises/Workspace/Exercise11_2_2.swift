// Exercise 11.2.2: learning the kernel width by stochastic gradient descent.
//
// Scalar inputs xᵢ and labels yᵢ (n ≥ 1 pairs; n ≥ 2 with leave-one-out). Training input i is pooled with the
// Gaussian logits ℓⱼ = −½((xᵢ − xⱼ) w)² over every pair j (case (a)) or over every j ≠ i (case (b), `leaveOneOut`),
// αⱼ = softmax(ℓ)ⱼ and f(xᵢ) = Σⱼ αⱼ yⱼ. The inverse width w = 1/σ is the parameter learned. Derive the gradient by
// hand: do not call `WidthObjective` (it is what the checks compare you with).

import AttentionPooling
import Foundation

/// The loss of one training pair, Lᵢ(w) = (f(xᵢ) − yᵢ)², and its derivative dLᵢ/dw.
///
/// - Parameters:
///   - w: the inverse width, a finite number > 0.
///   - pair: the index i of the training pair, in 0..<n.
///   - inputs, targets: the n training pairs (finite numbers).
///   - leaveOneOut: whether f(xᵢ) pools over the other pairs only (case (b)) or over all of them (case (a)).
/// - Returns: the loss and the gradient; both finite for every valid w (shift the logits by their largest before
///   exponentiating, so that a large w never gives 0/0).
public func widthPairLossAndGradient(w: Double, pair i: Int, inputs: [Double], targets: [Double],
                                     leaveOneOut: Bool) throws -> (loss: Double, gradient: Double) {
    // BEGIN SOLUTION
    try checkWidthData(inputs: inputs, targets: targets, leaveOneOut: leaveOneOut)
    try checkPositive(w, "w")
    guard inputs.indices.contains(i) else { throw KernelExerciseError.indexOutOfRange(index: i, count: inputs.count) }
    let others = inputs.indices.filter { !(leaveOneOut && $0 == i) }
    let logits = others.map { j in -0.5 * (inputs[i] - inputs[j]) * (inputs[i] - inputs[j]) * w * w }
    let largest = logits.max() ?? 0
    let shifted = logits.map { exp($0 - largest) }
    let total = shifted.reduce(0, +)
    let alphas = shifted.map { $0 / total }
    let f = zip(alphas, others).reduce(0.0) { $0 + $1.0 * targets[$1.1] }
    // dℓⱼ/dw = −w (xᵢ − xⱼ)²; softmax: df/dw = Σⱼ αⱼ (yⱼ − f) dℓⱼ/dw; chain rule: dLᵢ/dw = 2 (f − yᵢ) df/dw.
    let slope = zip(alphas, others).reduce(0.0) { sum, term in
        let (alpha, j) = term
        return sum + alpha * (targets[j] - f) * (-w * (inputs[i] - inputs[j]) * (inputs[i] - inputs[j]))
    }
    let residual = f - targets[i]
    return (residual * residual, 2 * residual * slope)
    // END SOLUTION
}

/// Stochastic gradient descent on w, one training pair per step, in log space; returns w before every step and
/// after the last: [w₀, w₁, …, w_T] with T = epochs · n.
///
/// - Each epoch visits every pair once, in an order shuffled by Fisher–Yates with one
///   `SeededGenerator(seed: seed)` made at the start of the run: start from [0, 1, …, n − 1] and for k from n − 1
///   down to 1 swap entries k and j = Int(generator.next() % UInt64(k + 1)).
/// - Step t (from 0) on pair i takes θ = log w downhill: w ← w · exp(−η_t · w · dLᵢ/dw), since dLᵢ/dθ = w · dLᵢ/dw.
///   Stepping in log w keeps w > 0 and makes the step a relative change of w.
/// - With `decaying`, the step size is η_t = learningRate / (1 + t / (3n)): halved after three epochs, a third after
///   six. Without it, every step has η_t = learningRate.
/// - Parameters: `inputs`, `targets` and `leaveOneOut` as in `widthPairLossAndGradient`; `initialW` and
///   `learningRate` finite and > 0; `epochs` ≥ 0 (0 gives [initialW]).
public func widthSGDTrajectory(inputs: [Double], targets: [Double], leaveOneOut: Bool, initialW: Double,
                               learningRate: Double, decaying: Bool, epochs: Int, seed: UInt64) throws -> [Double] {
    // BEGIN SOLUTION
    try checkWidthData(inputs: inputs, targets: targets, leaveOneOut: leaveOneOut)
    try checkPositive(initialW, "the initial w")
    try checkPositive(learningRate, "the learning rate")
    guard epochs >= 0 else {
        throw KernelExerciseError.invalidParameter(name: "the number of epochs", value: Double(epochs),
                                                   requirement: "0 or more")
    }
    let n = inputs.count
    var generator = SeededGenerator(seed: seed)
    var w = initialW
    var trajectory = [w]
    var step = 0
    for _ in 0..<epochs {
        var order = Array(0..<n)
        for k in stride(from: n - 1, to: 0, by: -1) {
            order.swapAt(k, Int(generator.next() % UInt64(k + 1)))
        }
        for i in order {
            let gradient = try widthPairLossAndGradient(w: w, pair: i, inputs: inputs, targets: targets,
                                                        leaveOneOut: leaveOneOut).gradient
            let eta = decaying ? learningRate / (1 + Double(step) / Double(3 * n)) : learningRate
            w *= exp(-eta * w * gradient)
            trajectory.append(w)
            step += 1
        }
    }
    return trajectory
    // END SOLUTION
}

/// Checks the training pairs of this exercise: at least one (two with leave-one-out), as many targets as inputs, all
/// finite. Throws `KernelExerciseError`.
func checkWidthData(inputs: [Double], targets: [Double], leaveOneOut: Bool) throws(KernelExerciseError) {
    let needed = leaveOneOut ? 2 : 1
    guard inputs.count >= needed else { throw .tooFewPoints(needed: needed, found: inputs.count) }
    guard targets.count == inputs.count else {
        throw .countMismatch(what: "targets", expected: inputs.count, found: targets.count)
    }
    if let index = inputs.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(index: index) }
    if let index = targets.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(index: index) }
}
