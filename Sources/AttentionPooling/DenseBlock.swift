/// The dense engine's inner loops: one block of queries against every key, tile by tile.
///
/// For each tile of `tileKeys` keys (small enough that the tile's keys, values and one row of weights stay in the
/// L1 cache while every query of the block visits it) and each query of the block:
/// 1. the logits ℓ = log α (Gaussian) or the weights α (compact kernels and the constant) of the tile's keys, eight
///    keys per vector, with the padding keys and the left-out key masked to −∞ (weight 0);
/// 2. Gaussian only, the online softmax: if the tile's largest logit exceeds the query's running maximum M, the
///    sums so far are multiplied by exp(M_old − M_new) and M moves up; then α = exp(ℓ − M) with `FastExp`, every
///    argument ≤ 0 so nothing overflows, and the nearest key gets exactly 1 so the total never underflows;
/// 3. Σ α and Σ α·v for each value coordinate, in eight-lane accumulators.
///
/// Compact kernels skip step 2: their weights are 1 or 1 − r with r < 1 a double, so at least 2⁻⁵³ — no
/// underflow is possible and log space would only cost a logarithm per key.
///
/// Each query's sums depend only on the query and the keys, in a fixed order, never on which thread ran the block:
/// the result is the same bit for bit on every run and with any number of threads.
struct DenseBlock {
    /// Keys per tile: 512 keys of a few coordinates, their values and a row of weights are well inside L1.
    static let tileKeys = 512

    let problem: DenseProblem
    /// The queries of this block.
    let queries: Range<Int>

    /// Evaluates the block, writing query i's p pooled coordinates to `output[i·p ..< (i+1)·p]` and whether the
    /// estimate is defined (some key had weight) to `defined[i]`.
    func evaluate(output: UnsafeMutablePointer<Double>, defined: UnsafeMutablePointer<Bool>) {
        let p = problem.valueDimension
        let count = queries.count
        let maxima = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
        let sums = UnsafeMutableBufferPointer<SIMD8<Double>>.allocate(capacity: count)
        let pooled = UnsafeMutableBufferPointer<SIMD8<Double>>.allocate(capacity: count * p)
        let row = UnsafeMutablePointer<Double>.allocate(capacity: Self.tileKeys)
        defer {
            maxima.deallocate()
            sums.deallocate()
            pooled.deallocate()
            row.deallocate()
        }
        maxima.initialize(repeating: problem.kernel == .gaussian ? -.infinity : 0)
        sums.initialize(repeating: .zero)
        pooled.initialize(repeating: .zero)
        problem.keyColumns.withUnsafeBufferPointer { keys in
            problem.valueColumns.withUnsafeBufferPointer { values in
                problem.queries.withUnsafeBufferPointer { points in
                    for start in stride(from: 0, to: problem.paddedKeyCount, by: Self.tileKeys) {
                        let tile = start..<min(start + Self.tileKeys, problem.paddedKeyCount)
                        for (slot, query) in queries.enumerated() {
                            let point = points.baseAddress! + query * problem.dimension
                            accumulate(
                                query: query, point: point, tile: tile, keys: keys.baseAddress!,
                                values: values.baseAddress!, row: row, maximum: &maxima[slot], sum: &sums[slot],
                                pooled: pooled.baseAddress! + slot * p)
                        }
                    }
                }
            }
        }
        for (slot, query) in queries.enumerated() {
            let total = sums[slot].sum()
            let isDefined = maxima[slot] > -.infinity && total > 0
            defined[query] = isDefined
            for c in 0..<p {
                output[query * p + c] = isDefined ? pooled[slot * p + c].sum() / total : 0
            }
        }
    }

