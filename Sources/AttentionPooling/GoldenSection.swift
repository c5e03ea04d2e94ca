/// The minimiser of a unimodal `f` on `bracket` by golden-section search: each step keeps the part of the bracket
/// that holds the smaller of two inner values, which shrinks it by (√5 − 1)/2 ≈ 0.618 and costs one evaluation of `f`
/// (two more at the start). It takes `iterations` steps, and stops earlier once the bracket is no wider than
/// `tolerance` (0: never). Returns the midpoint of the last bracket.
///
/// On a tie the left part is kept. If `f` is not unimodal on `bracket` the result is a local minimiser, or a point
/// near an end when the minimum lies there. Errors of `f` are passed on.
///
/// Example: `goldenSectionMinimum(of: { ($0 - 1) * ($0 - 1) }, in: 0...3, iterations: 40)` ≈ 1 (to 0.618⁴⁰ · 3 ≈ 10⁻⁸).
/// - Complexity: at most `iterations + 2` evaluations of `f`.
func goldenSectionMinimum<Failure: Error>(
    of f: (Double) throws(Failure) -> Double, in bracket: ClosedRange<Double>, iterations: Int = .max,
    tolerance: Double = 0
) throws(Failure) -> Double {
    let ratio = (5.0.squareRoot() - 1) / 2
    var (a, b) = (bracket.lowerBound, bracket.upperBound)
    var (c, d) = (b - ratio * (b - a), a + ratio * (b - a))
    var (valueC, valueD) = (try f(c), try f(d))
    for _ in 0..<iterations where b - a > tolerance {
        if valueC <= valueD {
            (b, d, valueD) = (d, c, valueC)
            c = b - ratio * (b - a)
            valueC = try f(c)
        } else {
            (a, c, valueC) = (c, d, valueD)
            d = a + ratio * (b - a)
            valueD = try f(d)
        }
    }
    return (a + b) / 2
}
