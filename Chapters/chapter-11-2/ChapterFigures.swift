import AttentionPooling
import CourseSite
import Figures

// How this chapter draws its experiments: which numbers go on which axis, in which colour.
// The drawing itself is the Figures module's; the attention vocabulary is the chapter's.

// snippet: plotting
/// A row of line panels, one per kernel: the kernel's value against the query's offset from a key at 0.
func kernelShapesFigure(distances: [Double], shapes: [[Double]], names: [String]) -> Figure {
    let panels = zip(names, shapes).map { name, values in
        Panel.plot(PlotPanel(
            title: name, xLabel: "q − k", yLabel: "α(q, k)",
            series: [Series(xs: distances, ys: values, style: .line(color: .blue, width: 2))]))
    }
    return Figure(
        id: "kernel-shapes", title: "The four kernels of (11.2.1) around a key at 0",
        description: "Four panels sharing the y axis (kernel value from 0 to 1) against the offset q − k from −2.5 to 2.5. "
            + "Gaussian: a smooth bell that never reaches 0. Boxcar: 1 for |q − k| ≤ 1, 0 beyond. "
            + "Constant: 1 everywhere. Epanechikov: a triangle falling from 1 at 0 to 0 at ±1.",
        panels: panels, sharedYAxis: true)
}
// end snippet

/// A row of panels, one per estimator: its estimate (with gaps where undefined), the truth dashed when known,
/// and the training examples as translucent dots.
func estimatesFigure(id: String, title: String, description: String, panelTitles: [String],
                     estimates: [[Double?]], data: RegressionData) -> Figure {
    let shown = data.thinned(toAtMost: 2000)  // a million dots would make a page of hundreds of megabytes
    let panels = zip(panelTitles, estimates).map { panelTitle, estimate in
        var series = [
            Series(label: shown.trainingInputs.count < data.trainingInputs.count
                       ? "\(shown.trainingInputs.count) of the \(data.trainingInputs.count) training examples"
                       : "training examples (xᵢ, yᵢ)",
                   xs: shown.trainingInputs, ys: shown.trainingTargets,
                   style: .markers(color: .grey, radius: 2.6, opacity: 0.55)),
        ]
        if let truth = data.validationTruth {
            series.append(Series(label: "truth 2 sin x + x", xs: data.validationInputs, ys: truth,
                                 style: .line(color: .vermillion, width: 1.6, dash: .dashed)))
        }
        series.append(Series(label: "estimate f(q)", xs: data.validationInputs, ys: estimate,
                             style: .line(color: .blue, width: 2)))
        return Panel.plot(PlotPanel(title: panelTitle, xLabel: "x (query)", yLabel: "y", series: series))
    }
    return Figure(id: id, title: title, description: description, panels: panels, sharedYAxis: true)
}

/// A row of heatmaps, one per estimator: its attention matrix with queries down and keys across, sharing one
/// colour bar. Undefined rows (no key in reach) are drawn as the Figures module draws undefined cells.
/// The colours follow the square root of the weight, so that a wide kernel's weights of a few hundredths stay
/// visible beside a narrow kernel's weights near 1; the colour bar says so and its ticks are the real weights.
func attentionFigure(id: String, title: String, description: String, panelTitles: [String],
                     rows: [[[Double]?]], data: RegressionData, keys: KeyColumns) throws -> Figure {
    let matrices = rows.map { matrix in
        matrix.map { row in row.map { $0.map(Optional.some) } ?? Array(repeating: nil, count: keys.count) }
    }
    let largest = matrices.joined().joined().compactMap { $0 }.max() ?? 1
    let queries = data.validationInputs
    let step = queries.count > 1 ? (queries[queries.count - 1] - queries[0]) / Double(queries.count - 1) : 1
    let readout = HeatmapReadout(rowName: "query x =", rowNames: queries.map { $0.significant },
                                 columnName: keys.readoutName, columnNames: keys.readoutNames, valueName: "weight")
    let panels = zip(panelTitles, matrices).map { panelTitle, matrix in
        Panel.heatmap(HeatmapPanel(
            title: panelTitle, values: matrix, xLabel: keys.axisLabel, yLabel: "query x",
            columnExtent: -0.5...(Double(keys.count) - 0.5),
            rowExtent: (queries[0] - step / 2)...(queries[queries.count - 1] + step / 2),
            readout: readout))
    }
    return Figure(
        id: id, title: title, description: description, panels: panels, sharedYAxis: true,
        colorScale: ColorScale(domain: 0...niceCeiling(largest), map: .reds, label: "attention weight",
                               undefinedLabel: "no key in reach", normalization: .squareRoot))
}

