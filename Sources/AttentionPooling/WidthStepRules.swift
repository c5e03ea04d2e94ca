// The step rules of `WidthObjective.train` (see `WidthTraining`): Armijo's backtracking line search on every step,
// the Barzilai–Borwein step size after the fixed epochs, and the trust region that caps it.

extension WidthObjective {
    /// The largest step that changes no w by more than half of itself (in log w: by more than ln 2): an adaptive
    /// step may measure a flat stretch of the loss and aim far beyond the valley, where a lower loss than the start
    /// can still pass the line search; capping it keeps the descent in the valley it is in.
    func trustRadius(_ current: TrainingRecord, _ settings: WidthTraining) -> Double {
        let limits = zip(current.w, current.gradient).map { w, g -> Double in
            let slope = (settings.stepSpace == .width ? abs(g) : abs(w * g)) / settings.lossScale
            let room = settings.stepSpace == .width ? w / 2 : 0.6931471805599453
            return slope > 0 ? room / slope : .infinity
        }
        return limits.min() ?? .infinity
    }

    /// (Δx · Δx) / (Δx · Δg) between two records, in the step's variable x (w, or θ = log w with g = w · dL/dw);
    /// nil unless it is a finite number > 0.
    func barzilaiBorweinStepSize(_ previous: TrainingRecord, _ current: TrainingRecord, _ settings: WidthTraining)
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
    func armijoStep(from current: TrainingRecord, epoch: Int, eta start: Double, settings: WidthTraining)
        throws(AttentionPoolingError) -> TrainingRecord?
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
