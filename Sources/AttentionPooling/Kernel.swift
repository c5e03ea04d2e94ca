/// The similarity kernels of D2L (11.2.1), each evaluated at a *scaled* distance r = ‖q − k‖ / σ ≥ 0.
///
/// | kernel       | α(r)                 | log α(r)                 | reach      |
/// |--------------|----------------------|--------------------------|------------|
/// | Gaussian     | exp(−r²/2)           | −r²/2                    | everywhere |
/// | boxcar       | 1 if r ≤ 1, else 0   | 0 if r ≤ 1, else −∞      | r ≤ 1      |
/// | constant     | 1                    | 0                        | everywhere |
/// | Epanechikov  | max(0, 1 − r)        | log(1 − r) if r < 1      | r < 1      |
///
/// With the width folded into r, the Gaussian is exp(−‖q − k‖² / (2σ²)) and the others act on ‖q − k‖ / σ.
///
/// - The boxcar includes its edge, r = 1, as (11.2.1) and the lecture write it ("1 if ‖q − k‖ ≤ 1"). The book's code
///   uses `abs(x) < 1.0`, which drops keys at exactly distance σ; the two differ only on that measure-zero set.
/// - "Epanechikov" is the book's name and formula, max(0, 1 − r): strictly that is the *triangular* kernel.
///   Epanechnikov's own kernel is ¾(1 − r²); we keep the book's formula so the figures match it.
/// - Every kernel is a function of the distance alone, so the weights are invariant under translating and rotating
///   queries and keys together (for the Euclidean distance).
public enum Kernel: String, CaseIterable, Sendable {
    case gaussian
    case boxcar
    case constant
    case epanechikov

    /// The name as the book writes it, for tables and figure titles.
    public var displayName: String {
        switch self {
        case .gaussian: "Gaussian"
        case .boxcar: "Boxcar"
        case .constant: "Constant"
        case .epanechikov: "Epanechikov"
        }
    }

    /// The standard deviation of the kernel at width σ = 1, read as a density over the offset u = q − k (α(|u|)
    /// normalised to integrate to 1): 1 for the Gaussian, 1/√3 for the boxcar (uniform on [−1, 1]), 1/√6 for the
    /// triangular "Epanechikov" kernel; nil for the constant kernel, which has no finite spread.
    ///
    /// At width σ the standard deviation is σ times this, so `s / standardDeviation` is the width that gives every
    /// kernel the same spread s: half-widths √3·s for the boxcar and √6·s for the triangle, σ = s for the Gaussian.
    public var standardDeviation: Double? {
        switch self {
        case .gaussian: 1
        case .boxcar: 1 / 3.0.squareRoot()
        case .epanechikov: 1 / 6.0.squareRoot()
        case .constant: nil
        }
    }

    /// log α(r) for a scaled distance r ≥ 0; −∞ where the kernel gives no weight.
    ///
    /// Working in logs lets the Nadaraya–Watson weights be normalised without underflow: a Gaussian key at
    /// r = 40 has α ≈ 10⁻³⁴⁸, which is 0 in `Double`, but log α = −800 is exact enough to compare.
    /// A NaN distance gives NaN.
    @inlinable
    public func logWeight(scaledDistance r: Double) -> Double {
        switch self {
        case .gaussian: return -0.5 * r * r
        case .boxcar: return r <= 1 ? 0 : (r.isNaN ? .nan : -.infinity)
        case .constant: return r.isNaN ? .nan : 0
        case .epanechikov: return r < 1 ? _log1p(-r) : (r.isNaN ? .nan : -.infinity)
        }
    }

    // snippet: kernels
    /// α(r) = exp(log α(r)) for a scaled distance r ≥ 0: the kernel's value, between 0 and 1.
    @inlinable
    public func weight(scaledDistance r: Double) -> Double {
        switch self {
        case .gaussian: return _exp(-0.5 * r * r)
        case .boxcar: return r <= 1 ? 1 : (r.isNaN ? .nan : 0)
        case .constant: return r.isNaN ? .nan : 1
        case .epanechikov: return r < 1 ? 1 - r : (r.isNaN ? .nan : 0)
        }
    }
    // end snippet
}