/// The columns of an attention figure: one per key, or, when there are too many keys to draw, one per group of
/// consecutive sorted keys (each cell then holds the group's total weight).
struct KeyColumns {
    let groups: [Range<Int>]
    /// The keys in the units the estimators use.
    let keys: [Double]
    let axisLabel: String
    let readoutName: String
    let readoutNames: [String]
    let csvHeaders: [String]

    /// Columns for the keys of `data` (for labels, in the units the reader sees), computed on `keys`.
    init(data: RegressionData, groups: [Range<Int>], keys: [Double]) {
        let x = data.trainingInputs
        self.groups = groups
        self.keys = keys
        if groups.allSatisfy({ $0.count == 1 }) {
            axisLabel = "key i (training inputs, sorted)"
            readoutName = "key"
            readoutNames = x.indices.map { "\($0) (x = \(x[$0].significant))" }
            csvHeaders = x.map { "key_x=\($0)" }
        } else {
            axisLabel = "keys, sorted, in \(groups.count) groups (group index)"
            readoutName = "keys"
            readoutNames = groups.map { "\($0.lowerBound)–\($0.upperBound - 1) (x = \(x[$0.lowerBound].significant)–\(x[$0.upperBound - 1].significant))" }
            csvHeaders = groups.map { "keys_x=\(x[$0.lowerBound])..\(x[$0.upperBound - 1])" }
        }
    }

    var count: Int { groups.count }
}

/// The smallest of 1, 2, 2.5, 5 × 10^k that is ≥ x: a colour bar that ends on a round number.
private func niceCeiling(_ x: Double) -> Double {
    guard x > 0 else { return 1 }
    let ticks = niceTicks(in: 0...x, approximately: 5)
    return ticks.last.map { $0 >= x ? $0 : $0 + (ticks.count > 1 ? ticks[1] - ticks[0] : x) } ?? x
}

