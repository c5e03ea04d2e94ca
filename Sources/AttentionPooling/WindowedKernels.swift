import Dispatch

/// Exact Nadaraya–Watson estimates for the kernels with a finite reach (boxcar and the book's Epanechikov,
/// max(0, 1 − r)) on one-dimensional keys, in O(n + m) on average (O(m + n log m) at worst) instead of the
/// dense O(n · m).
///
/// Method (the keys are never sorted; only the m queries are):
/// 1. `WindowedQueries`: the queries are sorted and each distinct query q gets the exact first and last doubles a key
///    can be and be in its reach (`WindowedEdges`: the reference's own test |q − k| / σ ≤ 1 or < 1, stepped to its
///    boundary ulp by ulp), so membership — edge keys, ties, keys equal to q — is decided exactly as the dense path
///    decides it. The windows' edges (and, for the Epanechikov kernel, q and the double after q) are merged into one
///    ascending list T.
/// 2. `WindowedBuckets`: every key falls in one bucket between consecutive edges; a grid over T finds it in O(1) on
///    average. Per bucket, the count and compensated Σv, Σk, Σk·v are summed, and prefix sums over the buckets are
///    formed, block by block on every core, in an order fixed by the inputs alone (identical results on every run).
///    The grid's cells come from a sample of the queries (its bulk: far outliers do not stretch them), so the keys
///    are laid out in their blocks on one core while the queries are sorted and merged on the other.
/// 3. Each query reads its window's sums as differences of prefix sums:
///    - boxcar: f(q) = Σv / count over the keys with |q − k| / σ ≤ 1;
///    - Epanechikov: the weight 1 − |q − k|/σ is linear in k on each side of q. Left of q, σ·w = (k − a) + σ·w(a)
///      with a the lowest double in reach, summed as Σ(k − a) + c · σ·w(a); right of q, mirrored about the highest
///      double b in reach. Both parts are sums of nonnegative numbers, so a window whose keys all sit near its edge
///      (tiny weights) keeps its relative accuracy. Keys equal to q weigh exactly 1; keys at r = 1 weigh 0.
///
/// Accuracy: the sums are compensated (Sum2: hi + lo with every rounding error of hi kept in lo), so a window's Σk,
/// Σv and Σk·v, and Σ(k − a), Σ(k − a)·v, come out with an absolute error about 2⁻¹⁰⁶ · n · Σ|k·v| (n² · 2⁻¹⁰⁶ · Σ|k·v|
/// at worst) rather than n · 2⁻⁵³ · Σ|k·v|: no cancellation between large prefix sums, whatever the keys' offset.
/// The estimate is then accurate to a few units in the last place of max |v| over the window (tests: within 1e-12
/// relative of `NadarayaWatson.pool`). The one exception is a key whose distance to q lies within rounding of σ: its
/// weight, about 1e-16 of the largest, may come out a little off.
public enum WindowedKernels {
    /// The Nadaraya–Watson estimate f(q) for each query, or nil where no key is in reach (all weights 0).
    ///
    /// - Parameters:
    ///   - queries: m ≥ 0 finite numbers.
    ///   - keys: n ≥ 1 finite numbers, in any order, duplicates allowed.
    ///   - values: n finite numbers, one per key.
    ///   - kernel: `.boxcar` or `.epanechikov`.
    ///   - width: σ, a finite number > 0.
    ///   - leaveOneOut: query i does not attend to key i (needs m = n, the queries being the keys); a query whose
    ///     only key in reach was itself gets nil.
    /// - Throws: `AttentionPoolingError` for another kernel, a bad width, or the inputs `validateScalarInputs` refuses;
    ///   for the Epanechikov kernel, `.tooLargeForPrefixSums` when keys or queries near the largest double would make
    ///   its sums of k and k·v overflow (the reference and the dense engine then answer: `NadarayaWatson.estimates`
    ///   falls back to the dense engine).
    /// - Complexity: O(n + m) time on average for keys and queries spread evenly enough for a uniform grid (a few
    ///   floating-point tests per query for its edges, one grid look-up per key), O(m + n log m) at worst; every
    ///   core shares the work. O(n + m) memory: 4 bytes a key and about 400 bytes a query.
    public static func estimates(queries: [Double], keys: [Double], values: [Double], kernel: Kernel, width: Double,
                                 leaveOneOut: Bool = false) throws(AttentionPoolingError) -> [Double?] {
        guard kernel == .boxcar || kernel == .epanechikov else { throw .unsupportedKernel(kernel) }
        try validateWidth(width)
        try validateScalarInputs(queries: queries, keys: keys, values: values, leaveOneOut: leaveOneOut)
        if kernel == .epanechikov {
            let largest = Swift.max(width, largestMagnitude(keys), largestMagnitude(queries))
            let largestValue = Swift.max(1, largestMagnitude(values))
            guard (4 * largest * Double(keys.count) * largestValue).isFinite else { throw .tooLargeForPrefixSums }
        }
        guard !queries.isEmpty else { return [] }
        let (includingEdge, splitAtQuery) = (kernel == .boxcar, kernel == .epanechikov)
        // The first and last edges come from the least and the greatest query (the edges are monotone in q), and the
        // grid's cells from a sample of the queries (about 1024, evenly spaced in input order, without the sample's
        // 0.5 % at either end, so a few far-away queries do not stretch the cells): so the keys are laid out on one
        // core while the queries are sorted and their edges merged on the other.
        let (least, greatest) = queries.reduce((queries[0], queries[0])) { (Swift.min($0.0, $1), Swift.max($0.1, $1)) }
        let first = WindowedEdges.lowest(query: least, width: width, includingEdge: includingEdge)
        let highest = WindowedEdges.highest(query: greatest, width: width, includingEdge: includingEdge)
        let last = WindowedEdges.above(highest)
        let sample = stride(from: 0, to: queries.count, by: Swift.max(1, queries.count / 1024)).map { queries[$0] }
            .sorted()
        let cellsFrom = WindowedEdges.lowest(query: sample[sample.count / 200], width: width,
                                             includingEdge: includingEdge)
        let cellsTo = WindowedEdges.highest(query: sample[sample.count - 1 - sample.count / 200], width: width,
                                            includingEdge: includingEdge)
        let edgeCount = (splitAtQuery ? 4 : 2) * queries.count  // at most
        let cells = EdgeGrid(from: cellsFrom, to: cellsTo, edges: edgeCount,
                             cellsPerBlock: WindowedBuckets.cellsPerBlock)
        let (windows, firstLayout) = bothAtOnce(
            {
                WindowedQueries(queries: queries, width: width, includingEdge: includingEdge,
                                splitAtQuery: splitAtQuery)
            },
            { WindowedBuckets.layOut(keys, from: first, to: last, grid: cells) })
        // The merged edges do begin and end there; were they ever not to, the keys are laid out again for them.
        let (firstEdge, lastEdge) = (windows.edges[0], windows.edges[windows.edges.count - 1])
        let layout = firstEdge == first && lastEdge == last
            ? firstLayout : WindowedBuckets.layOut(keys, from: firstEdge, to: lastEdge, grid: cells)
        let buckets = WindowedBuckets(edges: windows.edges, grid: cells, layout: layout, keys: keys, values: values,
                                      moments: splitAtQuery)
        // The queries in ascending order, in chunks shared out among the cores: neighbouring queries read
        // neighbouring prefix sums. Each answer goes to its query's input slot.
        return [Double?](unsafeUninitializedCapacity: queries.count) { estimates, initialized in
            nonisolated(unsafe) let slots = estimates  // each query writes only its own slot
            let chunkCount = (queries.count + 4095) / 4096
            DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                for j in (chunk * 4096)..<Swift.min(queries.count, (chunk + 1) * 4096) {
                    let (i, d) = (windows.order[j], windows.group[j])
                    let excluded = leaveOneOut ? values[i] : nil
                    (slots.baseAddress! + i).initialize(
                        to: kernel == .boxcar
                            ? boxcar(buckets, low: windows.low[d], high: windows.high[d], excluding: excluded)
                            : epanechikov(buckets, windows, d, width: width, excluding: excluded))
                }
            }
            initialized = queries.count
        }
    }

    /// (a(), b()), the two run at the same time on two cores when there are two.
    private static func bothAtOnce<A, B>(_ a: () -> A, _ b: () -> B) -> (A, B) {
        let first = UnsafeMutablePointer<A>.allocate(capacity: 1)
        let second = UnsafeMutablePointer<B>.allocate(capacity: 1)
        defer {
            first.deallocate()
            second.deallocate()
        }
        nonisolated(unsafe) let slots = (first, second)  // each part writes only its own slot
        withoutActuallyEscaping(a) { a in
            withoutActuallyEscaping(b) { b in
                nonisolated(unsafe) let (a, b) = (a, b)
                DispatchQueue.concurrentPerform(iterations: 2) { part in
                    if part == 0 { slots.0.initialize(to: a()) } else { slots.1.initialize(to: b()) }
                }
            }
        }
        return (first.move(), second.move())
    }

    /// max |x| over finite numbers (0 for none), four running maxima at a time.
    private static func largestMagnitude(_ numbers: [Double]) -> Double {
        numbers.withUnsafeBufferPointer { numbers in
            var largest = (0.0, 0.0, 0.0, 0.0)
            var i = 0
            while i + 4 <= numbers.count {
                let (a, b, c, d) = (Swift.abs(numbers[i]), Swift.abs(numbers[i + 1]), Swift.abs(numbers[i + 2]),
                                    Swift.abs(numbers[i + 3]))
                largest = (a > largest.0 ? a : largest.0, b > largest.1 ? b : largest.1,
                           c > largest.2 ? c : largest.2, d > largest.3 ? d : largest.3)
                i += 4
            }
            while i < numbers.count {
                largest.0 = Swift.max(largest.0, Swift.abs(numbers[i]))
                i += 1
            }
            return Swift.max(largest.0, largest.1, largest.2, largest.3)
        }
    }

    /// Σv / count over the keys in [T[low], T[high]) (those with |q − k| / σ ≤ 1), less the key whose value is
    /// `excluded`; nil if none.
    @inline(__always)
    private static func boxcar(_ buckets: WindowedBuckets, low: Int, high: Int, excluding excluded: Double?)
        -> Double?
    {
        let (below, through) = (buckets.prefix(low), buckets.prefix(high))
        var count = (through.offset.count + through.local.count) - (below.offset.count + below.local.count)
        var total = CompensatedSum.difference(through.offset.v, through.local.v, below.offset.v, below.local.v)
        if let excluded {
            count -= 1
            total.accumulate(-excluded)
        }
        return count > 0 ? total.value / Double(count) : nil
    }

    /// Σ (1 − r) v / Σ (1 − r) over the keys with r = |q − k| / σ < 1 for distinct query d, less a key equal to q
    /// whose value is `excluded`; nil if no key is in reach.
    ///
    /// Each side's weights are linear in k and summed as two nonnegative parts: left of q, σ·w = (k − a) + σ·w(a)
    /// with a the lowest double in reach; right of q, σ·w = (b − k) + σ·w(b) with b the highest. Σ(k − a) and
    /// Σ(k − a)·v are formed from the prefix sums without cancellation (`CompensatedSum.difference`, exact products);
    /// what remains adds numbers of one sign (the weights) or is rounded once relative to max |v| (the pooled values).
    @inline(__always)
    private static func epanechikov(_ buckets: WindowedBuckets, _ windows: WindowedQueries, _ d: Int,
                                    width sigma: Double, excluding excluded: Double?) -> Double?
    {
        let q = windows.distinct[d]
        let (low, equal) = (buckets.prefix(windows.low[d]), buckets.prefix(windows.equal[d]))
        let (above, high) = (buckets.prefix(windows.above[d]), buckets.prefix(windows.high[d]))
        let (lowCount, equalCount) = (low.offset.count + low.local.count, equal.offset.count + equal.local.count)
        let (aboveCount, highCount) = (above.offset.count + above.local.count, high.offset.count + high.local.count)
        let (leftCount, rightCount) = (equalCount - lowCount, highCount - aboveCount)
        let centreCount = aboveCount - equalCount - (excluded == nil ? 0 : 1)
        guard centreCount + leftCount + rightCount > 0 else { return nil }
        // Keys equal to q weigh 1 each: σ times that, to match the σ-scaled sums below.
        var weight = Double(centreCount) * sigma  // σ · Σ weights
        var pooled = 0.0  // σ · Σ weights · values
        if centreCount > 0 {
            var values = CompensatedSum.difference(above.offset.v, above.local.v, equal.offset.v, equal.local.v)
            if let excluded { values.accumulate(-excluded) }
            pooled = values.value * sigma
        }
        if leftCount > 0 {
            let (a, count) = (windows.lowest[d], Double(leftCount))
            let edgeWeight = sigma * (1 - Swift.abs(q - a) / sigma)  // σ·w(a) > 0: a is in reach
            let v = CompensatedSum.difference(equal.offset.v, equal.local.v, low.offset.v, low.local.v)
            var offsets = CompensatedSum.difference(equal.offset.k, equal.local.k, low.offset.k, low.local.k)
            offsets.subtract(CompensatedSum.twoProduct(count, a))  // Σ(k − a)
            var offsetsTimesValues = CompensatedSum.difference(equal.offset.kv, equal.local.kv, low.offset.kv,
                                                               low.local.kv)
            offsetsTimesValues.subtract(CompensatedSum.twoProduct(v.hi, a))
            offsetsTimesValues.lo -= v.lo * a  // Σ(k − a)·v
            weight += offsets.value + count * edgeWeight
            pooled += offsetsTimesValues.value + v.value * edgeWeight
        }
        if rightCount > 0 {
            let (b, count) = (windows.highest[d], Double(rightCount))
            let edgeWeight = sigma * (1 - Swift.abs(q - b) / sigma)  // σ·w(b) > 0
            let v = CompensatedSum.difference(high.offset.v, high.local.v, above.offset.v, above.local.v)
            let k = CompensatedSum.difference(high.offset.k, high.local.k, above.offset.k, above.local.k)
            var offsets = CompensatedSum.twoProduct(count, b)
            offsets.subtract(k)  // Σ(b − k)
            let kv = CompensatedSum.difference(high.offset.kv, high.local.kv, above.offset.kv, above.local.kv)
            var offsetsTimesValues = CompensatedSum.twoProduct(v.hi, b)
            offsetsTimesValues.lo += v.lo * b
            offsetsTimesValues.subtract(kv)  // Σ(b − k)·v
            weight += offsets.value + count * edgeWeight
            pooled += offsetsTimesValues.value + v.value * edgeWeight
        }
        return weight > 0 ? pooled / weight : nil
    }
}
