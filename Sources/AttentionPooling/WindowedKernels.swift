/// Exact Nadaraya–Watson estimates for the kernels with a finite reach (boxcar and the book's Epanechikov,
/// max(0, 1 − r)) on one-dimensional keys, in O((n + m) log n) instead of the dense O(n · m).
///
/// Method: the keys are sorted once (stably, values carried along) and prefix sums of 1, k, v and k·v are built.
/// A query q then finds the keys in its reach by binary search and reads their sums off the prefix sums:
/// - boxcar: f(q) = Σv / count over the keys with |q − k| / σ ≤ 1, the edge included exactly as `Kernel.boxcar`
///   (membership is decided by the same floating-point test as the dense path, so edge keys agree);
/// - Epanechikov: the weight (1 − |q − k|/σ) is linear in k on each side of q. Left of q it is (k − (q − σ))/σ,
///   summed as Σ(k − a) + c · (a − q + σ) with a the leftmost key in reach; right of q, mirrored about the rightmost
///   key b. Every part is a sum of nonnegative numbers, so a window whose keys all sit near its edge (tiny weights)
///   keeps its relative accuracy. Keys equal to q weigh exactly 1; keys at r = 1 weigh 0.
///
/// Accuracy: the prefix sums are double-double (`CompensatedSum`), so a window's Σk, Σv and Σk·v come out with an
/// absolute error about n · 2⁻¹⁰⁶ · Σ|k·v| rather than n · 2⁻⁵³ · Σ|k·v|: no cancellation between large prefix sums,
/// whatever the keys' offset. The estimate is then accurate to a few units in the last place of max |v| over the
/// window (tests: within 1e-12 relative of `NadarayaWatson.pool`). The one exception is a key whose distance to q is
/// not exactly representable and lies within rounding of σ (keys and queries of opposite sign about as far apart as
/// their magnitude): its weight, about 1e-16, may come out as 0 or slightly off.
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
    /// - Complexity: O(n log n) to sort (O(n) if the keys are already ascending), then O(log n) per query.
    public static func estimates(queries: [Double], keys: [Double], values: [Double], kernel: Kernel, width: Double,
                                 leaveOneOut: Bool = false) throws(AttentionPoolingError) -> [Double?] {
        guard kernel == .boxcar || kernel == .epanechikov else { throw .unsupportedKernel(kernel) }
        try validateWidth(width)
        try validateScalarInputs(queries: queries, keys: keys, values: values, leaveOneOut: leaveOneOut)
        if kernel == .epanechikov {
            let largest = queries.reduce(keys.reduce(width) { Swift.max($0, Swift.abs($1)) }) { Swift.max($0, Swift.abs($1)) }
            let largestValue = values.reduce(1) { Swift.max($0, Swift.abs($1)) }
            guard (4 * largest * Double(keys.count) * largestValue).isFinite else { throw .tooLargeForPrefixSums }
        }
        let sums = WindowedPrefixSums(SortedSample(keys: keys, values: values))
        // Queries in ascending order walk the binary searches along cached paths, shared out among the cores; the
        // answers go back in input order.
        let order = SortedSample.ascendingOrder(queries)
        let inOrder = onEveryCore(order.count) { j -> Double? in
            let i = order[j]
            let excluded = leaveOneOut ? sums.sample.position[i] : nil
            return kernel == .boxcar
                ? sums.boxcar(query: queries[i], width: width, excluding: excluded)
                : sums.epanechikov(query: queries[i], width: width, excluding: excluded)
        }
        var estimates = [Double?](repeating: nil, count: queries.count)
        for (j, i) in order.enumerated() { estimates[i] = inOrder[j] }
        return estimates
    }
}

/// Double-double prefix sums of v, k and k·v over sorted keys, and the window sums built from them.
struct WindowedPrefixSums: Sendable {
    let sample: SortedSample
    /// sumV[j] = Σ_{i<j} vᵢ, and likewise for kᵢ and kᵢ·vᵢ (the products added exactly).
    let sumV: [CompensatedSum]
    let sumK: [CompensatedSum]
    let sumKV: [CompensatedSum]

