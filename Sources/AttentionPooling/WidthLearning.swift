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
    public init(keys: [[Double]], values: [Double], leaveOneOut: Bool) throws(WidthLearningError) {
        guard let d = keys.first?.count else { throw .noKeys }
        guard d > 0 else { throw .emptyKey }
        guard values.count == keys.count else { throw .valueCountMismatch(keys: keys.count, values: values.count) }
        if leaveOneOut, keys.count < 2 { throw .tooFewKeysForLeaveOneOut(keys.count) }
        for (index, key) in keys.enumerated() {
            guard key.count == d else { throw .dimensionMismatch(index: index, expected: d, found: key.count) }
            guard key.allSatisfy(\.isFinite) else { throw .nonFinite(role: "key", index: index) }
        }
        if let index = values.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(role: "value", index: index) }
        (self.keys, self.values, self.leaveOneOut) = (keys, values, leaveOneOut)
    }

    /// The loss for scalar keys (d = 1), as in the book's regression example.
    public init(keys: [Double], values: [Double], leaveOneOut: Bool) throws(WidthLearningError) {
        try self.init(keys: keys.map { [$0] }, values: values, leaveOneOut: leaveOneOut)
    }

    /// The dimension d of the keys.
    public var dimension: Int { keys[0].count }

    // snippet: width-gradient
    /// f(x_n) and its gradient ∂f(x_n)/∂w, forward and backward side by side (see the type's derivation).
    func estimate(query n: Int, w: [Double]) -> (f: Double, gradient: [Double]) {
        let others = keys.indices.filter { !(leaveOneOut && $0 == n) }
        let entry = { (j: Int) in w.count == 1 ? 0 : j }  // the entry of w that coordinate j uses
        let logits = others.map { i in  // ℓᵢ = −½ Σ_j ((x_nj − k_ij) w_j)²
            (0..<dimension).reduce(0.0) { sum, j in
                let scaled = (keys[n][j] - keys[i][j]) * w[entry(j)]
                return sum - 0.5 * scaled * scaled
            }
        }
        let largest = logits.max() ?? 0
        let unnormalised = logits.map { _exp($0 - largest) }
        let total = unnormalised.reduce(0, +)
        let alphas = unnormalised.map { $0 / total }
        let f = zip(alphas, others).reduce(0.0) { $0 + $1.0 * values[$1.1] }
        var gradient = [Double](repeating: 0, count: w.count)  // ∂f/∂w_j = Σᵢ αᵢ (vᵢ − f) ∂ℓᵢ/∂w_j
        for (alpha, i) in zip(alphas, others) {
            for j in 0..<dimension {
                let gap = keys[n][j] - keys[i][j]
                gradient[entry(j)] += alpha * (values[i] - f) * (-w[entry(j)] * gap * gap)  // ∂ℓᵢ/∂w_j = −w_j gap²
            }
        }
        return (f, gradient)
    }

    /// L(w) and dL/dw, with dL/dw_j = Σ_n 2 (f(x_n) − y_n) ∂f(x_n)/∂w_j.
    ///
    /// `w` holds 1 entry or d entries, each a finite number > 0. Throws `.notFinite(w:)` if (x − k)·w overflows.
    public func lossAndGradient(w: [Double]) throws(WidthLearningError) -> (loss: Double, gradient: [Double]) {
        try check(w)
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
    public func estimates(w: [Double]) throws(WidthLearningError) -> [Double] {
        try check(w)
        let fitted = keys.indices.map { estimate(query: $0, w: w).f }
        guard fitted.allSatisfy(\.isFinite) else { throw .notFinite(w: w) }
        return fitted
    }

    /// L(w) alone.
    public func loss(w: [Double]) throws(WidthLearningError) -> Double {
        try lossAndGradient(w: w).loss
    }

    private func check(_ w: [Double]) throws(WidthLearningError) {
        guard w.count == 1 || w.count == dimension else {
            throw .widthCountMismatch(dimension: dimension, widths: w.count)
        }
        for entry in w where !(entry > 0 && entry.isFinite) { throw .invalidWidth(entry) }
    }
}

