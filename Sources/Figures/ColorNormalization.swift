import Foundation

/// How a colour scale spreads its domain `a...b` over the colour map, through the domain fraction
/// t = (v − a) / (b − a), clamped to 0...1.
///
/// | case | position on the map | good for |
/// |---|---|---|
/// | `linear` | t | values of one magnitude |
/// | `power(γ)`, 0 < γ < 1 | t^γ | values of several magnitudes on one scale: γ = ½ (`squareRoot`) shows a weight of 0.04 at 0.2 of the map where a linear scale shows it at 0.04 |
///
/// Both are increasing and map 0 to 0 and 1 to 1, so the ends of the domain keep the map's end colours and the
/// order of values is kept; only the spacing changes. A colour bar drawn for a non-linear scale says so in its
/// label and puts its ticks at the real values (see `ColorScale.colorBarLabel`).
public enum ColorNormalization: Sendable, Hashable {
    /// Position t.
    case linear
    /// Position t^γ with the exponent γ finite and positive (below 1 spreads out the small values).
    case power(Double)

    /// The square-root scale, t^½.
    public static let squareRoot = ColorNormalization.power(0.5)

    /// The position on the colour map, 0...1, of the domain fraction `fraction` (clamped to 0...1; NaN gives 0).
    public func position(ofFraction fraction: Double) -> Double {
        let t = fraction.isNaN ? 0 : min(max(fraction, 0), 1)
        switch self {
        case .linear: return t
        case .power(let exponent): return t == 0 ? 0 : pow(t, exponent)
        }
    }

    /// What a colour bar calls the scale: nil for linear, else "square-root scale", "cube-root scale" or
    /// "power 0.4 scale".
    public var name: String? {
        switch self {
        case .linear: return nil
        case .power(0.5): return "square-root scale"
        case .power(let exponent) where abs(exponent - 1.0 / 3) < 1e-12: return "cube-root scale"
        case .power(1): return nil
        case .power(let exponent): return "power \(exponent.rounded(places: 2)) scale"
        }
    }

    /// Whether the exponent is usable: finite and positive.
    var isValid: Bool {
        if case .power(let exponent) = self { return exponent.isFinite && exponent > 0 }
        return true
    }
}
