/// The fast Gauss transform on a fixed grid of boxes with Hermite moments and local Taylor expansions (Greengard and
/// Strain 1991, in one dimension): the plan `FastGaussTransform.estimates` uses without leave-one-out when the keys
/// are dense enough for a grid (see `FastGaussTransform` for the method and its error bound).
///
/// Work in units of h = √2·σ, where K = exp(−(y − x)²). Box j (0 ≤ j < boxCount) holds the keys in
/// [low + j·side, low + (j + 1)·side); target boxes run from −margin to boxCount + margin, so that every query within
/// √G units of a key has one.
struct FastGaussGrid: Sendable {
    /// Box side in widths σ: L = 1/(2√2) units, so that |2s|, |2t| ≤ L ≈ 0.35 and few terms suffice.
    static let boxSideInWidths = 0.5
    /// Cramér's inequality |H_m(x)|·e^{−x²/2} ≤ k·2^{m/2}·√(m!), k = 1.086435… (rounded up).
    static let cramerConstant = 1.086_436
    /// The highest order the plan accepts; beyond it the caller takes the sorted-key plan.
    static let largestOrder = 60
    /// A query whose nearest key is more than √G units away is far (as in `FastGaussPlan`).
    static let nearLimitSquared = FastGaussPlan.nearLimitSquared

    let low: Double
    let side: Double
    let inverseSide: Double
    let unit: Double
    let boxCount: Int
    let margin: Int
    /// p: moments a < p per source box, local coefficients b < p per target box.
    let order: Int
    /// J: target box i expands the source boxes j with |i − j| ≤ J.
    let reach: Int
    /// δ = √G·h: the distance within which a query must have a key to be near.
    let nearDistance: Double
    /// The smallest and largest key of source box j (+∞ and −∞ when it is empty).
    let boxLow: [Double]
    let boxHigh: [Double]
    /// Target box i (stored at i + margin): whether every point of it has a key within δ.
    let allNear: [Bool]
    /// Target box i (stored at i + margin): p coefficients of Σ K, then p of Σ K·v, in powers of t = y − cᵢ (units).
    let local: [Double]

    /// Builds the grid, or nil when the keys are too sparse for one (more boxes than max(4096, (n + m)/64)), their span
    /// overflows, or the bound would need an order above `largestOrder`. σ > 0 and ε in [1e-15, 0.1], validated by the
    /// caller; keys, values and queries finite, one value per key.
    init?(queries: [Double], keys: [Double], values: [Double], width sigma: Double, tolerance: Double) {
        let n = keys.count
        guard n > 0 else { return nil }
        // Fixed chunks of keys (the same for any core count), so that every sum is added in the same order.
        let chunks = max(1, min(8, n / 65536))
        let (smallest, largest) = FastGaussGrid.range(of: keys, chunks: chunks)
        let unit = sigma * 2.0.squareRoot()
        let side = FastGaussGrid.boxSideInWidths * sigma
        let nearDistance = FastGaussGrid.nearLimitSquared.squareRoot() * unit
        let boxesSpanned = (largest - smallest) / side
        let marginBoxes = (nearDistance / side).rounded(.up) + 1
        let limit = Double(max(4096, (n + queries.count) / 64))
        guard boxesSpanned.isFinite, unit.isFinite, side > 0, boxesSpanned + 2 * marginBoxes + 1 <= limit,
              (smallest - marginBoxes * side).isFinite, (largest + (marginBoxes + 1) * side).isFinite
        else { return nil }
        let (boxCount, margin) = (Int(boxesSpanned) + 1, Int(marginBoxes))
        let targetCount = boxCount + 2 * margin
        let (low, inverseSide) = (smallest, 1 / side)
        let boxWidth = side / unit  // L in units
        (self.low, self.side, self.inverseSide, self.unit, self.boxCount, self.margin, self.nearDistance)
            = (low, side, inverseSide, unit, boxCount, margin, nearDistance)

        // Each key's box; the target boxes that hold a query; the reach and order the bound asks for.
        let boxOf = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
        defer { boxOf.deallocate() }
        let chunkCounts = FastGaussGrid.countIntoBoxes(keys, low: low, inverseSide: inverseSide, boxCount: boxCount,
                                                       chunks: chunks, boxOf: boxOf)
        var counts = [Int](repeating: 0, count: boxCount)
        for chunk in chunkCounts { for j in 0..<boxCount { counts[j] += chunk[j] } }
        var used = [Bool](repeating: false, count: targetCount)
        for query in queries {
            if let target = FastGaussGrid.target(of: query, low: low, inverseSide: inverseSide, margin: margin,
                                                 count: targetCount) { used[target] = true }
        }
        let usedTargets = used.indices.filter { used[$0] }
        guard let (reach, order) = FastGaussGrid.reachAndOrder(
            counts: counts, usedTargets: usedTargets.map { $0 - margin }, boxWidth: boxWidth, tolerance: tolerance)
        else { return nil }
        (self.reach, self.order) = (reach, order)

        let sources = FastGaussGrid.sourceBoxes(keys: keys, values: values, boxOf: UnsafeBufferPointer(boxOf),
                                                chunkCounts: chunkCounts, counts: counts, low: low, side: side,
                                                unit: unit, order: order)
        (boxLow, boxHigh) = (sources.lows, sources.highs)
        local = FastGaussGrid.localExpansions(moments: sources.moments, counts: counts, usedTargets: usedTargets,
                                              margin: margin, reach: reach, order: order, boxWidth: boxWidth)

        // Target boxes whose every point has a key within δ: a key in [high_i − δ, low_i + δ] (a box's smallest or
        // largest key lies there if any of its keys does, the interval being longer than a box).
        var allNear = [Bool](repeating: false, count: targetCount)
        for target in usedTargets {
            let (left, right) = (low + Double(target - margin) * side, low + Double(target - margin + 1) * side)
            let (from, to) = (right - nearDistance, left + nearDistance)
            for j in FastGaussGrid.sources(around: target - margin, reach: reach, boxCount: boxCount)
            where FastGaussGrid.box(j, lows: boxLow, highs: boxHigh, hasAKeyFrom: from, to: to) {
                allNear[target] = true
                break
            }
        }
        self.allNear = allNear
    }