    /// Steps 1–3 for one query and one tile, updating the query's running maximum and sums.
    @inline(__always)
    private func accumulate(
        query: Int, point: UnsafePointer<Double>, tile: Range<Int>, keys: UnsafePointer<Double>,
        values: UnsafePointer<Double>, row: UnsafeMutablePointer<Double>, maximum: inout Double,
        sum: inout SIMD8<Double>, pooled: UnsafeMutablePointer<SIMD8<Double>>
    ) {
        let gaussian = problem.kernel == .gaussian
        let rows = UnsafeMutableRawPointer(row).assumingMemoryBound(to: SIMD8<Double>.self)
        let chunks = tile.count / DenseProblem.lanes
        var largestLanes = fillRow(rows, point: point, keys: keys + tile.lowerBound, chunks: chunks)
        // Mask the padding keys and the left-out key (logit −∞, weight 0), and find the tile's maximum again.
        let padding = tile.clamped(to: problem.keyCount..<problem.paddedKeyCount)
        let skipsQuery = problem.leaveOneOut && tile.contains(query)
        if !padding.isEmpty || skipsQuery {
            let excluded = gaussian ? -Double.infinity : 0
            for i in padding { row[i - tile.lowerBound] = excluded }
            if skipsQuery { row[query - tile.lowerBound] = excluded }
            if gaussian {
                largestLanes = SIMD8(repeating: -.infinity)
                for chunk in 0..<chunks { largestLanes = FastExp.larger(rows[chunk], largestLanes) }
            }
        }
        let column = UnsafeRawPointer(values + tile.lowerBound).assumingMemoryBound(to: SIMD8<Double>.self)
        var (total, weighted) = (sum, pooled[0])
        if gaussian {
            let largest = Self.largestLane(largestLanes)
            guard largest > -.infinity else { return }
            if largest > maximum {
                let scale = _exp(maximum - largest)
                total *= scale
                weighted *= scale
                for c in 1..<problem.valueDimension { pooled[c] *= scale }
                maximum = largest
            }
            let shift = SIMD8<Double>(repeating: maximum)
            // The weights are written back only when further value coordinates will need them.
            let keepsWeights = problem.valueDimension > 1
            for chunk in 0..<chunks {
                let weight = FastExp.exp(rows[chunk] - shift)
                if keepsWeights { rows[chunk] = weight }
                total += weight
                weighted += weight * column[chunk]
            }
        } else {
            for chunk in 0..<chunks {
                total += rows[chunk]
                weighted += rows[chunk] * column[chunk]
            }
        }
        (sum, pooled[0]) = (total, weighted)
        for c in 1..<problem.valueDimension {
            let column = UnsafeRawPointer(values + c * problem.paddedKeyCount + tile.lowerBound)
                .assumingMemoryBound(to: SIMD8<Double>.self)
            var weighted = pooled[c]
            for chunk in 0..<chunks { weighted += rows[chunk] * column[chunk] }
            pooled[c] = weighted
        }
    }

    /// The largest of eight lanes.
    @inline(__always)
    static func largestLane(_ lanes: SIMD8<Double>) -> Double {
        var largest = lanes[0]
        for lane in 1..<8 where lanes[lane] > largest { largest = lanes[lane] }
        return largest
    }

    /// Step 1 for `chunks` × 8 keys from `keys`: the Gaussian's logits, or the other kernels' weights, before
    /// masking. Returns the Gaussian's largest logit in each lane (−∞ for the other kernels).
    ///
    /// The scaled distance is computed as `Distance.scaled` does (coordinate differences divided by σ, summed
    /// squares, square root), so compact kernels decide "in reach" exactly as the reference. The Gaussian
    /// multiplies by 1/σ instead of dividing and skips the square root and its square, a few ulp of difference.
    @inline(__always)
    private func fillRow(_ out: UnsafeMutablePointer<SIMD8<Double>>, point: UnsafePointer<Double>,
                         keys: UnsafePointer<Double>, chunks: Int) -> SIMD8<Double> {
        let sigma = problem.width
        let d = problem.dimension
        let stride = problem.paddedKeyCount
        var largest = SIMD8<Double>(repeating: -.infinity)
        func column(_ coordinate: Int) -> UnsafePointer<SIMD8<Double>> {
            UnsafeRawPointer(keys + coordinate * stride).assumingMemoryBound(to: SIMD8<Double>.self)
        }
        switch problem.kernel {
        case .gaussian where d == 1:
            let (q, inverse, keys) = (SIMD8(repeating: point[0]), 1 / sigma, column(0))
            for chunk in 0..<chunks {
                let u = (q - keys[chunk]) * inverse
                let logit = u * u * -0.5
                out[chunk] = logit
                largest = FastExp.larger(logit, largest)
            }
        case .gaussian:
            let inverse = 1 / sigma
            for chunk in 0..<chunks { out[chunk] = .zero }
            for coordinate in 0..<d {
                let (q, keys) = (SIMD8(repeating: point[coordinate]), column(coordinate))
                for chunk in 0..<chunks {
                    let u = (q - keys[chunk]) * inverse
                    out[chunk] += u * u
                }
            }
            for chunk in 0..<chunks {
                out[chunk] *= -0.5
                largest = FastExp.larger(out[chunk], largest)
            }
        case .constant:
            for chunk in 0..<chunks { out[chunk] = SIMD8(repeating: 1) }
        case .boxcar, .epanechikov:
            let one = SIMD8<Double>(repeating: 1)
            for chunk in 0..<chunks { out[chunk] = .zero }
            for coordinate in 0..<d {
                let (q, keys) = (SIMD8(repeating: point[coordinate]), column(coordinate))
                for chunk in 0..<chunks {
                    let u = (q - keys[chunk]) / sigma
                    out[chunk] += u * u
                }
            }
            for chunk in 0..<chunks {
                // One coordinate: the square root of u² is |u| exactly, as the reference's |q − k| / σ.
                let r = out[chunk].squareRoot()
                // Boxcar: 1 where r ≤ 1; Epanechikov: 1 − r where r < 1 (1 − r ≤ 0 is cut to 0).
                out[chunk] = problem.kernel == .boxcar
                    ? FastExp.zeroed(one, whereNegative: one - r)
                    : FastExp.zeroed(one - r, whereNegative: one - r)
            }
        }
        return largest
    }
}
