/// One-dimensional keys sorted ascending with their values, for the fast Gauss transform's sorted-key plan
/// (`FastGaussPlan`: leave-one-out, the width's derivatives, keys too sparse for a grid).
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

    /// Sorts `keys` (finite) and carries `values` (the same count) along: O(n), by `ascendingOrder`, and a single
    /// pass when the keys are already ascending.
    init(keys: [Double], values: [Double]) {
        if zip(keys, keys.dropFirst()).allSatisfy({ $0 <= $1 }) {
            (self.keys, self.values, self.position) = (keys, values, Array(keys.indices))
            return
        }
        let order = Self.ascendingOrder(keys)
        var position = [Int](repeating: 0, count: keys.count)
        for (sortedIndex, index) in order.enumerated() { position[index] = sortedIndex }
        (self.keys, self.values, self.position) = (order.map { keys[$0] }, order.map { values[$0] }, position)
    }

    /// The indices of `keys` (finite numbers) in ascending order of key, equal keys (−0 and +0 among them) in input
    /// order: what sorting the pairs (key, index) gives, computed by a stable least-significant-digit radix sort on
    /// the keys' bits — four passes of 16 bits, O(n), no comparisons.
    ///
    /// A double's bits order like the number once negative numbers have every bit flipped and the others their
    /// sign bit set; −0 is first made +0 so that the two zeros tie, as they compare.
    static func ascendingOrder(_ keys: [Double]) -> [Int] {
        let n = keys.count
        var digits = keys.map { key -> UInt64 in
            let bits = (key == 0 ? 0.0 : key).bitPattern
            return bits >> 63 == 1 ? ~bits : bits | (1 << 63)
        }
        var order = Array(0..<n)
        var nextDigits = [UInt64](repeating: 0, count: n)
        var nextOrder = [Int](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: 1 << 16)
        for pass in 0..<4 {
            let shift = UInt64(16 * pass)
            for i in counts.indices { counts[i] = 0 }
            var i = 0
            while i < n {
                counts[Int((digits[i] >> shift) & 0xFFFF)] += 1
                i += 1
            }
            var start = 0
            for bucket in counts.indices {
                (counts[bucket], start) = (start, start + counts[bucket])
            }
            i = 0
            while i < n {
                let bucket = Int((digits[i] >> shift) & 0xFFFF)
                nextDigits[counts[bucket]] = digits[i]
                nextOrder[counts[bucket]] = order[i]
                counts[bucket] += 1
                i += 1
            }
            swap(&digits, &nextDigits)
            swap(&order, &nextOrder)
        }
        return order
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
