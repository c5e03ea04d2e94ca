import Foundation

/// Why the search engine refused its input. Each description is one line.
public enum SearchError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The vocabulary was empty.
    case emptyVocabulary
    /// There were no documents to search.
    case noDocuments
    /// The temperature was not a finite number greater than 0.
    case invalidTemperature(Double)

    public var description: String {
        switch self {
        case .emptyVocabulary: "the vocabulary needs at least one term"
        case .noDocuments: "a search needs at least one document"
        case .invalidTemperature(let tau): "the temperature must be a finite number greater than 0, not \(tau)"
        }
    }
}

/// Exercise 11.1.3: a text as a unit-length bag-of-words vector over `vocabulary`.
///
/// Split the lower-cased text into words at every character that is not a letter or a digit; entry j counts the
/// words equal to `vocabulary[j]` (vocabulary terms are lower-case words). Then divide by the vector's Euclidean
/// length so that it has length 1. A text with none of the terms gives the zero vector (nothing to divide).
/// - Throws: `SearchError.emptyVocabulary`.
public func termVector(text: String, vocabulary: [String]) throws -> [Double] {
    // BEGIN SOLUTION
    guard !vocabulary.isEmpty else { throw SearchError.emptyVocabulary }
    let words = text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    let counts = vocabulary.map { term in Double(words.filter { $0 == term }.count) }
    let length = counts.reduce(0) { $0 + $1 * $1 }.squareRoot()
    return length > 0 ? counts.map { $0 / length } : counts
    // END SOLUTION
}

/// Exercise 11.1.3: the search engine's attention over `documents` for `query`: the softmax at `temperature` τ of
/// the cosine similarities sᵢ = t(query)ᵀ t(documentᵢ) of their `termVector`s, αᵢ = exp(sᵢ/τ) / Σⱼ exp(sⱼ/τ).
///
/// Ranking the documents by weight is the search result; the weights are positive, sum to 1 and are finite for
/// every τ > 0.
/// - Throws: `SearchError` for an empty vocabulary, no documents, or a τ that is not finite and > 0.
public func searchWeights(query: String, documents: [String], vocabulary: [String], temperature: Double) throws
    -> [Double]
{
    // BEGIN SOLUTION
    guard !documents.isEmpty else { throw SearchError.noDocuments }
    guard temperature > 0, temperature.isFinite else { throw SearchError.invalidTemperature(temperature) }
    let q = try termVector(text: query, vocabulary: vocabulary)
    let scores = try documents.map { document in
        zip(q, try termVector(text: document, vocabulary: vocabulary)).reduce(0) { $0 + $1.0 * $1.1 }
    }
    let largest = scores.max() ?? 0
    let shifted = scores.map { exp(($0 - largest) / temperature) }
    let total = shifted.reduce(0, +)
    return shifted.map { $0 / total }
    // END SOLUTION
}
