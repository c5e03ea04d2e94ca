/// The squared-error loss of Gaussian attention pooling as a function of its inverse width w, with its gradient:
/// the "parametric attention pooling" of D2L's earlier edition and §11.2's exercise 2.
///
/// Model: a training input x_n (a key in R^d) attends to the keys kᵢ with logits and weights
///
///     ℓᵢ = −½ Σ_j ((x_nj − k_ij) · w_j)²,    αᵢ = exp(ℓᵢ) / Σ_m exp(ℓ_m),    f(x_n) = Σᵢ αᵢ vᵢ,
///
/// where w_j = 1/σ_j > 0. `w` has one entry shared by every coordinate or one entry per coordinate.
/// The loss is L(w) = Σ_n (f(x_n) − y_n)², summed over the training pairs (the book's `l.sum()`), where f(x_n) pools
/// over (a) every pair, itself included, or (b) every pair except n itself (`leaveOneOut`).
///
/// Gradient, by hand (with w_j read as the entry that coordinate j uses):
/// - ∂ℓᵢ/∂w_j = −w_j (x_nj − k_ij)²  (summed over the coordinates that share the entry);
/// - softmax: ∂αᵢ/∂w_j = αᵢ (∂ℓᵢ/∂w_j − Σ_m α_m ∂ℓ_m/∂w_j), so ∂f/∂w_j = Σᵢ αᵢ (vᵢ − f) ∂ℓᵢ/∂w_j;
/// - chain rule: dL/dw_j = Σ_n 2 (f(x_n) − y_n) ∂f(x_n)/∂w_j.
///
/// Why leave-one-out: in (a) the query's own key has ℓ = 0 while every other logit → −∞ as w → ∞, so f(x_n) → y_n and
/// L → 0: L keeps falling as w grows and has no finite minimiser. In (b) a query must predict its label from its
/// neighbours only, which gives L a finite minimiser when the data are noisy.
///
/// Numerics: the logits are shifted by their maximum before exponentiating, so a huge w never gives 0/0; with
/// leave-one-out, n ≥ 2 keeps at least one finite logit. Only when w is so large that (x − k)·w overflows does a
/// result stop being finite, and then the functions throw `.notFinite(w:)` instead of returning it.
///
/// - Complexity: O(n²·d) per evaluation for n keys in R^d.
public struct WidthObjective: Sendable, Equatable {
    /// The training inputs x_n, n points in R^d; they are both the queries and the keys.
    public let keys: [[Double]]
    /// The training labels y_n, also the values that are pooled.
    public let values: [Double]
    /// Whether f(x_n) leaves key n out, case (b).
    public let leaveOneOut: Bool

    /// The loss for `keys` (n ≥ 1 points of one dimension d ≥ 1, n ≥ 2 for leave-one-out) and their `values`.
    /// Throws for no keys, mismatched counts or dimensions, or a coordinate or value that is not finite.
    public init(keys: [[Double]], values: [Double], leaveOneOut: Bool) throws(AttentionPoolingError) {
        // The keys are also the queries, so there are no other queries to check.
        try validatePointInputs(queries: [], keys: keys, values: values.map { [$0] }, leaveOneOut: false)
        if leaveOneOut, keys.count < 2 { throw .tooFewKeysForLeaveOneOut(keys.count) }
        (self.keys, self.values, self.leaveOneOut) = (keys, values, leaveOneOut)
    }

    /// The loss for scalar keys (d = 1), as in the book's regression example.
    public init(keys: [Double], values: [Double], leaveOneOut: Bool) throws(AttentionPoolingError) {
        try self.init(keys: keys.map { [$0] }, values: values, leaveOneOut: leaveOneOut)
    }

    /// The dimension d of the keys.
    public var dimension: Int { keys[0].count }

    // snippet: width-gradient
    /// f(x_n) and its gradient ∂f(x_n)/∂w, forward and backward side by side (see the type's derivation).
    func estimate(query n: Int, w: [Double]) -> (f: Double, gradient: [Double]) {
        let entry = { (j: Int) in w.count == 1 ? 0 : j }  // the entry of w that coordinate j uses
        let query = keys[n]
        var logits = [Double](repeating: -.infinity, count: keys.count)  // ℓᵢ = −½ Σ_j ((x_nj − k_ij) w_j)²
        for (i, key) in keys.enumerated() where !(leaveOneOut && i == n) {  // (b): n's own key stays at −∞
            var sum = 0.0
            for j in 0..<dimension {
                let scaled = (query[j] - key[j]) * w[entry(j)]
                sum -= 0.5 * scaled * scaled
            }
            logits[i] = sum
        }
        // αᵢ = softmax(ℓ)ᵢ. Some logit is finite (n itself in (a), a neighbour in (b), which needs n ≥ 2) unless
        // (x − k)·w overflowed; then f is not a number, and `lossAndGradient` says so.
        guard let alphas = (try? Softmax.weights(logits)) ?? nil else { return (.nan, w.map { _ in .nan }) }
        var f = 0.0
        for (alpha, value) in zip(alphas, values) where alpha > 0 { f += alpha * value }
        var gradient = [Double](repeating: 0, count: w.count)  // ∂f/∂w_j = Σᵢ αᵢ (vᵢ − f) ∂ℓᵢ/∂w_j
        for (i, key) in keys.enumerated() where alphas[i] > 0 {
            for j in 0..<dimension {
                let gap = query[j] - key[j]
                gradient[entry(j)] += alphas[i] * (values[i] - f) * (-w[entry(j)] * gap * gap)  // ∂ℓᵢ/∂w_j = −w_j gap²
            }
        }
        return (f, gradient)
    }

    /// L(w) and dL/dw, with dL/dw_j = Σ_n 2 (f(x_n) − y_n) ∂f(x_n)/∂w_j.
    ///
    /// `w` holds 1 entry or d entries, each a finite number > 0. Throws `.notFinite(w:)` if (x − k)·w overflows.
    public func lossAndGradient(w: [Double]) throws(AttentionPoolingError) -> (loss: Double, gradient: [Double]) {
        try check(w)
        if dimension == 1, w.count == 1 {  // the book's case: the same sums, on a line (WidthObjective+Line.swift)
            return try lossAndGradientOnALine(w: w[0])
        }
        var loss = 0.0
        var gradient = [Double](repeating: 0, count: w.count)
        for n in keys.indices {
            let (f, slope) = estimate(query: n, w: w)
            let residual = f - values[n]
            loss += residual * residual
            for entry in gradient.indices { gradient[entry] += 2 * residual * slope[entry] }
        }
        guard loss.isFinite, gradient.allSatisfy(\.isFinite) else { throw .notFinite(w: w) }
        return (loss, gradient)
    }
    // end snippet

    /// The fitted values f(x_n) at every training input, pooled as `leaveOneOut` says, for `w` as in
    /// `lossAndGradient(w:)`.
    public func estimates(w: [Double]) throws(AttentionPoolingError) -> [Double] {
        try check(w)
        let fitted = keys.indices.map { estimate(query: $0, w: w).f }
        guard fitted.allSatisfy(\.isFinite) else { throw .notFinite(w: w) }
        return fitted
    }

    /// L(w) alone.
    public func loss(w: [Double]) throws(AttentionPoolingError) -> Double {
        try lossAndGradient(w: w).loss
    }

    private func check(_ w: [Double]) throws(AttentionPoolingError) {
        guard w.count == 1 || w.count == dimension else {
            throw .widthCountMismatch(dimension: dimension, widths: w.count)
        }
        for entry in w { try validateWidth(entry) }
    }
}
