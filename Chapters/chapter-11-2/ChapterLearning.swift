import AttentionPooling
import CourseCLI
import CourseSite
import Figures
import Foundation

// The page's section on learning the width: the two trainings, the grid check and the comparison of width rules.

/// What the width-learning experiment produced, gathered for the page.
struct WidthLearningResults {
    let initialW: Double
    let allKeys: WidthTrainingRun
    let leaveOneOut: WidthTrainingRun
    /// The book's plain step, without the safeguard, on the leave-one-out loss: its records, or the epoch it diverged.
    let plainStep: Result<WidthTrainingRun, WidthLearningError>
    let grid: WidthGridSearch
}

extension ChapterPage {
    /// Adds the training figure (loss and w per epoch, the leave-one-out loss over w), its CSVs and the texts.
    mutating func addWidthLearning(_ results: WidthLearningResults, snippet: String) throws {
        let (all, loo) = (results.allKeys, results.leaveOneOut)
        let epochs = max(all.records.count, loo.records.count)
        // A run that stopped early stays in its final state: repeat it, so the last row is each run's final state.
        func record(_ run: WidthTrainingRun, _ epoch: Int) -> TrainingRecord { run.records[min(epoch, run.records.count - 1)] }
        let rows = (0..<epochs).map { epoch in
            [Double(epoch), record(all, epoch).loss, record(all, epoch).w[0], record(loo, epoch).loss, record(loo, epoch).w[0]]
        }
        let history = DataFile("width-learning.csv", header: ["epoch", "loss_all", "w_all", "loss_loo", "w_loo"],
                               rows: rows.map { $0.map(Optional.some) })
        let gridFile = DataFile("loo-loss-grid.csv", columns: ["w", "loss_loo"],
                                values: [results.grid.grid, results.grid.losses])
        try addFigure(trainingFigure(results), snippet: snippet,
                      caption: "Learning w = 1/σ by gradient descent, with every key (a) and leaving each pair out of its own "
                          + "pool (b): the loss and w per epoch, and the leave-one-out loss over a grid of w.",
                      data: [history, gridFile])

        setText("initial-w", "$w_0 = \(results.initialW.significant)$")
        let book = min(5, epochs - 1)  // fewer when --epochs asks for fewer
        setText("book-epochs", "After \(book == 5 ? "the book's five" : String(book)) epochs, (a) has reached "
            + "$w = \(record(all, book).w[0].significant)$ with loss \(record(all, book).loss.significant) "
            + "and (b) $w = \(record(loo, book).w[0].significant)$ with loss "
            + "\(record(loo, book).loss.significant)")
        let collapsed = all.final.loss <= 1e-12 * all.records[0].loss
        setText("all-keys-final", "After \(all.final.epoch) epochs, (a) has $w = \(all.final.w[0].significant)$, a width "
            + "of $\\sigma = \((1 / all.final.w[0]).significant)$, and its loss has fallen to "
            + (all.final.loss == 0 ? "exactly 0: no step could lower it further"
               : all.final.loss.significant + (collapsed ? ", zero to within rounding: no step could lower it further" : ""))
            + (collapsed ? ""
                         : all.final.epoch >= epochs - 1 && all.stop == .epochLimit ? ", still falling at the epoch limit" : ""))
        setText("loo-final", looSummary(loo))
        setText("plain-step", plainStepSummary(results.plainStep, safeguarded: loo))
        let grid = results.grid.grid
        setText("grid-size", "\(grid.count) log-spaced")
        let gap = abs(loo.final.w[0] - results.grid.refined) / results.grid.refined
        setText("grid-check", "From \(grid[0].significant) to \(grid[grid.count - 1].significant), the "
            + "grid's smallest loss is at $w = \(results.grid.bestOnGrid.significant)$; refined between its two "
            + "neighbours by golden-section search, the minimiser is $w = \(results.grid.refined.significant)$; gradient "
            + "descent ended at $w = \(loo.final.w[0].significant)$, "
            + (gap < 0.01 ? "which agrees to within \(percent(gap))." : "which is \(percent(gap)) away: descent stopped on "
               + "another stationary point of this non-convex loss, and the grid is the one to trust."))
    }
}