/// The width explorer: the estimate and the attention matrix for every kernel at every width, one shown at a time.
/// Variant k · widths + i is kernel k at width i. The frame (axes, legend, colour bar) is drawn once, with the
/// training examples and the truth, which do not change.
func widthExplorer(results: [[AttentionPoolingResult]], kernelNames: [String], widths: [String], data: RegressionData,
                   trade: WidthTradeOff, shown: (kernel: Int, width: Int)) throws -> FigureExplorer {
    let keys = data.trainingInputs.count
    func matrix(_ result: AttentionPoolingResult) -> [[Double?]] {
        result.weights.map { row in row.map { $0.map(Optional.some) } ?? Array(repeating: nil, count: keys) }
    }
    let queries = data.validationInputs
    let step = queries.count > 1 ? (queries[queries.count - 1] - queries[0]) / Double(queries.count - 1) : 1
    func heatmap(_ result: AttentionPoolingResult) -> Panel {
        .heatmap(HeatmapPanel(title: "attention weights", values: matrix(result),
                              xLabel: "key i (training inputs, sorted)", yLabel: "query x",
                              columnExtent: -0.5...(Double(keys) - 0.5),
                              rowExtent: (queries[0] - step / 2)...(queries[queries.count - 1] + step / 2)))
    }
    let estimateStyle = SeriesStyle.line(color: .blue, width: 2)
    var frameSeries = [Series(label: "training examples (xᵢ, yᵢ)", xs: data.trainingInputs, ys: data.trainingTargets,
                              style: .markers(color: .grey, radius: 2.6, opacity: 0.55))]
    if let truth = data.validationTruth {
        frameSeries.append(Series(label: "truth 2 sin x + x", xs: queries, ys: truth,
                                  style: .line(color: .vermillion, width: 1.6, dash: .dashed)))
    }
    frameSeries.append(Series(label: "estimate f(q)", xs: [], ys: [], style: estimateStyle))
    // The trade-off panel: every kernel's errors over the widths in grey (they fix the axes), the chosen kernel's in
    // colour with a marker at the chosen width.
    let looStyle = SeriesStyle.line(color: .blue, width: 2)
    let truthStyle = SeriesStyle.line(color: .vermillion, width: 2, dash: .dashed)
    let background = trade.leaveOneOut.indices.flatMap { k in
        [Series(xs: trade.widths, ys: trade.leaveOneOut[k], style: .line(color: .grey, width: 1))]
            + (trade.truth.map { [Series(xs: trade.widths, ys: $0[k], style: .line(color: .grey, width: 1, dash: .dashed))] } ?? [])
    }
    let errorFrame = PlotPanel(
        title: "error over width", xLabel: "σ (log scale)", yLabel: "mean squared error",
        series: background + [Series(label: "leave-one-out MSE", xs: [], ys: [], style: looStyle)]
            + (trade.truth == nil ? [] : [Series(label: "MSE vs truth", xs: [], ys: [], style: truthStyle)])
            + [Series(label: "the width shown", xs: [], ys: [], style: .markers(color: .black, radius: 4))],
        xScale: .log)
    func errorPanel(kernel k: Int, width i: Int) -> Panel {
        var series = [Series(xs: trade.widths, ys: trade.leaveOneOut[k], style: looStyle)]
        var marked = [(trade.widths[i], trade.leaveOneOut[k][i])]
        if let truth = trade.truth {
            series.append(Series(xs: trade.widths, ys: truth[k], style: truthStyle))
            marked.append((trade.widths[i], truth[k][i]))
        }
        let points = marked.compactMap { x, y in y.map { (x, $0) } }
        series.append(Series(xs: points.map(\.0), ys: points.map(\.1), style: .markers(color: .black, radius: 4)))
        return .plot(PlotPanel(series: series))
    }
    // The frame's heatmap is the one with the most undefined cells, so that the legend explains the hatching.
    let all = results.joined()
    let sparsest = all.max { $0.undefinedQueries.count < $1.undefinedQueries.count } ?? results[0][0]
    let frame = Figure(
        id: "width-explorer", title: "Width explorer: Nadaraya–Watson estimates and attention weights",
        description: "Three panels: the estimate at \(queries.count) queries with the training examples; the attention "
            + "matrix (queries down, keys across, white 0 to dark red 1 on a square-root scale); and the leave-one-out "
            + "error" + (trade.truth == nil ? "" : " and the error against the truth") + " over the widths, every kernel's "
            + "in grey and the chosen kernel's in colour, with a marker at the chosen width. A slider chooses one of \(widths.count) "
            + "widths from \(widths.first ?? "") to \(widths.last ?? "") and a list one of the kernels "
            + "\(kernelNames.joined(separator: ", ")); the page shows \(kernelNames[shown.kernel]) at "
            + "\(widths[shown.width]) without a script.",
        panels: [.plot(PlotPanel(title: "estimate", xLabel: "x (query)", yLabel: "y", series: frameSeries)),
                 heatmap(sparsest), .plot(errorFrame)],
        colorScale: ColorScale(domain: 0...1, map: .reds, label: "attention weight", undefinedLabel: "no key in reach",
                               levels: 24, normalization: .squareRoot))
    let variants: [[Panel]] = results.indices.flatMap { k in
        results[k].indices.map { i in
            [.plot(PlotPanel(series: [Series(xs: queries, ys: results[k][i].estimates, style: estimateStyle)])),
             heatmap(results[k][i]), errorPanel(kernel: k, width: i)]
        }
    }
    // What the control beside the slider says for each variant: the width and its errors.
    func errorText(_ value: Double?) -> String { value?.significant ?? "undefined (a point with no key in reach)" }
    let texts: [String] = results.indices.flatMap { k in
        widths.indices.map { i -> String in
            let loo = "\(kernelNames[k]), \(widths[i]): leave-one-out MSE " + errorText(trade.leaveOneOut[k][i])
            guard let truth = trade.truth else { return loo }
            return loo + "; MSE vs truth " + errorText(truth[k][i])
        }
    }
    let shownVariant = shown.kernel * widths.count + shown.width
    let svg = try frame.svg(variants: variants, shown: shownVariant)
    let narrowSVG = try frame.narrow().svg(variants: variants, shown: shownVariant)
    return FigureExplorer(
        name: "width-explorer", svg: svg,
        captionHTML: "Move the width and change the kernel: the estimate, the attention weights and the marker on the "
            + "error curves update at once, and the line above the figure gives the two errors. Too narrow a width "
            + "follows the noise, too wide a one flattens the curve; the error curves show where this kernel's best "
            + "width lies. Every variant was computed by the Swift code when the page was generated.",
        choiceLabel: "Kernel", choices: kernelNames, stepLabel: "Width", steps: widths, variantTexts: texts,
        defaultChoice: shown.kernel, defaultStep: shown.width,
        dataFiles: [DataFileLink(href: "data/width-explorer.csv", label: "width-explorer.csv"),
                    DataFileLink(href: "data/width-explorer-errors.csv", label: "width-explorer-errors.csv")], narrowSVG: narrowSVG)
}

/// The errors behind the width explorer's trade-off panel, kernel by kernel over the widths: the leave-one-out mean
/// squared error on the training pairs, and the error against the truth at the queries (nil without a truth). A
/// value is nil (a gap) where some point had no key in reach.
struct WidthTradeOff {
    let widths: [Double]
    let leaveOneOut: [[Double?]]
    let truth: [[Double?]]?
}
