/// Attention pooling over a database of m (key, value) pairs, Attention(q, D) = Σᵢ α(q, kᵢ) vᵢ, and the weight
/// rules behind its special cases (D2L §11.1):
///
/// | weights                       | the output                                   |
/// |-------------------------------|----------------------------------------------|
/// | αᵢ ≥ 0                        | lies in the convex cone of the values        |
/// | αᵢ ≥ 0, Σᵢ αᵢ = 1 (convex)    | lies in the convex hull of the values        |
/// | one αⱼ = 1, the others 0      | is the value vⱼ: a database lookup           |
/// | αᵢ = 1/m for all i            | is the mean of the values: average pooling   |
///
/// Ties: `argmax` and `topK` prefer the key that comes first in the database, so the same scores always give the
/// same weights. (Softmax needs no such rule: it gives tied keys equal weight.)
public enum AttentionWeights {
    /// The one-hot weights of `count` keys that put all attention on key `index` (0-based).
    /// - Throws: `count` < 1 or `index` outside 0..<count.
    public static func oneHot(at index: Int, count: Int) throws(AttentionPoolingError) -> [Double] {
        guard count >= 1 else { throw .noKeys }
        guard (0..<count).contains(index) else { throw .indexOutOfRange(index: index, count: count) }
        return (0..<count).map { $0 == index ? 1 : 0 }
    }

    /// The weights 1/m on each of `count` = m keys: average pooling. Throws for `count` < 1.
    public static func uniform(count: Int) throws(AttentionPoolingError) -> [Double] {
        guard count >= 1 else { throw .noKeys }
        return [Double](repeating: 1 / Double(count), count: count)
    }

    // snippet: hard-rules
    /// One-hot on the highest score (the first of tied ones): the approximate lookup "return the most similar key".
    /// - Throws: no scores, or a score that is not finite.
    public static func argmax(_ scores: [Double]) throws(AttentionPoolingError) -> [Double] {
        try topK(scores, k: 1)
    }

    /// Weight 1/k on each of the k highest scores and 0 elsewhere; ties at the k-th place go to the keys that come
    /// first. k = 1 is `argmax`, k = m is `uniform`.
    /// - Throws: no scores, a score that is not finite, or k outside 1...m.
    public static func topK(_ scores: [Double], k: Int) throws(AttentionPoolingError) -> [Double] {
        guard !scores.isEmpty else { throw .noKeys }
        if let index = scores.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(role: "score", index: index) }
        guard (1...scores.count).contains(k) else { throw .invalidK(k: k, count: scores.count) }
        // Sort indices by score, highest first; equal scores keep database order.
        let ranked = scores.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
        let chosen = Set(ranked.prefix(k))
        return scores.indices.map { chosen.contains($0) ? 1 / Double(k) : 0 }
    }
    // end snippet

    // snippet: pool
    /// Attention(q, D) = Σᵢ αᵢ vᵢ: the values (m vectors of one length p ≥ 1) weighted by `weights` (m numbers)
    /// and added. The weights are used as given: nothing makes them nonnegative or sum to 1.
    /// - Throws: no values, a value with no coordinates, counts that differ, values of different lengths, or a number
    ///   that is not finite.
    public static func pool(weights: [Double], values: [[Double]]) throws(AttentionPoolingError) -> [Double] {
        guard let p = values.first?.count else { throw .noKeys }
        guard p > 0 else { throw .emptyPoint(role: "value") }
        guard weights.count == values.count else { throw .countMismatch(weights: weights.count, values: values.count) }
        if let index = weights.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(role: "weight", index: index) }
        var output = [Double](repeating: 0, count: p)
        for (i, (weight, value)) in zip(weights, values).enumerated() {
            guard value.count == p else {
                throw .dimensionMismatch(role: "value", index: i, expected: p, found: value.count)
            }
            guard value.allSatisfy(\.isFinite) else { throw .nonFinite(role: "value", index: i) }
            for j in 0..<p { output[j] += weight * value[j] }
        }
        return output
    }
    // end snippet

    /// True when every weight is ≥ 0 (the output then lies in the cone of the values).
    public static func isNonnegative(_ weights: [Double]) -> Bool {
        weights.allSatisfy { $0 >= 0 }
    }

    /// True when every weight is ≥ 0 and they sum to 1 within `tolerance` (the output then lies in the convex hull
    /// of the values). The default tolerance allows for rounding in sums of up to about a million weights.
    public static func isConvexCombination(_ weights: [Double], tolerance: Double = 1e-9) -> Bool {
        isNonnegative(weights) && abs(weights.reduce(0, +) - 1) <= tolerance
    }
}