/// In which variable gradient descent takes its steps.
public enum WidthStepSpace: Sendable, Equatable {
    /// w ← w − η · dL/dw, the book's update.
    case width
    /// θ = log w, θ ← θ − η · dL/dθ with dL/dθ_j = w_j · dL/dw_j: w = exp(θ) stays positive and the step is
    /// scale-free (a relative change of w).
    case logWidth
}

/// How `WidthObjective.train` runs full-batch gradient descent.
///
/// Each epoch tries the plain step of size `learningRate`. With `lineSearch` on (the default), a trial point is
/// accepted only when every w stays finite and > 0 and the loss falls by Armijo's sufficient decrease,
/// L(new) ≤ L − 10⁻⁴ · η · ‖g‖² (g the gradient in the step's variable); otherwise η is halved, up to 60 times, and the
/// next epoch starts again from `learningRate`. The number of halvings is recorded per epoch. With `lineSearch` off,
/// the plain step is always taken and a w that is ≤ 0 or a loss that is not finite throws `.diverged(epoch:)`.
///
/// With `adaptiveStepAfter` set to e, the first e epochs take the book's fixed step and every later epoch first tries
/// the Barzilai–Borwein step η = (Δw · Δw) / (Δw · Δg) from the last two records (Δ in the step's variable; for a
/// scalar w this is the secant method, which measures the valley's curvature instead of assuming it). When the
/// curvature Δw · Δg is not positive it tries `learningRate` instead. An adaptive step never moves a w by more than
/// half of itself (a trust region), and the line search still guards every step. In a
/// long flat valley, where the fixed step would crawl for thousands of epochs, this converges in tens.
///
/// Stopping rule: training stops at the first record whose scale-free gradient max_j |w_j · dL/dw_j| is at most
/// `tolerance · L` (convergence), after `epochs` steps (epoch limit), or when 60 halvings find no decrease (stalled).
/// A nil `tolerance` runs to the epoch limit. Case (a), without leave-one-out, has no finite optimum: there the
/// relative gradient stays large as L → 0, so only the epoch limit stops it.
///
/// The rule finds a stationary point, not necessarily the minimiser. The leave-one-out loss is not convex and flattens
/// at both ends (w → 0: f(x_n) tends to the mean of the other labels; w → ∞: to the nearest other key's label), so a
/// start outside the minimiser's basin, or one long step (steps in log w are not capped), can end on a plateau.
/// `gridSearch` is the check.
public struct WidthTraining: Sendable, Equatable {
    /// The step size η > 0 (the book: 0.5).
    public var learningRate: Double
    /// The most gradient steps, ≥ 0 (the book: 5).
    public var epochs: Int
    /// The variable the steps are taken in.
    public var stepSpace: WidthStepSpace
    /// Whether the Armijo backtracking safeguard is on.
    public var lineSearch: Bool
    /// The convergence tolerance on max_j |w_j · dL/dw_j| / L, a finite number > 0, or nil for none.
    public var tolerance: Double?
    /// The last epoch of fixed steps; later epochs try the Barzilai–Borwein step (with the line search only).
    /// nil: every epoch tries `learningRate`.
    public var adaptiveStepAfter: Int?
    /// The steps descend L / `lossScale` (a finite number > 0; the book: 1). The minimiser is the same, but a learning
    /// rate then means the same on labels of any size: labels 100 times larger make L 10⁴ times larger, and a scale
    /// of 10⁴ keeps the book's η = 0.5 a step of the book's size. Barzilai–Borwein steps do not depend on it.
    public var lossScale: Double

