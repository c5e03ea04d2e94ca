/// The softmax of a list of scores at a temperature τ: αᵢ = exp(aᵢ/τ) / Σⱼ exp(aⱼ/τ).
///
/// Turns any scores a(q, kᵢ) into attention weights that sum to 1 and, in exact arithmetic, are positive where the
/// score is finite. In `Double` a score more than about 745.13 · τ below the best gets weight exactly 0 (its exponential
/// underflows): scores of 1e308 and −1e308 give weights 1 and 0.
/// The temperature sets how sharp they are: as τ → 0 the weight goes to the largest score (shared equally by tied
/// maxima), as τ → ∞ it spreads evenly over every key with a finite score.
///
/// Numerically stable: the largest score is subtracted before exponentiating, (aᵢ − max)/τ ≤ 0, so nothing
/// overflows and the best key always gets exp(0) = 1 before normalising. Scores of 1e308 and −1e308 are fine.
/// A score of −∞ means "masked out": it gets weight exactly 0.
public enum Softmax {
    // snippet: softmax
    /// The weights for `scores` at `temperature`, or nil when every score is −∞ (no key may be attended to, so the
    /// weights are undefined: 0/0).
    ///
    /// - Parameters:
    ///   - scores: at least one score; each finite or −∞.
    ///   - temperature: τ, a finite number > 0. Tiny values (even 1e-300) give the argmax, huge ones the uniform
    ///     weights, without overflow.
    /// - Throws: `AttentionPoolingError` for no scores (`.noKeys`), a NaN or +∞ score, or a temperature that is not
    ///   finite and > 0.
    public static func weights(_ scores: [Double], temperature: Double = 1) throws(AttentionPoolingError) -> [Double]? {
        guard !scores.isEmpty else { throw .noKeys }
        if let index = scores.firstIndex(where: { $0.isNaN || $0 == .infinity }) {
            throw .invalidScore(index: index, value: scores[index])
        }
        guard temperature > 0, temperature.isFinite else { throw .invalidTemperature(temperature) }
        guard let largest = scores.max(), largest > -.infinity else { return nil }
        let shifted = scores.map { _exp(($0 - largest) / temperature) }  // each in [0, 1], the largest exactly 1
        let total = shifted.reduce(0, +)  // ≥ 1, so the division is safe
        return shifted.map { $0 / total }
    }
    // end snippet
}
