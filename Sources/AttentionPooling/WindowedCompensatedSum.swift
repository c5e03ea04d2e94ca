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
