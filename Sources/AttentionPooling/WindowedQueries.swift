import Dispatch

/// The queries in ascending order, each distinct query's window edges, and all the edges merged into one ascending
/// list T of distinct numbers, with each window's place in it.
///
/// Distinct query d (value q) reaches the keys in [lowest, highest] (`WindowedEdges`). Its window is then
/// [T[low], T[high]) with T[low] = lowest and T[high] = the double after highest; split at the query (Epanechikov),
/// [T[low], T[equal]) holds the keys below q, [T[equal], T[above]) the keys equal to q (T[equal] = q,
/// T[above] = the double after q) and [T[above], T[high]) the keys above q. The edges of ascending queries are
/// themselves ascending (the test is monotone in q too), so T is a merge of sorted lists, no sort.
struct WindowedQueries: Sendable {
    /// order[j]: the input index of the j-th smallest query (ties in input order).
    let order: [Int]
    /// group[j]: the distinct query that the j-th smallest query equals.
    let group: [Int]
    /// The distinct queries, ascending, and the first and last doubles in their reach.
    let distinct: [Double]
    let lowest: [Double]
    let highest: [Double]
    /// The edges T, ascending and distinct, and each distinct query's places in them (`equal` and `above` only
    /// when split at the query; otherwise empty).
    let edges: [Double]
    let low: [Int]
    let equal: [Int]
    let above: [Int]
    let high: [Int]

    /// - Parameters: `queries` m ≥ 1 finite numbers; `width` σ finite and > 0; `includingEdge` true for the boxcar's
    ///   r ≤ 1, false for the Epanechikov's r < 1; `splitAtQuery` whether windows are split at the query.
    /// - Complexity: O(m) to sort (`SortedSample.ascendingOrder`, a radix sort), a few edge tests per distinct
    ///   query (at most 64 each) over every core, O(m) to merge.
    init(queries: [Double], width sigma: Double, includingEdge: Bool, splitAtQuery: Bool) {
        let order = SortedSample.ascendingOrder(queries)
        var distinct: [Double] = []
        var group = [Int](repeating: 0, count: order.count)
        for (j, i) in order.enumerated() {
            if distinct.last != queries[i] { distinct.append(queries[i]) }
            group[j] = distinct.count - 1
        }
        let count = distinct.count
        var (lowest, highest) = ([Double](repeating: 0, count: count), [Double](repeating: 0, count: count))
        lowest.withUnsafeMutableBufferPointer { lowest in
            highest.withUnsafeMutableBufferPointer { highest in
                nonisolated(unsafe) let (lowest, highest) = (lowest, highest)  // each chunk its own slots
                let distinctQueries = distinct
                let chunkCount = (count + 4095) / 4096
                DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                    for d in (chunk * 4096)..<Swift.min(count, (chunk + 1) * 4096) {
                        let q = distinctQueries[d]
                        lowest[d] = WindowedEdges.lowest(query: q, width: sigma, includingEdge: includingEdge)
                        highest[d] = WindowedEdges.highest(query: q, width: sigma, includingEdge: includingEdge)
                    }
                }
            }
        }
        let beyondHighest = highest.map(WindowedEdges.above)
        // T = lowest ∪ beyondHighest (∪ the queries and the doubles after them), each list ascending.
        var (edges, lowPlace, highPlace) = Self.merged(lowest, beyondHighest)
        var (low, high, equal, above) = (lowPlace, highPlace, [Int](), [Int]())
        if splitAtQuery {
            // q < the double after q ≤ the next distinct query: interleaving keeps them ascending.
            var atQueries = [Double]()
            atQueries.reserveCapacity(2 * count)
            for q in distinct {
                atQueries.append(WindowedEdges.number(rank: WindowedEdges.rank(q)))  // −0 as +0
                atQueries.append(WindowedEdges.above(q))
            }
            let (all, windowPlace, queryPlace) = Self.merged(edges, atQueries)
            edges = all
            low = lowPlace.map { windowPlace[$0] }
            high = highPlace.map { windowPlace[$0] }
            equal = (0..<count).map { queryPlace[2 * $0] }
            above = (0..<count).map { queryPlace[2 * $0 + 1] }
        }
        (self.order, self.group, self.distinct, self.lowest, self.highest) = (order, group, distinct, lowest, highest)
        (self.edges, self.low, self.high, self.equal, self.above) = (edges, low, high, equal, above)
    }

    /// The numbers of two ascending lists, ascending, each once; and where each number of each list went.
    static func merged(_ a: [Double], _ b: [Double]) -> (merged: [Double], aPlace: [Int], bPlace: [Int]) {
        var aPlace = [Int](repeating: 0, count: a.count)
        var bPlace = [Int](repeating: 0, count: b.count)
        var count = 0
        let merged = [Double](unsafeUninitializedCapacity: a.count + b.count) { merged, initialized in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    aPlace.withUnsafeMutableBufferPointer { aPlace in
                        bPlace.withUnsafeMutableBufferPointer { bPlace in
                            var (i, j, last) = (0, 0, -1)
                            // Both places are written every step; the one whose list does not move is written
                            // again when it does (no branch on which list gives the next number).
                            while i < a.count && j < b.count {
                                let (x, y) = (a[i], b[j])
                                let next = x <= y ? x : y
                                if last < 0 || merged[last] != next {
                                    last += 1
                                    merged[last] = next
                                }
                                (aPlace[i], bPlace[j]) = (last, last)
                                i += x <= y ? 1 : 0
                                j += x <= y ? 0 : 1
                            }
                            for (list, place, start) in [(a, aPlace, i), (b, bPlace, j)] {
                                for index in start..<list.count {
                                    if last < 0 || merged[last] != list[index] {
                                        last += 1
                                        merged[last] = list[index]
                                    }
                                    place[index] = last
                                }
                            }
                            count = last + 1
                        }
                    }
                }
            }
            initialized = count
        }
        return (merged, aPlace, bPlace)
    }
}
