/// A number held as an unevaluated sum hi + lo of two doubles ("double-double"), about 32 significant digits.
///
/// Prefix sums kept this way lose almost nothing to cancellation when two of them are subtracted: the difference of
/// prefix sums P[b] − P[a] is exact to about 2⁻¹⁰⁶ · |P| instead of 2⁻⁵³ · |P|, so a small window far along a long
/// array of large keys still gets its sum to the last bit of a double. Knuth's TwoSum and an FMA-based TwoProduct
/// make each step error-free.
struct CompensatedSum: Sendable {
    var hi: Double
    var lo: Double

    static let zero = CompensatedSum(hi: 0, lo: 0)

    /// The exact sum a + b as a rounded sum and its rounding error (Knuth's TwoSum).
    @inline(__always)
    static func twoSum(_ a: Double, _ b: Double) -> CompensatedSum {
        let sum = a + b
        let bVirtual = sum - a
        let error = (a - (sum - bVirtual)) + (b - bVirtual)
        return CompensatedSum(hi: sum, lo: error)
    }

    /// The exact product a · b as a rounded product and its rounding error.
    @inline(__always)
    static func twoProduct(_ a: Double, _ b: Double) -> CompensatedSum {
        let product = a * b
        return CompensatedSum(hi: product, lo: (-product).addingProduct(a, b))
    }

    /// self + x, renormalised.
    @inline(__always)
    func adding(_ x: Double) -> CompensatedSum {
        let sum = CompensatedSum.twoSum(hi, x)
        return CompensatedSum.twoSum(sum.hi, sum.lo + lo)
    }

    /// self + other, renormalised.
    @inline(__always)
    func adding(_ other: CompensatedSum) -> CompensatedSum {
        let sum = CompensatedSum.twoSum(hi, other.hi)
        return CompensatedSum.twoSum(sum.hi, sum.lo + lo + other.lo)
    }

    /// self − other.
    @inline(__always)
    func subtracting(_ other: CompensatedSum) -> CompensatedSum {
        adding(CompensatedSum(hi: -other.hi, lo: -other.lo))
    }

    /// self · x, with the leading product exact.
    @inline(__always)
    func multiplied(by x: Double) -> CompensatedSum {
        let product = CompensatedSum.twoProduct(hi, x)
        return CompensatedSum.twoSum(product.hi, product.lo + lo * x)
    }

    /// The nearest double.
    var value: Double { hi + lo }
}

extension CompensatedSum {
    /// Adds x to `hi` and the addition's exact rounding error to `lo`, without renormalising: one step of Ogita,
    /// Rump and Oishi's Sum2 (2005), which makes hi + lo as accurate as a sum computed with twice the precision
    /// (|error| ≤ 2⁻⁵³ · |Σx| + n² · 2⁻¹⁰⁶ · Σ|x| after n steps). Cheaper than `adding(_:)` when many terms are added.
    @inline(__always)
    mutating func accumulate(_ x: Double) {
        let sum = CompensatedSum.twoSum(hi, x)
        hi = sum.hi
        lo += sum.lo
    }

    /// Adds another hi + lo the same way: its hi through TwoSum, its lo to `lo`.
    @inline(__always)
    mutating func accumulate(_ other: CompensatedSum) {
        accumulate(other.hi)
        lo += other.lo
    }

    /// Subtracts another hi + lo the same way (`accumulate` of its negation).
    @inline(__always)
    mutating func subtract(_ other: CompensatedSum) {
        accumulate(-other.hi)
        lo -= other.lo
    }

    /// (a₁ + b₁) − (a₀ + b₀) for four unevaluated sums, exact up to about 2⁻¹⁰⁶ · (|a₁| + |b₁| + |a₀| + |b₀|), as an
    /// unevaluated sum: the difference of two prefix sums P(i) = a + b, with no cancellation.
    @inline(__always)
    static func difference(_ a1: CompensatedSum, _ b1: CompensatedSum, _ a0: CompensatedSum, _ b0: CompensatedSum)
        -> CompensatedSum
    {
        var sum = twoSum(a1.hi, -a0.hi)
        sum.accumulate(b1.hi)
        sum.accumulate(-b0.hi)
        sum.lo += (a1.lo - a0.lo) + (b1.lo - b0.lo)
        return sum
    }
}
