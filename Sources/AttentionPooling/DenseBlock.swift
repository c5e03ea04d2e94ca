import DenseKernels

/// The dense engine's inner loops: one block of queries against every key, tile by tile.
///
/// For each tile of `tileKeys` keys (small enough that the tile's keys, values and one row of weights stay in the
/// L1 cache while every query of the block visits it) and each query of the block:
/// 1. the row of the tile's logits ℓ = log α (Gaussian) or weights α (compact kernels and the constant), with the
///    padding keys and the left-out key masked to −∞ (weight 0);
/// 2. Gaussian only: α = exp(ℓ), with no shift — for one coordinate, logits and weights at once as 2^(−t²) — by the
///    C target DenseKernels, compiled for SSE2, AVX2 and AVX-512 and chosen at run time by the CPU (so the results'
///    last bits depend on the machine, never on the run). Every ℓ ≤ 0, so nothing overflows;
///    a query whose total falls below e^−600 (every key farther than about 35σ, where weights could underflow) is
///    evaluated again with the online softmax: if the tile's largest logit exceeds the query's running maximum M,
///    the sums so far are multiplied by exp(M_old − M_new) and M moves up; then α = exp(ℓ − M), and the nearest
///    key gets exactly 1 so the total never underflows;
/// 3. Σ α and Σ α·v for each value coordinate, in eight lanes (`Lanes`): key i of a tile goes to lane i mod 8.
///
/// Compact kernels skip step 2: their weights are 1 or 1 − r with r < 1 a double, so at least 2⁻⁵³ — no
/// underflow is possible and log space would only cost a logarithm per key.
///
/// Every other loop is plain `Double` arithmetic on pointers, written so that the optimiser turns the eight lanes
/// into vector registers, while a debug build (no optimiser) still runs at about a tenth of that speed — vector
/// types such as `SIMD8<Double>` would be hundreds of times slower there.
///
/// Each query's sums depend only on the query and the keys, in a fixed order, never on which thread ran the block:
/// the result is the same bit for bit on every run and with any number of threads (on one machine: see step 2).
struct DenseBlock {
    /// Keys per tile: 512 keys of a few coordinates, their values and a row of weights are well inside L1.
    static let tileKeys = 512

    let problem: DenseProblem
    /// The queries of this block.
    let queries: Range<Int>

    /// Evaluates the block, writing query i's p pooled coordinates to `output[i·p ..< (i+1)·p]` and whether the
    /// estimate is defined (some key had weight) to `defined[i]`.
    ///
    /// The Gaussian goes twice only where it must. First every query with no shift at all: α = exp(ℓ), ℓ ≤ 0, no
    /// pass for the maximum. DenseKernels' exponentials are exact to about 2 ulp above e^−707 and flush below to 0,
    /// so a query whose total T ≥ e^−600 has lost nothing: its largest weight is at least T/n, and the flushed
    /// weights, fewer than n below e^−707, are under n²·e^−107 ≈ 10⁻³¹ of T for n < 2³¹. The rare query with a smaller total (every key
    /// farther than about 35σ) is evaluated again with the online softmax of step 2.
    func evaluate(output: UnsafeMutablePointer<Double>, defined: UnsafeMutablePointer<Bool>) {
        let gaussian = problem.kernel == .gaussian
        let far = evaluate(Array(queries), online: false, output: output, defined: defined)
        if gaussian && !far.isEmpty { _ = evaluate(far, online: true, output: output, defined: defined) }
    }

    /// √(log₂e / 2): t = u · this makes the Gaussian kernel exp(−u²/2) = 2^(−t²).
    static let gaussianScale = 0.849_321_800_288_019_1

    /// The smallest total weight the unshifted first pass accepts (see `evaluate(output:defined:)`).
    static let smallestUnshiftedTotal = _exp(-600.0)