    /// Settings; the defaults are the book's: η = 0.5, 5 epochs, steps in w, with the safeguard and no tolerance.
    public init(learningRate: Double = 0.5, epochs: Int = 5, stepSpace: WidthStepSpace = .width,
                lineSearch: Bool = true, tolerance: Double? = nil, adaptiveStepAfter: Int? = nil, lossScale: Double = 1) {
        (self.learningRate, self.epochs, self.stepSpace) = (learningRate, epochs, stepSpace)
        (self.lineSearch, self.tolerance, self.adaptiveStepAfter) = (lineSearch, tolerance, adaptiveStepAfter)
        self.lossScale = lossScale
    }
}

/// One point of a training run: epoch 0 is the start, epoch e the point after e steps.
public struct TrainingRecord: Sendable, Equatable {
    /// Steps taken so far.
    public let epoch: Int
    /// L(w), the summed squared error.
    public let loss: Double
    /// The inverse widths w (σ = 1/w).
    public let w: [Double]
    /// dL/dw at `w`.
    public let gradient: [Double]
    /// How often the line search halved this epoch's step; 0 for the plain step and for epoch 0.
    public let halvings: Int
    /// The step size this epoch took, in the variable and units it was trained in (`inOriginalUnits` leaves it as it
    /// is); 0 for epoch 0.
    public let stepSize: Double

    /// max_j |w_j · dL/dw_j| / L, the gradient in log w relative to the loss (the stopping rule's measure);
    /// 0 when L and the gradient are both 0.
    public var relativeGradient: Double {
        let largest = zip(w, gradient).map { abs($0 * $1) }.max() ?? 0
        return largest == 0 ? 0 : largest / loss
    }
}

/// Why a training run stopped.
public enum TrainingStop: Sendable, Equatable {
    /// The stopping rule's tolerance was met.
    case converged
    /// The run took all its epochs.
    case epochLimit
    /// Sixty halvings of the step found no sufficient decrease (the loss is flat to rounding).
    case stalled
}

/// What `WidthObjective.train` returns: every epoch's record and why it stopped.
public struct WidthTrainingRun: Sendable, Equatable {
    /// Epoch 0 (the start) to the last epoch, in order.
    public let records: [TrainingRecord]
    /// Why training stopped.
    public let stop: TrainingStop

    /// Whether the line search ever had to shorten the book's plain step.
    public var safeguardUsed: Bool { records.contains { $0.halvings > 0 } }
    /// The last record (the trained w).
    public var final: TrainingRecord { records[records.count - 1] }
}

extension WidthObjective {
    /// Full-batch gradient descent on L from `initialW` (1 or d entries, each finite and > 0) as `settings` say.
    ///
    /// Example (the earlier edition's settings, w₀ a uniform draw on [0, 1)):
    ///
    ///     let objective = try WidthObjective(keys: x, values: y, leaveOneOut: true)
    ///     let run = try objective.train(from: [w0], settings: WidthTraining())
    ///     run.final.w   // w after 5 epochs
    ///
    /// - Throws: invalid settings or `initialW`, `.notFinite(w:)` if L(initialW) is not finite, and
    ///   `.diverged(epoch:)` when the plain step (line search off) makes a w ≤ 0 or a loss that is not finite.
    /// - Complexity: O(epochs · n²·d), times the number of halvings.
    public func train(from initialW: [Double], settings: WidthTraining) throws(WidthLearningError) -> WidthTrainingRun {
        guard settings.learningRate > 0, settings.learningRate.isFinite else {
            throw .invalidLearningRate(settings.learningRate)
        }
        guard settings.epochs >= 0 else { throw .negativeEpochs(settings.epochs) }
        guard settings.lossScale > 0, settings.lossScale.isFinite else { throw .invalidLossScale(settings.lossScale) }
        if let tolerance = settings.tolerance, !(tolerance > 0 && tolerance.isFinite) {
            throw .invalidTolerance(tolerance)
        }
        let start = try lossAndGradient(w: initialW)
        var records = [TrainingRecord(epoch: 0, loss: start.loss, w: initialW, gradient: start.gradient, halvings: 0,
                                      stepSize: 0)]
        for epoch in stride(from: 1, through: settings.epochs, by: 1) {
            let current = records[records.count - 1]
            if let tolerance = settings.tolerance, current.relativeGradient <= tolerance {
                return WidthTrainingRun(records: records, stop: .converged)
            }
            let adapts = settings.lineSearch && settings.adaptiveStepAfter.map { epoch > $0 } == true && epoch > 1
            let eta = adapts
                ? min(barzilaiBorwein(records[records.count - 2], current, settings) ?? settings.learningRate,
                      trustRadius(current, settings))
                : settings.learningRate
            guard let next = try step(from: current, epoch: epoch, eta: eta, settings: settings) else {
                return WidthTrainingRun(records: records, stop: .stalled)
            }
            records.append(next)
        }
        let met = settings.tolerance.map { records[records.count - 1].relativeGradient <= $0 } ?? false
        return WidthTrainingRun(records: records, stop: met ? .converged : .epochLimit)
    }