/// Three panels: loss per epoch, w per epoch (log scale), leave-one-out loss over w (log scale) with the grid's
/// minimiser and the trained w marked.
private func trainingFigure(_ results: WidthLearningResults) -> Figure {
    let (all, loo) = (results.allKeys, results.leaveOneOut)
    let allStyle = SeriesStyle.line(color: .vermillion, width: 2)
    let looStyle = SeriesStyle.line(color: .blue, width: 2)
    func epochs(_ run: WidthTrainingRun) -> [Double] { run.records.map { Double($0.epoch) } }
    let losses = (all.records + loo.records).map(\.loss)
    let bookEpochs = Series(label: "the book's 5 epochs", xs: [5, 5], ys: [losses.min() ?? 0, losses.max() ?? 1],
                            style: .line(color: .grey, width: 1, dash: .dashed))
    let lossPanel = PlotPanel(
        title: "loss L(w) per epoch", xLabel: "epoch", yLabel: "L(w), summed squared error",
        series: [bookEpochs,
                 Series(label: "(a) all keys", xs: epochs(all), ys: all.records.map(\.loss), style: allStyle),
                 Series(label: "(b) leave-one-out", xs: epochs(loo), ys: loo.records.map(\.loss), style: looStyle)])
    let widthPanel = PlotPanel(
        title: "w = 1/σ per epoch", xLabel: "epoch", yLabel: "w (log scale)",
        series: [Series(xs: epochs(all), ys: all.records.map { $0.w[0] }, style: allStyle),
                 Series(xs: epochs(loo), ys: loo.records.map { $0.w[0] }, style: looStyle)],
        yScale: .log)
    let grid = results.grid
    let trainedLoss = loo.final.loss
    let gridPanel = PlotPanel(
        title: "(b)'s loss over a grid of w", xLabel: "w (log scale)", yLabel: "leave-one-out L(w)",
        series: [Series(xs: grid.grid, ys: grid.losses, style: .line(color: .blue, width: 1.5)),
                 Series(label: "grid minimum", xs: [grid.bestOnGrid],
                        ys: [grid.losses[grid.grid.firstIndex(of: grid.bestOnGrid) ?? 0]],
                        style: .markers(color: .black, radius: 5, shape: .triangle)),
                 Series(label: "trained w (b)", xs: [loo.final.w[0]], ys: [trainedLoss],
                        style: .markers(color: .orange, radius: 3.5))],
        xScale: .log)
    return Figure(
        id: "width-training", title: "Learning the Gaussian kernel's width by gradient descent",
        description: "Left: the summed squared error per epoch; with every key in the pool (a) it keeps falling towards "
            + "0, with leave-one-out (b) it levels off at \(loo.final.loss.significant). Middle: w per epoch on a log "
            + "scale; (a) grows to \(all.final.w[0].significant) without settling, (b) settles at "
            + "\(loo.final.w[0].significant). Right: the leave-one-out loss over \(grid.grid.count) values of w "
            + "from \(grid.grid[0].significant) to \(grid.grid[grid.grid.count - 1].significant), with its "
            + "minimum and the trained w marked at the bottom of the valley.",
        panels: [.plot(lossPanel), .plot(widthPanel), .plot(gridPanel)])
}

private func looSummary(_ run: WidthTrainingRun) -> String {
    let w = run.final.w[0]
    let state = "$w = \(w.significant)$, that is $\\sigma = \((1 / w).significant)$, with loss "
        + "\(run.final.loss.significant)"
    switch run.stop {
    case .converged:
        return "(b) stopped at epoch \(run.final.epoch), when the gradient had vanished (the stopping rule below), at " + state
    case .epochLimit:
        return "(b) had not met the stopping rule when the epoch limit of \(run.final.epoch) came; it ended at " + state
    case .stalled:
        return "(b) stopped at epoch \(run.final.epoch), where no step, however short, lowered the loss further, at " + state
    }
}

