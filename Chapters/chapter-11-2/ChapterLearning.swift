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
    let plainStep: Result<WidthTrainingRun, AttentionPoolingError>
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
        setText("grid-size", "\(results.grid.grid.count) log-spaced")
        if case .success(let plain) = results.plainStep {
            try addData(DataFile("plain-step.csv", header: ["epoch", "loss", "w"],
                                 rows: plain.records.map { [Double($0.epoch), $0.loss, $0.w[0]] }))
        }
    }
}

/// Four panels: each run's loss per epoch on its own axes (up to a few epochs past where it settled, so a run that
/// stops early is not squeezed into a corner), w per epoch (log scale), and the leave-one-out loss over w (log
/// scale) with the grid's minimiser and the trained w marked.
private func trainingFigure(_ results: WidthLearningResults) -> Figure {
    let (all, loo) = (results.allKeys, results.leaveOneOut)
    let allStyle = SeriesStyle.line(color: .vermillion, width: 2)
    let looStyle = SeriesStyle.line(color: .blue, width: 2)
    func shown(_ run: WidthTrainingRun) -> [TrainingRecord] {
        Array(run.records.prefix(max(settledEpoch(run), 5) + 6))
    }
    func lossPanel(_ title: String, _ run: WidthTrainingRun, _ style: SeriesStyle) -> PlotPanel {
        let records = shown(run)
        return PlotPanel(title: title, xLabel: "epoch", yLabel: "L(w), summed squared error",
                         series: [Series(xs: records.map { Double($0.epoch) }, ys: records.map(\.loss), style: style)])
    }
    let widthPanel = PlotPanel(
        title: "w = 1/σ per epoch", xLabel: "epoch", yLabel: "w (log scale)",
        series: [Series(label: "(a) all keys", xs: all.records.map { Double($0.epoch) }, ys: all.records.map { $0.w[0] }, style: allStyle),
                 Series(label: "(b) leave-one-out", xs: loo.records.map { Double($0.epoch) }, ys: loo.records.map { $0.w[0] }, style: looStyle)],
        yScale: .log)
    let grid = results.grid
    let gridPanel = PlotPanel(
        title: "(b)'s loss over a grid of w", xLabel: "w (log scale)", yLabel: "leave-one-out L(w)",
        series: [Series(xs: grid.grid, ys: grid.losses, style: .line(color: .blue, width: 1.5)),
                 Series(label: "grid minimum", xs: [grid.bestOnGrid],
                        ys: [grid.losses[grid.grid.firstIndex(of: grid.bestOnGrid) ?? 0]],
                        style: .markers(color: .black, radius: 5, shape: .triangle)),
                 Series(label: "trained w (b)", xs: [loo.final.w[0]], ys: [loo.final.loss],
                        style: .markers(color: .orange, radius: 3.5))],
        xScale: .log)
    return Figure(
        id: "width-training", title: "Learning the Gaussian kernel's width by gradient descent",
        description: "Four panels. First: the summed squared error of (a), every key in the pool, over its first "
            + "\(shown(all).count) epochs, from \(all.records[0].loss.significant) to \(shown(all).last!.loss.significant). "
            + "Second: the same for (b), leave-one-out, over its first \(shown(loo).count) epochs, from "
            + "\(loo.records[0].loss.significant) to \(shown(loo).last!.loss.significant). Third: w per epoch on a log scale; "
            + "(a) ends at \(all.final.w[0].significant), (b) at \(loo.final.w[0].significant). Fourth: the leave-one-out "
            + "loss over \(grid.grid.count) values of w from \(grid.grid[0].significant) to "
            + "\(grid.grid[grid.grid.count - 1].significant), with the grid's minimum (at \(grid.bestOnGrid.significant)) and the "
            + "trained w marked.",
        panels: [.plot(lossPanel("(a) all keys: loss per epoch", all, allStyle)),
                 .plot(lossPanel("(b) leave-one-out: loss per epoch", loo, looStyle)),
                 .plot(widthPanel), .plot(gridPanel)])
}

/// One width choice with its scores: the leave-one-out MSE on the training pairs and the MSE against the truth at
/// the queries (nil without a truth).
struct WidthChoiceScore {
    let name: String
    let width: Width
    let leaveOneOut: Double?
    let truth: Double?
}

/// Scores Gaussian widths on `data`.
func widthChoices(_ choices: [(name: String, width: Width)], data: RegressionData) throws -> [WidthChoiceScore] {
    try choices.map { choice in
        let nw = try NadarayaWatson(kernel: .gaussian, width: choice.width)
        let loo = try nw.leaveOneOutError(inputs: data.trainingInputs.map { [$0] }, targets: data.trainingTargets).mean
        let estimates = try nw.estimates(queries: data.validationInputs, keys: data.trainingInputs, values: data.trainingTargets)
        let truth = data.validationTruth.map { meanSquaredError(estimates: estimates, truth: $0).mean } ?? nil
        return WidthChoiceScore(name: choice.name, width: choice.width, leaveOneOut: loo, truth: truth)
    }
}

/// The comparison of width choices as a table, with as many digits as it takes to tell different errors apart.
func widthChoicesTable(_ scores: [WidthChoiceScore], truthKnown: Bool) -> String {
    let loo = distinctTexts(scores.map(\.leaveOneOut))
    let truth = distinctTexts(scores.map(\.truth))
    return HTMLTable(
        caption: "Gaussian widths compared by their leave-one-out mean squared error on the training pairs (the honest "
            + "score: no pair predicts itself)" + (truthKnown ? " and by the error against the truth at the queries." : "."),
        header: ["width", "σ", "leave-one-out MSE"] + (truthKnown ? ["MSE vs truth"] : []),
        rows: scores.indices.map { [scores[$0].name, widthText(scores[$0].width), loo[$0]] + (truthKnown ? [truth[$0]] : []) },
        numericColumns: truthKnown ? [1, 2, 3] : [1, 2]
    ).html
}

/// width-choices.csv: one row per choice, its scalar σ (empty for per-key widths) and its two errors.
func widthChoicesFile(_ scores: [WidthChoiceScore]) -> DataFile {
    DataFile("width-choices.csv", table: CSVTable(
        header: ["choice", "sigma", "loo_mse", "truth_mse"],
        rows: scores.map { score in
            let sigma: Double? = if case .scalar(let s) = score.width { s } else { nil }
            return [.text(score.name), .number(sigma), .number(score.leaveOneOut), .number(score.truth)]
        }))
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

/// A width as the table writes it: σ, or the range of per-key widths.
private func widthText(_ width: Width) -> String {
    switch width {
    case .scalar(let sigma): sigma.significant
    case .perKey(let widths):
        "per key, \((widths.min() ?? 0).significant)–\((widths.max() ?? 0).significant)"
    case .perCoordinate(let sigmas): sigmas.map { $0.significant }.joined(separator: ", ")
    }
}
