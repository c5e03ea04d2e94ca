/// How far a query is from a key, once each coordinate is divided by its width.
///
/// For a query q and key k in R^d and widths σ (one for all coordinates, or one per coordinate), the scaled
/// distance is r = ‖u‖ with u_j = (q_j − k_j) / σ_j, measured with
/// - `.euclidean`: ‖u‖₂ = (Σ_j u_j²)^½, the book's choice, invariant under rotations when σ is a scalar;
/// - `.minkowski(p:)`: ‖u‖_p = (Σ_j |u_j|^p)^(1/p) for p ≥ 1 (p = 1 is the Manhattan distance, p = 2 Euclidean,
///   p = ∞ the largest coordinate). Below p = 1 this is no longer a norm and is rejected.
/// In one dimension every choice gives |q − k| / σ.
public enum Distance: Sendable, Equatable {
    case euclidean
    case minkowski(p: Double)
}

/// A kernel's width σ > 0: one for every coordinate, one per coordinate (an axis-aligned ellipse instead of a
/// ball), or one per key (adaptive widths, wider where keys are sparse).
///
/// - `.scalar(σ)`: r = ‖q − k‖ / σ; the Gaussian is exp(−‖q − k‖² / (2σ²)).
/// - `.perCoordinate([σ_j])`: r = ‖u‖ with u_j = (q_j − k_j)/σ_j; the Gaussian is exp(−½ Σ_j ((q_j − k_j)/σ_j)²),
///   the book's parametric form with w_j = 1/σ_j.
/// - `.perKey([hᵢ])`: key i reaches as far as its own width, r = ‖q − kᵢ‖ / hᵢ. The kernel is not divided by hᵢ,
///   so a key's largest weight is 1 whatever its width, and equal widths give exactly `.scalar`.
public enum Width: Sendable, Equatable {
    case scalar(Double)
    case perCoordinate([Double])
    case perKey([Double])

    /// The width of coordinate `j` (1 for per-key widths, which scale whole distances instead).
    @inlinable
    func sigma(_ j: Int) -> Double {
        switch self {
        case .scalar(let sigma): sigma
        case .perCoordinate(let sigmas): sigmas[j]
        case .perKey: 1
        }
    }

    /// The width of key `i` that divides the whole distance (1 unless the widths are per key).
    @inlinable
    func keyWidth(_ i: Int) -> Double {
        if case .perKey(let widths) = self { widths[i] } else { 1 }
    }

    /// Every width, for validation.
    var all: [Double] {
        switch self {
        case .scalar(let sigma): [sigma]
        case .perCoordinate(let sigmas), .perKey(let sigmas): sigmas
        }
    }
}

extension Distance {
    /// The scaled distance r between `query` and `key` (same length d ≥ 1) under `width`.
    ///
    /// Inputs are assumed validated (equal lengths, finite coordinates, positive widths, p ≥ 1);
    /// `NadarayaWatson` checks them before calling this.
    @inlinable
    func scaled(_ query: [Double], _ key: [Double], width: Width) -> Double {
        if query.count == 1 {
            return abs(query[0] - key[0]) / width.sigma(0)
        }
        switch self {
        case .euclidean:
            return euclidean(query, key, width)
        case .minkowski(let p) where p == 2:
            return euclidean(query, key, width)
        case .minkowski(let p) where p == .infinity:
            var largest = 0.0
            for j in query.indices { largest = max(largest, abs(query[j] - key[j]) / width.sigma(j)) }
            return largest
        case .minkowski(let p):
            var sum = 0.0
            for j in query.indices { sum += _pow(abs(query[j] - key[j]) / width.sigma(j), p) }
            return _pow(sum, 1 / p)
        }
    }

    @inlinable
    func euclidean(_ query: [Double], _ key: [Double], _ width: Width) -> Double {
        var sum = 0.0
        for j in query.indices {
            let u = (query[j] - key[j]) / width.sigma(j)
            sum += u * u
        }
        return sum.squareRoot()
    }
}
