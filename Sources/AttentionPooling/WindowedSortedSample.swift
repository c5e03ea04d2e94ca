/// One-dimensional keys sorted ascending with their values, for the windowed and fast-Gauss evaluations.
///
/// The sort is stable: equal keys keep their input order, so the same input always gives the same order.
/// `position[i]` is where input key i went, so a leave-one-out query can find (and skip) its own key.
struct SortedSample: Sendable {
    /// The keys, ascending.
    let keys: [Double]
    /// The values, in the keys' sorted order.
    let values: [Double]
    /// position[i]: the sorted index of input key i.
    let position: [Int]

    /// Sorts `keys` (finite) and carries `values` (the same count) along. O(n log n); O(n) when already sorted.
    init(keys: [Double], values: [Double]) {
        if zip(keys, keys.dropFirst()).allSatisfy({ $0 <= $1 }) {
            (self.keys, self.values, self.position) = (keys, values, Array(keys.indices))
            return
        }
        var pairs = keys.indices.map { (keys[$0], $0) }
        pairs.sort { $0 < $1 }
        var position = [Int](repeating: 0, count: keys.count)
        for (sortedIndex, pair) in pairs.enumerated() { position[pair.1] = sortedIndex }
        (self.keys, self.values, self.position) = (pairs.map(\.0), pairs.map { values[$0.1] }, position)
    }

    /// The first sorted index whose key satisfies `isAfter`, for a predicate that is false and then true along the
    /// sorted keys (monotone); `keys.count` when none does.
    @inline(__always)
    func firstIndex(where isAfter: (Double) -> Bool) -> Int {
        keys.partitionPoint(where: isAfter)
    }
}

extension Array where Element == Double {
    /// The first index whose element satisfies `isAfter`, for a predicate that is false and then true along the
    /// array (monotone); `count` when none does. Binary search, O(log n).
    @inline(__always)
    func partitionPoint(where isAfter: (Double) -> Bool) -> Int {
        var (low, high) = (0, count)
        while low < high {
            let middle = (low + high) / 2
            if isAfter(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
