import Foundation

/// Exercise 11.2.E2: the attention matrix of the earlier edition's parametric pooling: row r holds the weights of
/// `queries[r]` over `keys`, αᵢ = softmax_i(−½ ((q − kᵢ) w)²), the Gaussian kernel of width σ = 1/w.
///
/// Needs at least one key, finite queries and keys, and w finite and > 0. Rows must stay finite for large w
/// (w = 1000 with keys 0.1 apart: nearly one-hot, not 0/0).
/// - Throws: `PoolingExerciseError` for no keys, a coordinate that is not finite, or an invalid w.
public func gaussianAttentionRows(queries: [Double], keys: [Double], w: Double) throws -> [[Double]] {
    // BEGIN SOLUTION
    guard !keys.isEmpty else { throw PoolingExerciseError.tooFew(what: "keys", minimum: 1, found: 0) }
    guard w > 0, w.isFinite else { throw PoolingExerciseError.invalidParameter(name: "w", value: w) }
    if let index = keys.firstIndex(where: { !$0.isFinite }) {
        throw PoolingExerciseError.nonFinite(what: "key", index: index)
    }
    if let index = queries.firstIndex(where: { !$0.isFinite }) {
        throw PoolingExerciseError.nonFinite(what: "query", index: index)
    }
    return queries.map { q in
        let logits = keys.map { k in -0.5 * ((q - k) * w) * ((q - k) * w) }
        let largest = logits.max() ?? 0
        let shifted = logits.map { exp($0 - largest) }
        let total = shifted.reduce(0, +)
        return shifted.map { $0 / total }
    }
    // END SOLUTION
}

/// Exercise 11.2.E2: the entropy of each row of weights, H = −Σᵢ αᵢ ln αᵢ in nats, with 0 · ln 0 = 0.
///
/// H is 0 for a one-hot row (all attention on one key) and ln m for m equal weights; e^H is the "effective number"
/// of keys a query attends to. Each row must be non-empty, nonnegative and sum to 1 within 1e-9.
/// - Throws: `PoolingExerciseError.notADistribution(row:)` for the first row that is not.
public func rowEntropies(_ rows: [[Double]]) throws -> [Double] {
    // BEGIN SOLUTION
    try rows.enumerated().map { index, row in
        guard !row.isEmpty, row.allSatisfy({ $0 >= 0 && $0.isFinite }), abs(row.reduce(0, +) - 1) <= 1e-9 else {
            throw PoolingExerciseError.notADistribution(row: index)
        }
        return -row.reduce(0) { $0 + ($1 > 0 ? $1 * log($1) : 0) }
    }
    // END SOLUTION
}