private func plainStepSummary(_ plain: Result<WidthTrainingRun, WidthLearningError>, safeguarded: WidthTrainingRun)
    -> String
{
    let halvings = safeguarded.records.map(\.halvings).reduce(0, +)
    let safeguard = halvings == 0
        ? "Here the safeguard never had to act."
        : "Here it halved the step \(halvings) times in all, and (b) converged."
    switch plain {
    case .failure(.diverged(let epoch)):
        return "Without a safeguard the book's step diverges here at epoch \(epoch). " + safeguard
    case .failure(let error):
        return "Without a safeguard the book's step fails (\(error)). " + safeguard
    case .success(let run) where run.stop == .converged:
        return "On these data the book's plain step converges by itself, by epoch \(run.final.epoch). " + safeguard
    case .success(let run):
        let last = run.records.suffix(4).map { $0.w[0].significant }.joined(separator: ", ")
        return "Without a safeguard the book's step does not settle on these data: after \(run.final.epoch) epochs w is "
            + "still jumping about (its last values: \(last)). " + safeguard
    }
}

private func percent(_ fraction: Double) -> String {
    fraction < 0.0001 ? "less than 0.01 %" : "\((100 * fraction).rounded(places: 2)) %"
}

/// The comparison of width choices: each one's σ, its leave-one-out error and its error against the truth.
func widthChoicesTable(choices: [(name: String, width: Width)], data: RegressionData) throws -> String {
    let inputs = data.trainingInputs.map { [$0] }
    let rows = try choices.map { choice -> [String] in
        let nw = try NadarayaWatson(kernel: .gaussian, width: choice.width)
        let loo = try nw.leaveOneOutError(inputs: inputs, targets: data.trainingTargets).mean
        let estimates = try nw.pool(queries: data.validationInputs, keys: data.trainingInputs,
                                    values: data.trainingTargets).estimates
        let truth = data.validationTruth.map { meanSquaredError(estimates: estimates, truth: $0).mean } ?? nil
        return [choice.name, widthText(choice.width), loo.map { $0.significant } ?? "—",
                truth.map { $0.significant } ?? "—"]
    }
    return HTMLTable(
        caption: "Gaussian widths compared by their leave-one-out mean squared error on the training pairs (the honest "
            + "score: no pair predicts itself) and, where the truth is known, by the error against it at the queries.",
        header: ["width", "σ", "leave-one-out MSE", "MSE vs truth"], rows: rows, numericColumns: [1, 2, 3]
    ).html
}

private func widthText(_ width: Width) -> String {
    switch width {
    case .scalar(let sigma): sigma.significant
    case .perKey(let widths):
        "per key, \((widths.min() ?? 0).significant)–\((widths.max() ?? 0).significant)"
    case .perCoordinate(let sigmas): sigmas.map { $0.significant }.joined(separator: ", ")
    }
}

/// The terminal's account of the two trainings: every epoch of the book's five, then every so often, then the end.
func trainingLog(allKeys: WidthTrainingRun, leaveOneOut: WidthTrainingRun) -> String {
    let last = max(allKeys.final.epoch, leaveOneOut.final.epoch)
    let every = max(1, last / 8)
    let shown = (0...last).filter { $0 <= 5 || $0 % every == 0 || $0 == last }
    func cells(_ run: WidthTrainingRun, _ epoch: Int) -> [String] {
        guard epoch < run.records.count else { return ["stopped", ""] }
        let record = run.records[epoch]
        return [record.loss.significant, record.w[0].significant]
    }
    let table = TextTable(
        header: ["epoch", "loss (a) all keys", "w (a)", "loss (b) leave-one-out", "w (b)"],
        rows: shown.map { [String($0)] + cells(allKeys, $0) + cells(leaveOneOut, $0) },
        rightAligned: [0, 1, 2, 3, 4]
    ).text
    func ending(_ name: String, _ run: WidthTrainingRun) -> String {
        let w = run.final.w[0]
        let why = switch run.stop {
        case .converged where run.final.loss <= 1e-12 * run.records[0].loss: "the loss reached zero"
        case .converged: "converged"
        case .epochLimit: "epoch limit"
        case .stalled: "no further decrease"
        }
        return "\(name): w = \(w.significant), σ = \((1 / w).significant), loss = "
            + "\(run.final.loss.significant) after \(run.final.epoch) epochs (\(why))"
    }
    return "Learning the width (w = 1/σ), gradient descent on the summed squared error:\n" + table + "\n"
        + ending("(a) all keys", allKeys) + "\n" + ending("(b) leave-one-out", leaveOneOut)
}
