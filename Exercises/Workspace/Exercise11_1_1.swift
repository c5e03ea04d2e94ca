import Foundation

/// Why an approximate-matching lookup refused its input. Each description is one line.
public enum MatchingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// There were no keys to attend to.
    case noKeys
    /// The temperature was not a finite number greater than 0.
    case invalidTemperature(Double)

    public var description: String {
        switch self {
        case .noKeys: "a lookup needs at least one key"
        case .invalidTemperature(let tau): "the temperature must be a finite number greater than 0, not \(tau)"
        }
    }
}

/// Exercise 11.1.1: how similar the name `key` is to the name `query`, as a finite score (larger = more similar).
///
/// Any similarity you can defend is accepted; the checks test properties, not one formula:
/// - a key equal to the query scores strictly higher than every different key of the lecture's database;
/// - on the lecture's database without Schulz, "Schulz" scores Schuler highest and "Fisher" scores Fischer highest;
/// - unlike the chapter's score, one edit costs more in a short name than in a long one: "Lu" scores below "Schumacker"
///   (query "Li", key "Lu" against query "Schumacher", key "Schumacker");
/// - the score is finite for any two strings, the empty string included.
/// Say in this comment whether yours is symmetric and whether it ignores case.
///
/// The reference: minus the Levenshtein distance of the lower-cased names divided by the longer length,
/// s = −d(lower q, lower k) / max(|q|, |k|), in [−1, 0] (0 for two empty strings). It is symmetric and ignores case.
public func nameSimilarity(query: String, key: String) throws -> Double {
    // BEGIN SOLUTION
    let (a, b) = (Array(query.lowercased()), Array(key.lowercased()))
    var previous = Array(0...b.count)  // distances from the empty prefix of a to each prefix of b
    for (i, character) in a.enumerated() {
        var current = [i + 1]
        for (j, other) in b.enumerated() {
            current.append(min(previous[j] + (character == other ? 0 : 1), previous[j + 1] + 1, current[j] + 1))
        }
        previous = current
    }
    let longer = max(a.count, b.count)
    return longer == 0 ? 0 : -Double(previous[b.count]) / Double(longer)
    // END SOLUTION
}

/// Exercise 11.1.1: the attention weights of `query` over `keys`: the softmax of `nameSimilarity` at `temperature` τ,
/// αᵢ = exp(sᵢ/τ) / Σⱼ exp(sⱼ/τ), in the order of `keys`.
///
/// The weights are positive (or 0 only by underflow), sum to 1, and must stay finite for any τ in (0, ∞), even
/// τ = 1e-300 (then the best key, or the tied best keys equally, get all the weight).
/// - Throws: `MatchingError.noKeys` for no keys, `MatchingError.invalidTemperature` unless τ is finite and > 0.
public func matchWeights(query: String, keys: [String], temperature: Double) throws -> [Double] {
    // BEGIN SOLUTION
    guard !keys.isEmpty else { throw MatchingError.noKeys }
    guard temperature > 0, temperature.isFinite else { throw MatchingError.invalidTemperature(temperature) }
    let scores = try keys.map { try nameSimilarity(query: query, key: $0) }
    let largest = scores.max() ?? 0
    let shifted = scores.map { exp(($0 - largest) / temperature) }
    let total = shifted.reduce(0, +)
    return shifted.map { $0 / total }
    // END SOLUTION
}