    /// The largest step that changes no w by more than half of itself (in log w: by more than ln 2): an adaptive
    /// step may measure a flat stretch of the loss and aim far beyond the valley, where a lower loss than the start
    /// can still pass the line search; capping it keeps the descent in the valley it is in.
    private func trustRadius(_ current: TrainingRecord, _ settings: WidthTraining) -> Double {
        let limits = zip(current.w, current.gradient).map { w, g -> Double in
            let slope = (settings.stepSpace == .width ? abs(g) : abs(w * g)) / settings.lossScale
            let room = settings.stepSpace == .width ? w / 2 : 0.6931471805599453
            return slope > 0 ? room / slope : .infinity
        }
        return limits.min() ?? .infinity
    }

    /// (Δx · Δx) / (Δx · Δg) between two records, in the step's variable x (w, or θ = log w with g = w · dL/dw);
    /// nil unless it is a finite number > 0.
    private func barzilaiBorwein(_ previous: TrainingRecord, _ current: TrainingRecord, _ settings: WidthTraining)
        -> Double?
    {
        func point(_ record: TrainingRecord) -> (x: [Double], g: [Double]) {
            settings.stepSpace == .width
                ? (record.w, record.gradient.map { $0 / settings.lossScale })
                : (record.w.map { _log($0) }, zip(record.w, record.gradient).map { $0 * $1 / settings.lossScale })
        }
        let (a, b) = (point(previous), point(current))
        let dx = zip(b.x, a.x).map { $0 - $1 }
        let dg = zip(b.g, a.g).map { $0 - $1 }
        let eta = zip(dx, dx).map { $0 * $1 }.reduce(0, +) / zip(dx, dg).map { $0 * $1 }.reduce(0, +)
        return eta > 0 && eta.isFinite ? eta : nil
    }

    /// One epoch: the plain step, halved by the line search when it must be; nil when 60 halvings do not help.
    private func step(from current: TrainingRecord, epoch: Int, eta start: Double, settings: WidthTraining)
        throws(WidthLearningError) -> TrainingRecord?
    {
        // The gradient of L / lossScale in the step's variable: dL/dw, or dL/dθ = w · dL/dw for θ = log w.
        let direction = (settings.stepSpace == .width
            ? current.gradient : zip(current.w, current.gradient).map { $0 * $1 }).map { $0 / settings.lossScale }
        func trial(_ eta: Double) -> [Double] {
            zip(current.w, direction).map { w, g in settings.stepSpace == .width ? w - eta * g : w * _exp(-eta * g) }
        }
        guard settings.lineSearch else {
            let w = trial(start)
            guard let evaluated = try? lossAndGradient(w: w) else { throw .diverged(epoch: epoch) }
            return TrainingRecord(epoch: epoch, loss: evaluated.loss, w: w, gradient: evaluated.gradient, halvings: 0,
                                  stepSize: start)
        }
        let squaredNorm = direction.reduce(0) { $0 + $1 * $1 }
        var eta = start
        for halvings in 0...60 {
            let w = trial(eta)
            if let evaluated = try? lossAndGradient(w: w),
               evaluated.loss <= current.loss - 1e-4 * eta * squaredNorm * settings.lossScale {
                return TrainingRecord(epoch: epoch, loss: evaluated.loss, w: w, gradient: evaluated.gradient,
                                      halvings: halvings, stepSize: eta)
            }
            eta /= 2
        }
        return nil
    }
}