    /// Evaluates queries `slots` (indices into the problem's queries), with the online softmax (`online`) or, for
    /// the Gaussian, unshifted; returns the Gaussian queries whose unshifted total is below `smallestUnshiftedTotal`
    /// (their outputs are not written), else nothing.
    private func evaluate(_ slots: [Int], online: Bool, output: UnsafeMutablePointer<Double>,
                          defined: UnsafeMutablePointer<Bool>) -> [Int] {
        let p = problem.valueDimension
        let count = slots.count
        let gaussian = problem.kernel == .gaussian
        let maxima = UnsafeMutablePointer<Double>.allocate(capacity: count)
        let sums = UnsafeMutablePointer<Lanes>.allocate(capacity: count)
        let pooled = UnsafeMutablePointer<Lanes>.allocate(capacity: count * p)
        let row = UnsafeMutablePointer<Double>.allocate(capacity: Self.tileKeys)
        defer {
            maxima.deallocate()
            sums.deallocate()
            pooled.deallocate()
            row.deallocate()
        }
        maxima.initialize(repeating: gaussian && online ? -.infinity : 0, count: count)
        sums.initialize(repeating: Lanes(0), count: count)
        pooled.initialize(repeating: Lanes(0), count: count * p)
        problem.keyColumns.withUnsafeBufferPointer { keys in
            problem.valueColumns.withUnsafeBufferPointer { values in
                problem.queries.withUnsafeBufferPointer { points in
                    var start = 0
                    while start < problem.paddedKeyCount {
                        let tile = start..<Swift.min(start + Self.tileKeys, problem.paddedKeyCount)
                        for (slot, query) in slots.enumerated() {
                            accumulate(
                                query: query, point: points.baseAddress! + query * problem.dimension, tile: tile,
                                keys: keys.baseAddress!, values: values.baseAddress!, row: row, online: online,
                                maximum: maxima + slot, sum: sums + slot, pooled: pooled + slot * p)
                        }
                        start = tile.upperBound
                    }
                }
            }
        }
        var far: [Int] = []
        for (slot, query) in slots.enumerated() {
            let total = sums[slot].sum
            if gaussian && !online && !(total >= Self.smallestUnshiftedTotal) {
                far.append(query)
                continue
            }
            let isDefined = maxima[slot] > -.infinity && total > 0
            defined[query] = isDefined
            for c in 0..<p {
                output[query * p + c] = isDefined ? pooled[slot * p + c].sum / total : 0
            }
        }
        return far
    }

    /// Steps 1–3 for one query and one tile, updating the query's sums (and, `online`, its running maximum).
    @inline(__always)
    private func accumulate(
        query: Int, point: UnsafePointer<Double>, tile: Range<Int>, keys: UnsafePointer<Double>,
        values: UnsafePointer<Double>, row: UnsafeMutablePointer<Double>, online: Bool,
        maximum: UnsafeMutablePointer<Double>, sum: UnsafeMutablePointer<Lanes>, pooled: UnsafeMutablePointer<Lanes>
    ) {
        let length = tile.count  // a multiple of 8
        let gaussian = problem.kernel == .gaussian
        // One coordinate, unshifted: the weights 2^(−t²), t = u·√(log₂e / 2) = exp(−u²/2), from the C target
        // DenseKernels, which runs AVX2 or AVX-512 code where the CPU has it.
        let onALine = gaussian && !online && problem.dimension == 1 && (Self.gaussianScale / problem.width).isFinite
        if onALine {
            dense_kernels_gaussian_line(keys + tile.lowerBound, length, point[0], Self.gaussianScale / problem.width,
                                        row)
        } else {
            fillRow(row, point: point, keys: keys + tile.lowerBound, length: length)
        }
        // Mask the padding keys and the left-out key (weight 0, or logit −∞ before the exponential).
        let excluded = gaussian && !onALine ? -Double.infinity : 0
        var padding = Swift.max(tile.lowerBound, problem.keyCount)
        while padding < tile.upperBound {
            row[padding - tile.lowerBound] = excluded
            padding += 1
        }
        if problem.leaveOneOut && tile.contains(query) { row[query - tile.lowerBound] = excluded }
        if gaussian && online {
            let largest = Self.largest(row, length: length)
            guard largest > -.infinity else { return }
            if largest > maximum.pointee {
                let scale = _exp(maximum.pointee - largest)
                sum.pointee.multiply(by: scale)
                for c in 0..<problem.valueDimension { pooled[c].multiply(by: scale) }
                maximum.pointee = largest
            }
            dense_kernels_exp_row(row, length, maximum.pointee)
        } else if gaussian && !onALine {
            dense_kernels_exp_row(row, length, 0)
        }
        var total = sum.pointee
        var weighted = pooled[0]
        let column = values + tile.lowerBound
        var chunk = 0
        while chunk < length {
            total.add(row + chunk)
            weighted.add(row + chunk, times: column + chunk)
            chunk += 8
        }
        sum.pointee = total
        pooled[0] = weighted
        for c in 1..<problem.valueDimension {
            let column = values + c * problem.paddedKeyCount + tile.lowerBound
            var weighted = pooled[c]
            var chunk = 0
            while chunk < length {
                weighted.add(row + chunk, times: column + chunk)
                chunk += 8
            }
            pooled[c] = weighted
        }
    }

