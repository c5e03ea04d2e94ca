import Foundation

/// Why dot-product attention refused its input. Each description is one line.
public enum DotProductAttentionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// There were no keys.
    case noKeys
    /// A key's length differs from the query's.
    case dimensionMismatch(key: Int, expected: Int, found: Int)
    /// The query or a key has a coordinate that is not a finite number.
    case nonFinite

    public var description: String {
        switch self {
        case .noKeys: "attention needs at least one key"
        case .dimensionMismatch(let key, let expected, let found):
            "key \(key) has \(found) coordinates, but the query has \(expected)"
        case .nonFinite: "the query and the keys must have finite coordinates"
        }
    }
}

/// Exercise 11.1.2: the softmax weights of dot-product attention, αᵢ = exp(qᵀkᵢ) / Σⱼ exp(qᵀkⱼ), one per key.
///
/// `query` is a vector in R^d (d ≥ 1), `keys` are m ≥ 1 vectors of the same length. The weights must stay finite
/// when the scores are large (qᵀk = 1000 must not overflow).
/// - Throws: `DotProductAttentionError` for no keys, a key of another length, or a coordinate that is not finite.
public func dotProductWeights(query: [Double], keys: [[Double]]) throws -> [Double] {
    // BEGIN SOLUTION
    guard !keys.isEmpty else { throw DotProductAttentionError.noKeys }
    for (i, key) in keys.enumerated() where key.count != query.count {
        throw DotProductAttentionError.dimensionMismatch(key: i, expected: query.count, found: key.count)
    }
    guard (query + keys.joined()).allSatisfy(\.isFinite) else { throw DotProductAttentionError.nonFinite }
    let scores = keys.map { key in zip(query, key).reduce(0) { $0 + $1.0 * $1.1 } }
    let largest = scores.max() ?? 0
    let shifted = scores.map { exp($0 - largest) }
    let total = shifted.reduce(0, +)
    return shifted.map { $0 / total }
    // END SOLUTION
}

/// Exercise 11.1.2: Attention(q, D) = Σᵢ αᵢ kᵢ, dot-product attention whose values are the keys themselves
/// (vᵢ = kᵢ): the weighted mean k̄ of the keys, a vector in R^d.
/// - Throws: as `dotProductWeights`.
public func keysAsValuesAttention(query: [Double], keys: [[Double]]) throws -> [Double] {
    // BEGIN SOLUTION
    let weights = try dotProductWeights(query: query, keys: keys)
    var mean = [Double](repeating: 0, count: query.count)
    for (alpha, key) in zip(weights, keys) {
        for j in mean.indices { mean[j] += alpha * key[j] }
    }
    return mean
    // END SOLUTION
}

/// Exercise 11.1.2: the Jacobian of `keysAsValuesAttention` with respect to the query, by the formula
/// J = Σᵢ αᵢ kᵢkᵢᵀ − k̄k̄ᵀ: a d × d matrix, J[a][b] = ∂(Attention)_a / ∂q_b.
/// - Throws: as `dotProductWeights`.
public func attentionJacobian(query: [Double], keys: [[Double]]) throws -> [[Double]] {
    // BEGIN SOLUTION
    let weights = try dotProductWeights(query: query, keys: keys)
    let mean = try keysAsValuesAttention(query: query, keys: keys)
    return query.indices.map { a in
        query.indices.map { b in
            zip(weights, keys).reduce(0) { $0 + $1.0 * $1.1[a] * $1.1[b] } - mean[a] * mean[b]
        }
    }
    // END SOLUTION
}

/// Exercise 11.1.2: the covariance matrix of the keys under the attention weights,
/// C = Σᵢ αᵢ (kᵢ − k̄)(kᵢ − k̄)ᵀ: a symmetric positive semidefinite d × d matrix.
/// - Throws: as `dotProductWeights`.
public func keyCovariance(query: [Double], keys: [[Double]]) throws -> [[Double]] {
    // BEGIN SOLUTION
    let weights = try dotProductWeights(query: query, keys: keys)
    let mean = try keysAsValuesAttention(query: query, keys: keys)
    return query.indices.map { a in
        query.indices.map { b in
            zip(weights, keys).reduce(0) { $0 + $1.0 * ($1.1[a] - mean[a]) * ($1.1[b] - mean[b]) }
        }
    }
    // END SOLUTION
}