/// Gradient descent on scalar keys and a scalar w: `WidthObjective(keys:values:leaveOneOut:).train(from: [initialW])`.
public func trainWidth(keys: [Double], values: [Double], initialW: Double, leaveOneOut: Bool,
                       settings: WidthTraining = WidthTraining()) throws(WidthLearningError) -> WidthTrainingRun {
    try WidthObjective(keys: keys, values: values, leaveOneOut: leaveOneOut).train(from: [initialW], settings: settings)
}

/// A grid search of L over one scalar w, to check what gradient descent finds.
public struct WidthGridSearch: Sendable, Equatable {
    /// The grid: `count` values of w spaced evenly in log w from `lower` to `upper`.
    public let grid: [Double]
    /// L at each grid point.
    public let losses: [Double]
    /// The grid point with the smallest loss (the first one on a tie).
    public let bestOnGrid: Double
    /// `bestOnGrid` refined by golden-section search in log w between its two grid neighbours (40 iterations,
    /// which shrink the bracket by 0.618⁴⁰ ≈ 4·10⁻⁹); equal to `bestOnGrid` when that is the first or last grid point.
    public let refined: Double
}

extension WidthObjective {
    /// L(w) for one scalar w on `count` log-spaced points of [lower, upper], its smallest point and a refinement.
    ///
    /// - Parameters: 0 < lower < upper, both finite; count ≥ 3 (the chapter's check uses 400 points).
    /// - Throws: `.invalidGrid` for bad bounds or count, `.notFinite(w:)` if L overflows at a grid point.
    /// - Complexity: O((count + 40) · n²·d).
    public func gridSearch(lower: Double, upper: Double, count: Int = 400) throws(WidthLearningError)
        -> WidthGridSearch
    {
        guard lower > 0, upper.isFinite, lower < upper, count >= 3 else {
            throw .invalidGrid(lower: lower, upper: upper, count: count)
        }
        let (logLower, logUpper) = (_log(lower), _log(upper))
        let grid = (0..<count).map { i in _exp(logLower + (logUpper - logLower) * Double(i) / Double(count - 1)) }
        var losses: [Double] = []
        for w in grid { losses.append(try loss(w: [w])) }
        let best = losses.indices.min { (losses[$0], $0) < (losses[$1], $1) } ?? 0
        guard best > 0, best < count - 1 else {
            return WidthGridSearch(grid: grid, losses: losses, bestOnGrid: grid[best], refined: grid[best])
        }
        // Golden-section search on θ = log w over the bracket [θ_{best−1}, θ_{best+1}].
        let ratio = (5.0.squareRoot() - 1) / 2
        var (a, b) = (_log(grid[best - 1]), _log(grid[best + 1]))
        var (c, d) = (b - ratio * (b - a), a + ratio * (b - a))
        var (lossC, lossD) = (try loss(w: [_exp(c)]), try loss(w: [_exp(d)]))
        for _ in 0..<40 {
            if lossC <= lossD {
                (b, d, lossD) = (d, c, lossC)
                c = b - ratio * (b - a)
                lossC = try loss(w: [_exp(c)])
            } else {
                (a, c, lossC) = (c, d, lossD)
                d = a + ratio * (b - a)
                lossD = try loss(w: [_exp(d)])
            }
        }
        return WidthGridSearch(grid: grid, losses: losses, bestOnGrid: grid[best], refined: _exp((a + b) / 2))
    }
}