    /// Query `query`'s whole row of weights over the keys, α(q, kᵢ) / Σⱼ α(q, kⱼ), or nil when no key has weight:
    /// steps 1 and 2 over the row at once (the largest logit of the whole row is the shift), then one division by
    /// the total. What `NadarayaWatson.weights(query:keys:)` computes, for `attentionRows` on many keys.
    func weights(query: Int) -> [Double]? {
        let padded = problem.paddedKeyCount
        var row = [Double](repeating: 0, count: padded)
        let defined = row.withUnsafeMutableBufferPointer { buffer -> Bool in
            let row = buffer.baseAddress!
            problem.keyColumns.withUnsafeBufferPointer { keys in
                problem.queries.withUnsafeBufferPointer { points in
                    fillRow(row, point: points.baseAddress! + query * problem.dimension, keys: keys.baseAddress!,
                            length: padded)
                }
            }
            let gaussian = problem.kernel == .gaussian
            var shift = 0.0  // the largest logit, for the Gaussian
            var padding = problem.keyCount
            while padding < padded {
                row[padding] = gaussian ? -.infinity : 0
                padding += 1
            }
            if gaussian {
                let largest = Self.largest(row, length: padded)
                guard largest > -.infinity else { return false }
                shift = largest
            }
            // The weights (the Gaussian's exponentiated), added up eight keys at a time.
            if gaussian { dense_kernels_exp_row(row, padded, shift) }
            var totalLanes = Lanes(0)
            var chunk = 0
            while chunk < padded {
                totalLanes.add(row + chunk)
                chunk += 8
            }
            let total = totalLanes.sum
            guard total > 0 else { return false }
            var i = 0
            while i < padded {
                row[i] /= total
                i += 1
            }
            return true
        }
        guard defined else { return nil }
        row.removeLast(padded - problem.keyCount)
        return row
    }

    /// `value`, or +0 where `sign` is negative (or −∞, or a NaN with its sign bit set): integer arithmetic on the
    /// bits, no branch.
    @inline(__always)
    private static func zeroed(_ value: Double, whereNegative sign: Double) -> Double {
        let mask = 0 &- (sign.bitPattern &>> 63)
        return Double(bitPattern: value.bitPattern & ~mask)
    }

    /// The largest of `length` numbers (a multiple of 8), finite or −∞, eight lanes at a time.
    @inline(__always)
    private static func largest(_ row: UnsafeMutablePointer<Double>, length: Int) -> Double {
        var lanes = Lanes(-.infinity)
        var chunk = 0
        while chunk < length {
            lanes.raise(to: row + chunk)
            chunk += 8
        }
        return lanes.largest
    }

    /// Step 1 for `length` keys from `keys` (a multiple of 8): the Gaussian's logits, or the other kernels'
    /// weights, before masking.
    ///
    /// The scaled distance is computed as `Distance.scaled` does (coordinate differences divided by σ, summed
    /// squares, square root), so compact kernels decide "in reach" exactly as the reference. The Gaussian
    /// multiplies by 1/σ instead of dividing and skips the square root and its square, a few ulp of difference.
    @inline(__always)
    private func fillRow(_ out: UnsafeMutablePointer<Double>, point: UnsafePointer<Double>,
                         keys: UnsafePointer<Double>, length: Int) {
        let sigma = problem.width
        let stride = problem.paddedKeyCount
        var i = 0
        switch problem.kernel {
        case .gaussian where problem.dimension == 1 && (1 / sigma).isFinite:
            let (q, inverse) = (point[0], 1 / sigma)
            while i < length {
                let u = (q - keys[i]) * inverse
                out[i] = u * u * -0.5
                i += 1
            }
        case .gaussian:
            // Divided by σ where 1/σ overflows (σ below 2⁻¹⁰²⁴), so that a key at the query still gets u = 0.
            let inverse = 1 / sigma
            squaredDistances(out, point: point, keys: keys, length: length, stride: stride,
                             scale: inverse.isFinite ? inverse : sigma, divide: !inverse.isFinite)
            while i < length {
                out[i] *= -0.5
                i += 1
            }
        case .constant:
            while i < length {
                out[i] = 1
                i += 1
            }
        case .boxcar, .epanechikov:
            squaredDistances(out, point: point, keys: keys, length: length, stride: stride, scale: sigma,
                             divide: true)
            let boxcar = problem.kernel == .boxcar
            while i < length {
                // One coordinate: the square root of u² is |u| exactly, as the reference's |q − k| / σ.
                let r = out[i].squareRoot()
                // Boxcar: 1 where r ≤ 1; Epanechikov: 1 − r where r < 1 (1 − r ≤ 0 is cut to 0).
                out[i] = Self.zeroed(boxcar ? 1 : 1 - r, whereNegative: 1 - r)
                i += 1
            }
        }
    }