    init(_ sample: SortedSample) {
        var (v, k, kv) = (CompensatedSum.zero, CompensatedSum.zero, CompensatedSum.zero)
        var (sumV, sumK, sumKV) = ([v], [k], [kv])
        sumV.reserveCapacity(sample.keys.count + 1)
        sumK.reserveCapacity(sample.keys.count + 1)
        sumKV.reserveCapacity(sample.keys.count + 1)
        for (key, value) in zip(sample.keys, sample.values) {
            v = v.adding(value)
            k = k.adding(key)
            kv = kv.adding(CompensatedSum.twoProduct(key, value))
            sumV.append(v)
            sumK.append(k)
            sumKV.append(kv)
        }
        (self.sample, self.sumV, self.sumK, self.sumKV) = (sample, sumV, sumK, sumKV)
    }

    /// Σ over sorted indices low..<high of a prefix-summed quantity.
    @inline(__always)
    private func window(_ prefix: [CompensatedSum], _ low: Int, _ high: Int) -> CompensatedSum {
        prefix[high].subtracting(prefix[low])
    }

    /// Σv / count over the keys with |q − k| / σ ≤ 1, leaving out sorted index `excluded`; nil if none.
    func boxcar(query q: Double, width sigma: Double, excluding excluded: Int?) -> Double? {
        let low = sample.firstIndex { $0 >= q || abs(q - $0) / sigma <= 1 }
        let high = sample.firstIndex { $0 > q && !(abs(q - $0) / sigma <= 1) }
        var count = high - low
        var total = window(sumV, low, high)
        if let excluded {
            count -= 1
            total = total.adding(-sample.values[excluded])
        }
        return count > 0 ? total.value / Double(count) : nil
    }

    /// Σ (1 − r) v / Σ (1 − r) over the keys with r = |q − k| / σ < 1, leaving out sorted index `excluded` (a key
    /// equal to q); nil if no key is in reach.
    func epanechikov(query q: Double, width sigma: Double, excluding excluded: Int?) -> Double? {
        let low = sample.firstIndex { $0 >= q || abs(q - $0) / sigma < 1 }
        let equal = sample.firstIndex { $0 >= q }
        let above = sample.firstIndex { $0 > q }
        let high = sample.firstIndex { $0 > q && !(abs(q - $0) / sigma < 1) }
        // Keys equal to q weigh 1 each: σ times that, to match the σ-scaled sums below.
        var equalCount = above - equal
        var equalValues = window(sumV, equal, above)
        if let excluded {
            equalCount -= 1
            equalValues = equalValues.adding(-sample.values[excluded])
        }
        guard equalCount + (equal - low) + (high - above) > 0 else { return nil }
        var weight = CompensatedSum.twoProduct(Double(equalCount), sigma)  // σ · Σ weights
        var pooled = equalCount > 0 ? equalValues.multiplied(by: sigma) : .zero  // σ · Σ weights · values
        if low < equal {  // σ·w = k − (q − σ) = (k − a) + (a − q + σ), a the leftmost key
            let (a, count) = (sample.keys[low], Double(equal - low))
            let gap = max(0, (a - q) + sigma)
            let values = window(sumV, low, equal)
            weight = weight.adding(window(sumK, low, equal).subtracting(CompensatedSum.twoProduct(count, a)))
                .adding(CompensatedSum.twoProduct(count, gap))
            pooled = pooled.adding(window(sumKV, low, equal).subtracting(values.multiplied(by: a)))
                .adding(values.multiplied(by: gap))
        }
        if above < high {  // σ·w = (q + σ) − k = (b − k) + (q − b + σ), b the rightmost key
            let (b, count) = (sample.keys[high - 1], Double(high - above))
            let gap = max(0, (q - b) + sigma)
            let values = window(sumV, above, high)
            weight = weight.adding(CompensatedSum.twoProduct(count, b).subtracting(window(sumK, above, high)))
                .adding(CompensatedSum.twoProduct(count, gap))
            pooled = pooled.adding(values.multiplied(by: b).subtracting(window(sumKV, above, high)))
                .adding(values.multiplied(by: gap))
        }
        let total = weight.value
        return total > 0 ? pooled.value / total : nil
    }
}