    /// The smallest and largest key (exact, so the chunks only share the work).
    private static func range(of keys: [Double], chunks: Int) -> (smallest: Double, largest: Double) {
        let n = keys.count
        let ranges = onEveryCore(chunks) { c -> (smallest: Double, largest: Double) in
            var (smallest, largest) = (keys[c * n / chunks], keys[c * n / chunks])
            for i in (c * n / chunks)..<((c + 1) * n / chunks) {
                smallest = keys[i] < smallest ? keys[i] : smallest
                largest = keys[i] > largest ? keys[i] : largest
            }
            return (smallest, largest)
        }
        var (smallest, largest) = ranges[0]
        for range in ranges {
            smallest = min(smallest, range.smallest)
            largest = max(largest, range.largest)
        }
        return (smallest, largest)
    }

    /// Writes each key's box into `boxOf` and returns each chunk's counts per box.
    private static func countIntoBoxes(_ keys: [Double], low: Double, inverseSide: Double, boxCount: Int, chunks: Int,
                                       boxOf: UnsafeMutableBufferPointer<Int32>) -> [[Int]] {
        let n = keys.count
        nonisolated(unsafe) let boxes = boxOf  // each chunk writes only its own keys' slots
        return onEveryCore(chunks) { c -> [Int] in
            var counts = [Int](repeating: 0, count: boxCount)
            for i in (c * n / chunks)..<((c + 1) * n / chunks) {
                let box = min(boxCount - 1, Int((keys[i] - low) * inverseSide))
                boxes[i] = Int32(box)
                counts[box] += 1
            }
            return counts
        }
    }

