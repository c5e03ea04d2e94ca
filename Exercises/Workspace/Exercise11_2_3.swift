// Exercise 11.2.3: inputs on the unit sphere, where Gaussian attention becomes dot-product attention.
//
// Points are vectors in R^d, d ≥ 1, with finite coordinates; a query and its keys share one d. Invalid input throws
// `KernelExerciseError`.

import Foundation

/// Every vector divided by its Euclidean length, so that ‖x‖ = 1 (to rounding).
///
/// A zero vector has no direction: it throws `KernelExerciseError.zeroVector(index:)` with its index, rather than
/// returning NaNs. An empty list gives an empty list.
public func unitVectors(_ vectors: [[Double]]) throws -> [[Double]] {
    // BEGIN SOLUTION
    guard !vectors.isEmpty else { return [] }
    _ = try checkedDimension(of: vectors)
    return try vectors.enumerated().map { index, vector in
        let length = vector.reduce(0.0) { $0 + $1 * $1 }.squareRoot()
        guard length > 0 else { throw KernelExerciseError.zeroVector(index: index) }
        return vector.map { $0 / length }
    }
    // END SOLUTION
}

/// The Nadaraya–Watson attention weights of one query over n ≥ 1 keys with the Gaussian kernel of width σ:
/// αᵢ = exp(−‖q − kᵢ‖² / (2σ²)) / Σⱼ exp(−‖q − kⱼ‖² / (2σ²)), for any vectors (not only unit ones).
///
/// The weights are ≥ 0 and sum to 1, and must stay finite for any finite σ > 0 (normalise in log space).
public func gaussianAttentionWeights(query: [Double], keys: [[Double]], width: Double) throws -> [Double] {
    // BEGIN SOLUTION
    try checkAttention(query: query, keys: keys)
    try checkPositive(width, "the width σ")
    let logits = keys.map { key in
        -zip(query, key).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / (2 * width * width)
    }
    let largest = logits.max() ?? 0
    let shifted = logits.map { exp($0 - largest) }
    let total = shifted.reduce(0, +)
    return shifted.map { $0 / total }
    // END SOLUTION
}

/// Softmax dot-product attention at a temperature τ: αᵢ = exp(qᵀkᵢ / τ) / Σⱼ exp(qᵀkⱼ / τ), for n ≥ 1 keys.
///
/// The weights are ≥ 0 and sum to 1, and must stay finite for any finite τ > 0, even when qᵀkᵢ / τ is in the
/// thousands and exp of it overflows.
public func dotProductAttentionWeights(query: [Double], keys: [[Double]], temperature: Double) throws -> [Double] {
    // BEGIN SOLUTION
    try checkAttention(query: query, keys: keys)
    try checkPositive(temperature, "the temperature τ")
    let scores = keys.map { key in zip(query, key).reduce(0.0) { $0 + $1.0 * $1.1 } }
    let largest = scores.max() ?? 0
    let shifted = scores.map { exp(($0 - largest) / temperature) }
    let total = shifted.reduce(0, +)
    return shifted.map { $0 / total }
    // END SOLUTION
}

/// Off the sphere: the per-key biases bᵢ that turn dot-product attention at τ = σ² into Gaussian attention of width σ,
/// softmaxᵢ(qᵀkᵢ / σ² + bᵢ) = αᵢ(q) for every query q (of the keys' dimension), whatever the lengths of q and the kᵢ.
///
/// Softmax ignores a constant added to every score, so any biases that differ from yours by one common constant are
/// as good; the checks compare differences bᵢ − b₀. Needs n ≥ 1 keys of one dimension d ≥ 1, finite coordinates, and
/// σ finite and > 0; throws `KernelExerciseError` otherwise.
public func keyBiases(keys: [[Double]], width: Double) throws -> [Double] {
    // BEGIN SOLUTION
    _ = try checkedDimension(of: keys)
    try checkPositive(width, "the width σ")
    // −‖q − kᵢ‖²/(2σ²) = qᵀkᵢ/σ² − ‖kᵢ‖²/(2σ²) − ‖q‖²/(2σ²); the last term is the same for every key and cancels.
    return keys.map { key in -key.reduce(0.0) { $0 + $1 * $1 } / (2 * width * width) }
    // END SOLUTION
}

/// Checks one query and its keys: at least one key, all of the query's dimension d ≥ 1, every coordinate finite.
/// Throws `KernelExerciseError`.
func checkAttention(query: [Double], keys: [[Double]]) throws(KernelExerciseError) {
    let d = try checkedDimension(of: keys)
    guard query.count == d else { throw .dimensionMismatch(index: 0, expected: d, found: query.count) }
    guard query.allSatisfy(\.isFinite) else { throw .nonFinite(index: 0) }
}