/// Why width learning refused its inputs or stopped. Each description is one line.
public enum WidthLearningError: Error, Equatable, Sendable, CustomStringConvertible {
    case noKeys
    case emptyKey
    case valueCountMismatch(keys: Int, values: Int)
    case dimensionMismatch(index: Int, expected: Int, found: Int)
    case nonFinite(role: String, index: Int)
    case tooFewKeysForLeaveOneOut(Int)
    case widthCountMismatch(dimension: Int, widths: Int)
    case invalidWidth(Double)
    case invalidLearningRate(Double)
    case negativeEpochs(Int)
    case invalidLossScale(Double)
    case invalidTolerance(Double)
    case invalidGrid(lower: Double, upper: Double, count: Int)
    case notFinite(w: [Double])
    case diverged(epoch: Int)

    public var description: String {
        switch self {
        case .noKeys: "learning a width needs at least one training pair"
        case .emptyKey: "each key needs at least one coordinate"
        case .valueCountMismatch(let keys, let values): "there are \(keys) keys but \(values) values"
        case .dimensionMismatch(let index, let expected, let found):
            "key \(index) has \(found) coordinates, expected \(expected)"
        case .nonFinite(let role, let index): "\(role) \(index) is not a finite number"
        case .tooFewKeysForLeaveOneOut(let count):
            "leave-one-out needs at least 2 training pairs, so each one has another to attend to, not \(count)"
        case .widthCountMismatch(let d, let widths):
            "the keys have \(d) coordinates, so w needs 1 or \(d) entries, not \(widths)"
        case .invalidWidth(let w): "each w = 1/σ must be a finite number greater than 0, not \(w)"
        case .invalidLearningRate(let rate): "the learning rate must be a finite number greater than 0, not \(rate)"
        case .negativeEpochs(let epochs): "the number of epochs must be 0 or more, not \(epochs)"
        case .invalidLossScale(let scale): "the loss scale must be a finite number greater than 0, not \(scale)"
        case .invalidTolerance(let tolerance): "the tolerance must be a finite number greater than 0, not \(tolerance)"
        case .invalidGrid(let lower, let upper, let count):
            "a width grid needs finite 0 < lower < upper and 3 or more points, not [\(lower), \(upper)] with \(count)"
        case .notFinite(let w): "the loss is not a finite number at w = \(w): the widths are too extreme"
        case .diverged(let epoch): "gradient descent diverged at epoch \(epoch): w left (0, ∞) or the loss overflowed"
        }
    }
}

// Changing units. If the inputs are divided by a and the labels by b before training, the loss is
// L(w) = b² · L'(a · w): the same minimiser, in other units. Training on such rescaled data makes a learning rate
// mean the same on any data; these re-express the results in the data's own units.

extension TrainingRecord {
    /// This record of training on inputs / `a` and labels / `b`, in the original units: w / a, b² · L and
    /// dL/dw = a · b² · dL'/dw'. a and b must be finite and > 0.
    public func inOriginalUnits(inputScale a: Double, labelScale b: Double) -> TrainingRecord {
        TrainingRecord(epoch: epoch, loss: b * b * loss, w: w.map { $0 / a },
                       gradient: gradient.map { a * b * b * $0 }, halvings: halvings, stepSize: stepSize)
    }
}

extension WidthTrainingRun {
    /// Every record in the original units (see `TrainingRecord.inOriginalUnits`).
    public func inOriginalUnits(inputScale a: Double, labelScale b: Double) -> WidthTrainingRun {
        WidthTrainingRun(records: records.map { $0.inOriginalUnits(inputScale: a, labelScale: b) }, stop: stop)
    }
}

extension WidthGridSearch {
    /// The grid, its losses and its minimisers in the original units (see `TrainingRecord.inOriginalUnits`).
    public func inOriginalUnits(inputScale a: Double, labelScale b: Double) -> WidthGridSearch {
        WidthGridSearch(grid: grid.map { $0 / a }, losses: losses.map { b * b * $0 }, bestOnGrid: bestOnGrid / a,
                        refined: refined / a)
    }
}