    /// Each source box's moments M_a = Σ (s^a / a!)·{1, v} (p of each, box after box) and its smallest and largest
    /// key: the keys and values are first laid out box by box (input order within a box, chunk after chunk).
    private static func sourceBoxes(keys: [Double], values: [Double], boxOf: UnsafeBufferPointer<Int32>,
                                    chunkCounts: [[Int]], counts: [Int], low: Double, side: Double, unit: Double,
                                    order: Int) -> (moments: [Double], lows: [Double], highs: [Double]) {
        let (n, boxCount, chunks) = (keys.count, counts.count, chunkCounts.count)
        var boxStart = [Int](repeating: 0, count: boxCount + 1)
        for j in 0..<boxCount { boxStart[j + 1] = boxStart[j] + counts[j] }
        var chunkStarts: [[Int]] = []
        var running = Array(boxStart.dropLast())
        for chunk in chunkCounts {
            chunkStarts.append(running)
            for j in 0..<boxCount { running[j] += chunk[j] }
        }
        let laidKeys = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        let laidValues = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        defer {
            laidKeys.deallocate()
            laidValues.deallocate()
        }
        nonisolated(unsafe) let (keysOut, valuesOut) = (laidKeys, laidValues)  // disjoint slots per chunk
        nonisolated(unsafe) let boxes = boxOf  // read only
        let startsOfChunks = chunkStarts
        _ = onEveryCore(chunks) { c -> Bool in
            var next = startsOfChunks[c]
            for i in (c * n / chunks)..<((c + 1) * n / chunks) {
                let box = Int(boxes[i])
                keysOut[next[box]] = keys[i]
                valuesOut[next[box]] = values[i]
                next[box] += 1
            }
            return true
        }
        let starts = boxStart
        let groupSize = 16
        let blocks = onEveryCore((boxCount + groupSize - 1) / groupSize) { g in
            let boxRange = (g * groupSize)..<min(boxCount, (g + 1) * groupSize)
            var moments = [Double](repeating: 0, count: boxRange.count * 2 * order)
            var (lows, highs) = ([Double](), [Double]())
            for box in boxRange {
                let offset = (box - boxRange.lowerBound) * 2 * order
                moments.withUnsafeMutableBufferPointer { block in
                    addMoments(keys: UnsafeBufferPointer(rebasing: keysOut[starts[box]..<starts[box + 1]]),
                               values: UnsafeBufferPointer(rebasing: valuesOut[starts[box]..<starts[box + 1]]),
                               low: low, centre: (Double(box) + 0.5) * side, inverseUnit: 1 / unit, order: order,
                               into: UnsafeMutableBufferPointer(rebasing: block[offset..<(offset + 2 * order)]))
                }
                var (smallestKey, largestKey) = (Double.infinity, -Double.infinity)
                for i in starts[box]..<starts[box + 1] {
                    smallestKey = min(smallestKey, keysOut[i])
                    largestKey = max(largestKey, keysOut[i])
                }
                lows.append(smallestKey)
                highs.append(largestKey)
            }
            return (moments: moments, lows: lows, highs: highs)
        }
        var result = (moments: [Double](), lows: [Double](), highs: [Double]())
        result.moments.reserveCapacity(boxCount * 2 * order)
        for block in blocks {
            result.moments += block.moments
            result.lows += block.lows
            result.highs += block.highs
        }
        return result
    }

    /// The local coefficients of every target box that holds a query (zeros elsewhere), p for Σ K then p for Σ K·v:
    /// C_b = (−1)^b / b! · Σ_j Σ_a M_a(j)·h_{a+b}(D_ij), with h_m(x) = H_m(x)·e^{−x²} and D_ij = (i − j)·L,
    /// tabulated once per offset i − j.
    private static func localExpansions(moments: [Double], counts: [Int], usedTargets: [Int], margin: Int, reach: Int,
                                        order: Int, boxWidth: Double) -> [Double] {
        let boxCount = counts.count
        let hermite = (-reach...reach).map { hermiteFunctions(at: Double($0) * boxWidth, count: 2 * order) }
        var inverseFactorial = [1.0]
        for b in 1..<max(2, order) { inverseFactorial.append(inverseFactorial[b - 1] / Double(b)) }
        let factors = inverseFactorial
        let coefficients = onEveryCore(usedTargets.count) { k -> [Double] in
            let i = usedTargets[k] - margin
            var sums = [Double](repeating: 0, count: 2 * order)
            for j in sources(around: i, reach: reach, boxCount: boxCount) where counts[j] > 0 {
                let h = hermite[i - j + reach]
                let offset = j * 2 * order
                for b in 0..<order {
                    var (weight, value) = (0.0, 0.0)
                    for a in 0..<order {
                        weight += moments[offset + a] * h[a + b]
                        value += moments[offset + order + a] * h[a + b]
                    }
                    sums[b] += weight
                    sums[order + b] += value
                }
            }
            for b in 0..<order {
                let scale = (b % 2 == 0 ? 1 : -1) * factors[b]
                sums[b] *= scale
                sums[order + b] *= scale
            }
            return sums
        }
        var local = [Double](repeating: 0, count: (boxCount + 2 * margin) * 2 * order)
        for (k, target) in usedTargets.enumerated() {
            local.replaceSubrange((target * 2 * order)..<((target + 1) * 2 * order), with: coefficients[k])
        }
        return local
    }

