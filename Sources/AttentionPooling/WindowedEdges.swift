/// Where a query's window begins and ends, found exactly: the first and last doubles a key can be and still be in
/// the query's reach, by the very floating-point test of `Kernel` and the dense path.
///
/// For a query q and width σ > 0, a key k is in reach when r = fl(fl(|q − k|) / σ) ≤ 1 (boxcar, the edge included) or
/// < 1 (Epanechikov). Rounding is monotone, so along the keys k ≤ q the test is false and then true, and along
/// k ≥ q true and then false: the keys in reach are exactly those in [lowest, highest], two doubles found once per
/// query. A key's membership then never depends on how a window is summed: it is the reference's own decision.
enum WindowedEdges {
    /// Whether `key` is in the reach of `query`: |q − k| / σ ≤ 1 if `includingEdge` (boxcar), < 1 otherwise
    /// (Epanechikov), evaluated exactly as `Kernel.weight` and the dense path evaluate it.
    @inline(__always)
    static func inReach(query: Double, key: Double, width sigma: Double, includingEdge: Bool) -> Bool {
        let r = Swift.abs(query - key) / sigma
        return includingEdge ? r <= 1 : r < 1
    }

    /// A double's place among all doubles: rank(x) < rank(y) exactly when x < y, consecutive doubles have consecutive
    /// ranks, and −0 and +0 both rank 0. Defined for every non-NaN double (±∞ rank just beyond the largest finite).
    @inline(__always)
    static func rank(_ x: Double) -> Int64 {
        let bits = Int64(bitPattern: x.bitPattern)
        return bits >= 0 ? bits : -(bits & .max)
    }

    /// The double of a rank (`rank`'s inverse; rank 0 gives +0).
    @inline(__always)
    static func number(rank: Int64) -> Double {
        rank >= 0 ? Double(bitPattern: UInt64(rank)) : Double(bitPattern: UInt64(-rank) | (1 << 63))
    }

    /// The smallest finite double k ≤ q with k in the reach of q (q itself always is: r = 0).
    ///
    /// - Parameters: `query` finite, `width` σ finite and > 0.
    /// - Complexity: q − σ lies within a few units in the last place of the edge, so a few steps of one ulp from it
    ///   usually settle it (each step one evaluation of the test); otherwise a bisection over the ranks, at most
    ///   64 evaluations.
    static func lowest(query q: Double, width sigma: Double, includingEdge: Bool) -> Double {
        let floor = rank(-Double.greatestFiniteMagnitude)
        let reaches = { (k: Int64) -> Bool in
            inReach(query: q, key: number(rank: k), width: sigma, includingEdge: includingEdge)
        }
        var guess = rank(Swift.max(q - sigma, -Double.greatestFiniteMagnitude))
        var (outside, inside): (Int64, Int64)
        if reaches(guess) {
            for _ in 0..<4 {
                if guess == floor || !reaches(guess - 1) { return number(rank: guess) }
                guess -= 1
            }
            if reaches(floor) { return number(rank: floor) }
            (outside, inside) = (floor, guess)
        } else {
            for _ in 0..<4 {
                guess += 1
                if reaches(guess) { return number(rank: guess) }
            }
            (outside, inside) = (guess, rank(q))
        }
        // Invariant: `outside` is out of reach, `inside` in reach, outside < inside.
        while outside + 1 < inside {
            let middle = (outside >> 1) + (inside >> 1) + (outside & inside & 1)  // no overflow
            if reaches(middle) { inside = middle } else { outside = middle }
        }
        return number(rank: inside)
    }

    /// The largest finite double k ≥ q with k in the reach of q: −lowest(−q), since negating q and k negates q − k
    /// exactly and leaves the test unchanged.
    static func highest(query q: Double, width sigma: Double, includingEdge: Bool) -> Double {
        -lowest(query: -q, width: sigma, includingEdge: includingEdge)
    }

    /// The next double above x (+∞ above the largest finite), with −0 and +0 both followed by the smallest subnormal.
    @inline(__always)
    static func above(_ x: Double) -> Double { number(rank: rank(x) + 1) }
}
