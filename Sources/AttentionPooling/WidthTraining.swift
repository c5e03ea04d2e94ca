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
    public func train(from initialW: [Double], settings: WidthTraining)
        throws(AttentionPoolingError) -> WidthTrainingRun
    {
        guard settings.learningRate > 0, settings.learningRate.isFinite else {
            throw .invalidLearningRate(settings.learningRate)
        }
        guard settings.epochs >= 0 else { throw .negativeEpochs(settings.epochs) }
        guard settings.lossScale > 0, settings.lossScale.isFinite else { throw .invalidLossScale(settings.lossScale) }
        if let tolerance = settings.tolerance, !(tolerance > 0 && tolerance.isFinite) {
            throw .invalidConvergenceTolerance(tolerance)
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
            let adaptive = adapts ? barzilaiBorweinStepSize(records[records.count - 2], current, settings) : nil
            let eta = adapts
                ? min(adaptive ?? settings.learningRate, trustRadius(current, settings)) : settings.learningRate
            guard let next = try armijoStep(from: current, epoch: epoch, eta: eta, settings: settings) else {
                return WidthTrainingRun(records: records, stop: .stalled)
            }
            records.append(next)
        }
        let met = settings.tolerance.map { records[records.count - 1].relativeGradient <= $0 } ?? false
        return WidthTrainingRun(records: records, stop: met ? .converged : .epochLimit)
    }
}