    /// Adds one box's moments Σ s^a/a! and Σ s^a/a!·v (a < p) into `block` (p weight terms, then p value terms),
    /// s = ((x − low) − centre)/h: four keys at a time in four independent lanes, the lanes then added in a fixed
    /// order. Positions are measured from `low`, as the queries' are, so that keys and queries round alike.
    private static func addMoments(keys: UnsafeBufferPointer<Double>, values: UnsafeBufferPointer<Double>,
                                   low: Double, centre: Double, inverseUnit: Double, order: Int,
                                   into block: UnsafeMutableBufferPointer<Double>) {
        // Lane l of term a at [4a + l]: plain doubles, which the optimiser keeps in vector registers and a debug build
        // still runs at a fair speed (SIMD4<Double> is many times slower there).
        let weights = UnsafeMutablePointer<Double>.allocate(capacity: 4 * order)
        let pooled = UnsafeMutablePointer<Double>.allocate(capacity: 4 * order)
        defer {
            weights.deallocate()
            pooled.deallocate()
        }
        weights.initialize(repeating: 0, count: 4 * order)
        pooled.initialize(repeating: 0, count: 4 * order)
        let count = keys.count
        var i = 0
        while i < count {
            var (s0, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0)
            var (v0, v1, v2, v3) = (0.0, 0.0, 0.0, 0.0)
            var (p0, p1, p2, p3) = (0.0, 0.0, 0.0, 0.0)  // 0 in lanes past the last key
            let lanes = min(4, count - i)
            s0 = ((keys[i] - low) - centre) * inverseUnit
            (v0, p0) = (values[i], 1)
            if lanes > 1 { (s1, v1, p1) = (((keys[i + 1] - low) - centre) * inverseUnit, values[i + 1], 1) }
            if lanes > 2 { (s2, v2, p2) = (((keys[i + 2] - low) - centre) * inverseUnit, values[i + 2], 1) }
            if lanes > 3 { (s3, v3, p3) = (((keys[i + 3] - low) - centre) * inverseUnit, values[i + 3], 1) }
            var a = 0
            while a < order {
                let w = weights + 4 * a, p = pooled + 4 * a
                w[0] += p0; w[1] += p1; w[2] += p2; w[3] += p3
                p[0] += p0 * v0; p[1] += p1 * v1; p[2] += p2 * v2; p[3] += p3 * v3
                p0 *= s0; p1 *= s1; p2 *= s2; p3 *= s3
                a += 1
            }
            i += 4
        }
        var factor = 1.0  // 1/a!
        for a in 0..<order {
            if a > 0 { factor /= Double(a) }
            let (w, p) = (weights + 4 * a, pooled + 4 * a)
            block[a] += ((w[0] + w[1]) + (w[2] + w[3])) * factor
            block[order + a] += ((p[0] + p[1]) + (p[2] + p[3])) * factor
        }
    }

    /// h_m(x) = H_m(x)·e^{−x²} for m < count, by the recurrence h_{m+1} = 2x·h_m − 2m·h_{m−1}.
    static func hermiteFunctions(at x: Double, count: Int) -> [Double] {
        var h = [_exp(-x * x)]
        if count > 1 { h.append(2 * x * h[0]) }
        while h.count < count {
            let m = h.count - 1
            h.append(2 * x * h[m] - 2 * Double(m) * h[m - 1])
        }
        return h
    }

    /// The reach J and order p the bound needs (see `FastGaussTransform`), or nil when p would exceed `largestOrder`.
    ///
    /// With L the box side in units and, for target box i, W_i = max(e^{−G}, Σ_{|i−j|≤J} n_j·e^{−((|i−j|+1)L)²}) a
    /// lower bound of any near query's kept weight there: J is the smallest J ≥ J₀ = ⌈√G/L⌉ + 1 with
    /// (keys beyond J₀ boxes)·e^{−(J·L)²} ≤ ε/4·(W_i at reach J₀), and p the smallest with
    /// 2k·φ(L)·τ_p(L)·Z_i ≤ ε/5·W_i, Z_i = Σ_{|i−j|≤J} n_j·e^{−(|i−j|·L)²/2}, for every target box i that holds a
    /// query.
    static func reachAndOrder(counts: [Int], usedTargets: [Int], boxWidth: Double, tolerance: Double)
        -> (reach: Int, order: Int)?
    {
        let boxCount = counts.count
        var prefix = [0]
        var total = 0
        for count in counts {
            total += count
            prefix.append(total)
        }
        let n = Double(prefix[boxCount])
        func kept(_ i: Int, _ reach: Int) -> Int {
            let boxes = sources(around: i, reach: reach, boxCount: boxCount)
            return prefix[boxes.upperBound] - prefix[boxes.lowerBound]
        }
        let smallestReach = Int((nearLimitSquared.squareRoot() / boxWidth).rounded(.up)) + 1
        // Per offset d = |i − j|: the least weight of a key d boxes away, e^{−((d+1)L)²}, and e^{−(dL)²/2}.
        let offsets = 0...(boxCount + smallestReach)
        let leastWeight = offsets.map { d in _exp(-Double(d + 1) * Double(d + 1) * boxWidth * boxWidth * (1 + 1e-9)) }
        let centreFactor = offsets.map { d in _exp(-Double(d) * Double(d) * boxWidth * boxWidth / 2) }
        func weightBound(_ i: Int, _ reach: Int) -> Double {
            var sum = 0.0
            for j in sources(around: i, reach: reach, boxCount: boxCount) {
                sum += Double(counts[j]) * leastWeight[abs(i - j)]
            }
            return max(_exp(-nearLimitSquared * (1 + 1e-9)), sum)
        }
        var reach = smallestReach
        for i in usedTargets {
            let left = n - Double(kept(i, smallestReach))  // keys beyond the smallest reach
            let ratio = 4 * left / (tolerance * weightBound(i, smallestReach))
            guard ratio > 1 else { continue }
            let needed = _log(ratio).squareRoot() / boxWidth
            reach = max(reach, Int((needed * (1 + 1e-9)).rounded(.up)))
        }
        reach = min(reach, boxCount + smallestReach)
        var smallestRatio = Double.infinity  // min over target boxes of W_i / Z_i
        for i in usedTargets {
            var z = 0.0
            for j in sources(around: i, reach: reach, boxCount: boxCount) {
                z += Double(counts[j]) * centreFactor[abs(i - j)]
            }
            if z > 0 { smallestRatio = min(smallestRatio, weightBound(i, reach) / z) }
        }
        let u = boxWidth * (1 + 1e-9)
        var phi = 0.0
        var term = 1.0  // u^a / √(a!)
        for a in 0..<200 {
            phi += term
            term *= u / Double(a + 1).squareRoot()
        }
        var tail = 1.0  // u^p / √(p!)
        for p in 1...largestOrder {
            tail *= u / Double(p).squareRoot()
            let bound = 2 * cramerConstant * phi * tail / (1 - u / Double(p + 1).squareRoot())
            if bound <= tolerance / 5 * smallestRatio { return (reach, p) }
        }
        return nil
    }

