// Exercise 11.2.1: Parzen windows and Nadaraya–Watson classification.
//
// Every function here uses the Gaussian kernel k(q, x) = exp(−‖q − x‖² / (2σ²)) with the width σ = `width`,
// without the normalising factor (2πσ²)^(−d/2): a positive constant, which changes no sign and no decision.
// `inputs` are n ≥ 1 points in R^d (d ≥ 1), `labels` their classes, each +1 or −1, and `queries` are points in the
// same R^d. Invalid input throws `KernelExerciseError` (`checkClassification` below does the checking).

import Foundation

/// The Parzen-window score p̂(q, y = +1) − p̂(q, y = −1) of every query, where p̂(q, y) = (1/n) Σ_{i: yᵢ = y} k(q, xᵢ).
///
/// Equivalently (1/n) Σᵢ yᵢ k(q, xᵢ). Compute it plainly: far from every input (or for a tiny width) each kernel value
/// underflows to 0 in `Double` and the score is exactly 0. That is expected here; `parzenDecisions` must not be
/// fooled by it.
public func parzenScores(queries: [[Double]], inputs: [[Double]], labels: [Int], width: Double) throws -> [Double] {
    // BEGIN SOLUTION
    try checkClassification(queries: queries, inputs: inputs, labels: labels, width: width)
    return queries.map { query in
        var sum = 0.0
        for (input, label) in zip(inputs, labels) {
            let squaredDistance = zip(query, input).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            sum += Double(label) * exp(-squaredDistance / (2 * width * width))
        }
        return sum / Double(inputs.count)
    }
    // END SOLUTION
}

/// The Nadaraya–Watson classifier's score Σᵢ αᵢ(q) yᵢ of every query, with the attention weights
/// αᵢ(q) = k(q, xᵢ) / Σⱼ k(q, xⱼ). The labels ±1 are the values pooled; the score lies in [−1, 1] and equals
/// P̂(y = +1 | q) − P̂(y = −1 | q) when one-hot labels are pooled instead.
///
/// Must be a finite number for every query, even where every kernel value underflows to 0 (far queries, tiny widths):
/// normalise in log space, as a softmax of the logits −‖q − xᵢ‖² / (2σ²) shifted by their largest one.
public func nadarayaWatsonScores(queries: [[Double]], inputs: [[Double]], labels: [Int], width: Double) throws
    -> [Double]
{
    // BEGIN SOLUTION
    try checkClassification(queries: queries, inputs: inputs, labels: labels, width: width)
    return queries.map { query in
        let logits = inputs.map { input in
            -zip(query, input).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / (2 * width * width)
        }
        let largest = logits.max() ?? 0
        let shifted = logits.map { exp($0 - largest) }  // the nearest input gets exactly 1, so the total is ≥ 1
        let total = shifted.reduce(0, +)
        return zip(shifted, labels).reduce(0.0) { $0 + $1.0 * Double($1.1) } / total
    }
    // END SOLUTION
}

/// The Parzen-window classifier's decision for every query: +1 where p̂(q, y = +1) − p̂(q, y = −1) > 0, −1 where it
/// is < 0, and +1 on an exact tie (a score of exactly 0 with at least one kernel value that is not 0).
///
/// The decision must be right even where every kernel value underflows to 0: the sign of Σᵢ yᵢ k(q, xᵢ) does not
/// change when every term is divided by the same positive number, such as the largest kernel value.
public func parzenDecisions(queries: [[Double]], inputs: [[Double]], labels: [Int], width: Double) throws -> [Int] {
    // BEGIN SOLUTION
    try checkClassification(queries: queries, inputs: inputs, labels: labels, width: width)
    return queries.map { query in
        let logKernels = inputs.map { input in
            -zip(query, input).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / (2 * width * width)
        }
        let largest = logKernels.max() ?? 0
        // Σᵢ yᵢ kᵢ / k_max: the same sign as the Parzen score, and never 0 just because every kᵢ underflowed.
        let scaled = zip(logKernels, labels).reduce(0.0) { $0 + Double($1.1) * exp($1.0 - largest) }
        return scaled < 0 ? -1 : 1
    }
    // END SOLUTION
}

/// Checks the input of this exercise's functions: inputs of one dimension d ≥ 1 with finite coordinates, one label
/// ±1 per input, a width that is finite and > 0, and queries in the same R^d. Throws `KernelExerciseError`.
func checkClassification(queries: [[Double]], inputs: [[Double]], labels: [Int], width: Double)
    throws(KernelExerciseError)
{
    let d = try checkedDimension(of: inputs)
    guard labels.count == inputs.count else {
        throw .countMismatch(what: "labels", expected: inputs.count, found: labels.count)
    }
    if let index = labels.firstIndex(where: { $0 != 1 && $0 != -1 }) {
        throw .invalidLabel(index: index, value: labels[index])
    }
    try checkPositive(width, "the width σ")
    if !queries.isEmpty, try checkedDimension(of: queries) != d {
        throw .dimensionMismatch(index: 0, expected: d, found: queries[0].count)
    }
}
