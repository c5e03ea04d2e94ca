// The width objective for one-dimensional keys and one w — the book's case — computed with the same arithmetic in the
// same order as `WidthObjective.estimate(query:w:)` and `Softmax.weights`, so the loss and gradient are bit for bit
// the general code's (a test pins it), but on contiguous buffers. In a debug build, where the general code spends
// most of its time in array bookkeeping, this makes learning a width on 500 pairs take seconds instead of minutes.

extension WidthObjective {
    /// `lossAndGradient(w: [w])` for d = 1.
    func lossAndGradientOnALine(w: Double) throws(AttentionPoolingError) -> (loss: Double, gradient: [Double]) {
        let n = keys.count
        let x = keys.map { $0[0] }
        var loss = 0.0
        var slope = 0.0
        var logits = [Double](repeating: 0, count: n)
        x.withUnsafeBufferPointer { x in
            values.withUnsafeBufferPointer { y in
                logits.withUnsafeMutableBufferPointer { shifted in
                    for q in 0..<n {
                        var largest = -Double.infinity
                        for i in 0..<n {  // ℓᵢ = −½ ((x_q − kᵢ) w)², −∞ for q itself in (b)
                            let scaled = (x[q] - x[i]) * w
                            let logit = leaveOneOut && i == q ? -Double.infinity : 0.0 - 0.5 * scaled * scaled
                            shifted[i] = logit
                            if logit > largest { largest = logit }
                        }
                        guard largest > -.infinity else {  // (x − k)·w overflowed: as Softmax, no weights
                            loss = .nan
                            return
                        }
                        var total = 0.0
                        for i in 0..<n {  // Softmax.weights: exp(ℓᵢ − max), then divided by their sum
                            shifted[i] = _exp((shifted[i] - largest) / 1)
                            total += shifted[i]
                        }
                        var f = 0.0
                        for i in 0..<n {
                            shifted[i] /= total
                            if shifted[i] > 0 { f += shifted[i] * y[i] }
                        }
                        var gradient = 0.0  // ∂f/∂w = Σᵢ αᵢ (vᵢ − f) (−w gap²)
                        for i in 0..<n where shifted[i] > 0 {
                            let gap = x[q] - x[i]
                            gradient += shifted[i] * (y[i] - f) * (-w * gap * gap)
                        }
                        let residual = f - y[q]
                        loss += residual * residual
                        slope += 2 * residual * gradient
                    }
                }
            }
        }
        guard loss.isFinite, slope.isFinite else { throw .notFinite(w: [w]) }
        return (loss, [slope])
    }
}
