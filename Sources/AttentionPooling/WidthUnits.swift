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