    /// Σⱼ uⱼ² for each key, with uⱼ = (qⱼ − kⱼ) · scale or (qⱼ − kⱼ) / scale.
    @inline(__always)
    private func squaredDistances(_ out: UnsafeMutablePointer<Double>, point: UnsafePointer<Double>,
                                  keys: UnsafePointer<Double>, length: Int, stride: Int, scale: Double,
                                  divide: Bool) {
        out.update(repeating: 0, count: length)
        for coordinate in 0..<problem.dimension {
            let (q, column) = (point[coordinate], keys + coordinate * stride)
            var i = 0
            if divide {
                while i < length {
                    let u = (q - column[i]) / scale
                    out[i] += u * u
                    i += 1
                }
            } else {
                while i < length {
                    let u = (q - column[i]) * scale
                    out[i] += u * u
                    i += 1
                }
            }
        }
    }
}

/// Eight running sums (or maxima) of a query, one per lane: key i of a tile goes to lane i mod 8. Eight separate
/// `Double`s rather than a `SIMD8<Double>`, so that unoptimised builds stay fast; the optimiser keeps them in
/// vector registers all the same.
struct Lanes {
    var l0, l1, l2, l3, l4, l5, l6, l7: Double

    /// Every lane set to `value`.
    init(_ value: Double) {
        (l0, l1, l2, l3, l4, l5, l6, l7) = (value, value, value, value, value, value, value, value)
    }

    /// Adds x[0…7], one to each lane.
    @inline(__always)
    mutating func add(_ x: UnsafePointer<Double>) {
        l0 += x[0]; l1 += x[1]; l2 += x[2]; l3 += x[3]
        l4 += x[4]; l5 += x[5]; l6 += x[6]; l7 += x[7]
    }

    /// Adds x[j]·y[j] to lane j, for j in 0…7.
    @inline(__always)
    mutating func add(_ x: UnsafePointer<Double>, times y: UnsafePointer<Double>) {
        l0 += x[0] * y[0]; l1 += x[1] * y[1]; l2 += x[2] * y[2]; l3 += x[3] * y[3]
        l4 += x[4] * y[4]; l5 += x[5] * y[5]; l6 += x[6] * y[6]; l7 += x[7] * y[7]
    }

    /// Each lane multiplied by `scale`.
    @inline(__always)
    mutating func multiply(by scale: Double) {
        l0 *= scale; l1 *= scale; l2 *= scale; l3 *= scale
        l4 *= scale; l5 *= scale; l6 *= scale; l7 *= scale
    }

    /// Each lane raised to x[j] where that is larger (numbers finite or −∞, never NaN).
    @inline(__always)
    mutating func raise(to x: UnsafePointer<Double>) {
        l0 = x[0] > l0 ? x[0] : l0; l1 = x[1] > l1 ? x[1] : l1
        l2 = x[2] > l2 ? x[2] : l2; l3 = x[3] > l3 ? x[3] : l3
        l4 = x[4] > l4 ? x[4] : l4; l5 = x[5] > l5 ? x[5] : l5
        l6 = x[6] > l6 ? x[6] : l6; l7 = x[7] > l7 ? x[7] : l7
    }

    /// The lanes' sum, always in the same order: ((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7)).
    var sum: Double { ((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7)) }

    /// The largest lane.
    var largest: Double {
        let a = l0 > l1 ? l0 : l1, b = l2 > l3 ? l2 : l3, c = l4 > l5 ? l4 : l5, d = l6 > l7 ? l6 : l7
        let ab = a > b ? a : b, cd = c > d ? c : d
        return ab > cd ? ab : cd
    }
}
