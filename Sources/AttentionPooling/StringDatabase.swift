/// How a query's scores against the keys become attention weights in a `StringDatabase` lookup.
public enum LookupRule: Sendable, Equatable {
    /// One-hot on the key equal to the query; no weights (nil) when there is none.
    case exact
    /// One-hot on the most similar key (the first of tied ones): an approximate lookup.
    case nearest
    /// Weight 1/k on each of the k most similar keys (ties at the k-th place go to the keys that come first).
    case topK(Int)
    /// Softmax of the similarities at temperature τ > 0: near `nearest` for small τ, near uniform for large τ.
    case softmax(temperature: Double)
}

/// A database of (key, value) pairs of strings, queried by attention: the query is compared with every key by
/// `StringSimilarity.score` (minus the edit distance), the scores become weights by a `LookupRule`, and the values,
/// as one-hot vectors over the distinct values, are pooled into a distribution over the values.
public struct StringDatabase: Sendable, Equatable {
    /// The keys, distinct, in database order.
    public let keys: [String]
    /// The value of each key.
    public let values: [String]

    /// The lecture's example (Lippert, "10.1 Attention Mechanism"): last names as keys, first names as values.
    public static let lecture = StringDatabase(checkedKeys: [
        "Schumacher", "Schneider", "Fischer", "Weber", "Schulz", "Schuler",
    ], values: ["Anna", "Michael", "Julia", "Sarah", "Lisa", "Tim"])

    /// A database of `pairs`, in the given order.
    /// - Throws: no pairs, or a key that appears twice (an exact lookup would be ambiguous).
    public init(_ pairs: [(key: String, value: String)]) throws(LookupError) {
        guard !pairs.isEmpty else { throw .empty }
        var seen: Set<String> = []
        for pair in pairs {
            guard seen.insert(pair.key).inserted else { throw .duplicateKey(pair.key) }
        }
        self.init(checkedKeys: pairs.map(\.key), values: pairs.map(\.value))
    }

    private init(checkedKeys: [String], values: [String]) {
        keys = checkedKeys
        self.values = values
    }

    /// The database without the pair whose key is `key`.
    /// - Throws: `key` is not in the database, or it is the only pair (a database needs at least one).
    public func removing(key: String) throws(LookupError) -> StringDatabase {
        guard let index = keys.firstIndex(of: key) else { throw .unknownKey(key) }
        guard keys.count > 1 else { throw .empty }
        var (keys, values) = (keys, values)
        keys.remove(at: index)
        values.remove(at: index)
        return StringDatabase(checkedKeys: keys, values: values)
    }

    /// The similarity of `query` to each key, s(q, kᵢ) = −d(q, kᵢ), in database order.
    public func scores(for query: String) -> [Double] {
        keys.map { StringSimilarity.score(query: query, key: $0) }
    }

    // snippet: lookup
    /// The attention weights of `query` over the keys under `rule`, or nil for an exact lookup with no such key.
    /// - Throws: `AttentionPoolingError` for a top-k with k outside 1...m, or a softmax temperature that is not a
    ///   finite number > 0.
    public func weights(for query: String, rule: LookupRule) throws(AttentionPoolingError) -> [Double]? {
        let scores = scores(for: query)
        switch rule {
        case .exact:
            guard let index = keys.firstIndex(of: query) else { return nil }
            return try AttentionWeights.oneHot(at: index, count: keys.count)
        case .nearest:
            return try AttentionWeights.argmax(scores)
        case .topK(let k):
            return try AttentionWeights.topK(scores, k: k)
        case .softmax(let temperature):
            return try Softmax.weights(scores, temperature: temperature)
        }
    }
    // end snippet

    /// The distinct values in order of first appearance: the coordinates of the one-hot value vectors.
    public var distinctValues: [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }

    /// The values as one-hot vectors over `distinctValues`: pair i's vector has a 1 at its value's position.
    public var oneHotValues: [[Double]] {
        let names = distinctValues
        return values.map { value in names.map { $0 == value ? 1 : 0 } }
    }

    /// Attention(q, D) with one-hot values: Σᵢ αᵢ onehot(vᵢ), a weight per distinct value (keys sharing a value add
    /// up). For convex weights it is a probability distribution over `distinctValues`.
    /// - Throws: `AttentionPoolingError` for a weight count other than the number of keys, or a weight that is not
    ///   finite.
    public func valueDistribution(_ weights: [Double]) throws(AttentionPoolingError) -> [Double] {
        try AttentionWeights.pool(weights: weights, values: oneHotValues)
    }
}

/// Why a `StringDatabase` could not be built or shrunk. Each description is one line.
public enum LookupError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case duplicateKey(String)
    case unknownKey(String)

    public var description: String {
        switch self {
        case .empty: "a database needs at least one (key, value) pair"
        case .duplicateKey(let key): "the key \"\(key)\" appears twice; keys must be distinct"
        case .unknownKey(let key): "there is no key \"\(key)\" in the database"
        }
    }
}