    /// The source boxes j with |i − j| ≤ J.
    static func sources(around i: Int, reach: Int, boxCount: Int) -> Range<Int> {
        let first = min(boxCount, max(0, i - reach))
        return first..<max(first, min(boxCount, i + reach + 1))
    }

    /// The target box of position y (stored index, i + margin), or nil outside the grid: the one rounding of
    /// (y − low)/side that keys, queries and the near test all share.
    @inline(__always)
    static func target(of y: Double, low: Double, inverseSide: Double, margin: Int, count: Int) -> Int? {
        let position = (y - low) * inverseSide + Double(margin)
        guard position >= 0, position < Double(count) else { return nil }
        return Int(position)
    }

    /// Whether query y has no key within δ = √G units (then the dense engine answers it).
    func isFar(query y: Double) -> Bool {
        guard let target = FastGaussGrid.target(of: y, low: low, inverseSide: inverseSide, margin: margin,
                                                count: boxCount + 2 * margin) else { return true }
        if allNear[target] { return false }
        let (from, to) = (y - nearDistance, y + nearDistance)
        // Keys at or after `from` have boxes at or after this one (the rounding is monotone), and likewise for `to`.
        let first = max(0.0, ((from - low) * inverseSide).rounded(.down))
        let last = min(Double(boxCount - 1), ((to - low) * inverseSide).rounded(.down))
        guard first <= last else { return true }
        for j in Int(first)...Int(last) where FastGaussGrid.box(j, lows: boxLow, highs: boxHigh, hasAKeyFrom: from,
                                                               to: to) {
            return false
        }
        return true
    }

    /// Whether source box j has a key in [from, to], for an interval at least as long as a box: then its smallest or
    /// largest key is in it if any of its keys is (an empty box's +∞ and −∞ never are).
    @inline(__always)
    static func box(_ j: Int, lows: [Double], highs: [Double], hasAKeyFrom from: Double, to: Double) -> Bool {
        (lows[j] >= from && lows[j] <= to) || (highs[j] >= from && highs[j] <= to)
    }

    /// The estimate Σ K·v / Σ K for a query that is not far, from its target box's local expansions.
    func estimate(query y: Double) -> Double {
        guard let target = FastGaussGrid.target(of: y, low: low, inverseSide: inverseSide, margin: margin,
                                                count: boxCount + 2 * margin) else { return .nan }
        let t = ((y - low) - (Double(target - margin) + 0.5) * side) / unit
        let offset = target * 2 * order
        var (weight, value) = (0.0, 0.0)
        local.withUnsafeBufferPointer { c in
            for b in stride(from: order - 1, through: 0, by: -1) {
                weight = weight * t + c[offset + b]
                value = value * t + c[offset + order + b]
            }
        }
        return value / weight
    }
}
