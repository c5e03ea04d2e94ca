/// Where everything of a figure goes: panel areas, resolved axes, legend, colour bar and the overall size.
///
/// The plotting height follows from the width available per panel; the horizontal room between panels is grown
/// until no tick label can touch a neighbouring panel's.
struct FigureLayout {
    /// viewBox width.
    let width: Double
    /// viewBox height.
    let height: Double
    /// Top of every plotting area.
    let plotTop: Double
    /// Height of every plotting area.
    let plotHeight: Double
    /// Left edge of each panel's plotting area.
    let plotLefts: [Double]
    /// Width of every plotting area.
    let plotWidth: Double
    /// Each panel's horizontal axis.
    let xAxes: [Axis]
    /// Each panel's vertical axis.
    let yAxes: [Axis]
    /// Whether each panel shows y tick labels (and its y label).
    let showsYTickLabels: [Bool]
    /// Room left of each plotting area for y tick labels and the y label (0 when hidden).
    let gutters: [Double]
    /// The widest a centred title or x label may be without reaching a neighbouring panel's.
    let labelRoom: Double
    /// The legend.
    let legend: LegendLayout
    /// The colour bar, when there are heatmaps.
    let colorBar: ColorBar?

    /// Lays out `figure`, which must be valid, with `legendEntries` above the panels.
    /// Throws `FigureError.tooNarrow` when the panels would get less than 40 px of plotting width.
    init(figure: Figure, legend legendEntries: [LegendEntry]) throws(FigureError) {
        let panels = figure.panels
        let count = Double(panels.count)
        let heatmapScale = panels.contains { if case .heatmap = $0 { true } else { false } } ? figure.colorScale : nil
        let estimate = (figure.width - 80 - (heatmapScale == nil ? 0 : 70) - (count - 1) * 24) / count
        guard estimate >= 40 else { throw .tooNarrow(width: figure.width, panels: panels.count) }
        let plotHeight = min(max(estimate * 0.8, 100), 320).rounded()
        let yAxes = Self.verticalAxes(figure: figure, length: plotHeight)
        let shows = panels.indices.map { !figure.sharedYAxis || $0 == 0 }
        let gutters = panels.indices.map { index in
            guard shows[index] else { return 0.0 }
            return FigureStyle.tickLength + FigureStyle.tickPadding + yAxes[index].widestLabel
                + (panels[index].yLabel.isEmpty ? 0 : FigureStyle.rotatedLabelRoom)
        }
        let colorBarAxis = heatmapScale.map {
            Axis.resolve(given: $0.domain, data: [], scale: .linear, length: plotHeight, orientation: .vertical)
        }
        var reserved = 0.0
        if let colorBarAxis, let heatmapScale {
            reserved = ColorBar.reservedWidth(axis: colorBarAxis, labelled: !heatmapScale.label.isEmpty)
        }

        let minimumGaps = gutters.dropFirst().map { max($0 + 10, 20) }
        var gaps = minimumGaps
        var overhangs = (left: 0.0, right: 0.0)
        var plotWidth = 0.0
        var xAxes: [Axis] = []
        for _ in 0..<4 {
            let left = max(gutters[0], overhangs.left) + FigureStyle.margin
            let right = max(reserved, overhangs.right) + FigureStyle.margin
            plotWidth = (figure.width - left - right - gaps.reduce(0, +)) / count
            guard plotWidth >= 40 else { throw .tooNarrow(width: figure.width, panels: panels.count) }
            xAxes = Self.horizontalAxes(figure: figure, length: plotWidth)
            let sticking = xAxes.map { $0.overhangs(length: plotWidth) }
            let neededGaps = minimumGaps.indices.map { max(minimumGaps[$0], sticking[$0].right + sticking[$0 + 1].left + 12) }
            let neededOverhangs = (left: sticking[0].left, right: sticking[sticking.count - 1].right)
            if neededGaps == gaps, neededOverhangs == overhangs { break }
            gaps = zip(gaps, neededGaps).map { max($0, $1) }
            overhangs = (max(overhangs.left, neededOverhangs.left), max(overhangs.right, neededOverhangs.right))
        }
        var plotLefts = [max(gutters[0], overhangs.left) + FigureStyle.margin]
        for gap in gaps { plotLefts.append(plotLefts[plotLefts.count - 1] + plotWidth + gap) }
        let lastRight = plotLefts[plotLefts.count - 1] + plotWidth

        let legend = LegendLayout(
            entries: legendEntries, right: lastRight, available: lastRight - FigureStyle.margin, top: FigureStyle.margin
        )
        let hasTitles = panels.contains { !$0.title.isEmpty }
        let plotTop = FigureStyle.margin + Double(legend.rows) * FigureStyle.legendRowHeight + (hasTitles ? 22 : 8)
        let hasXLabels = panels.contains { !$0.xLabel.isEmpty }

        self.width = figure.width
        self.height = plotTop + plotHeight + (hasXLabels ? 35 : 19) + FigureStyle.margin
        self.plotTop = plotTop
        self.plotHeight = plotHeight
        self.plotLefts = plotLefts
        self.plotWidth = plotWidth
        self.xAxes = xAxes
        self.yAxes = yAxes
        self.showsYTickLabels = shows
        self.gutters = gutters
        self.labelRoom = plotWidth + (gaps.min() ?? 24) - 6
        self.legend = legend
        self.colorBar = colorBarAxis.map {
            ColorBar(axis: $0, strip: Rect(x: lastRight + ColorBar.gap, y: plotTop, width: ColorBar.stripWidth, height: plotHeight))
        }
    }

    /// The plotting area of panel `index`.
    func plotArea(_ index: Int) -> Rect {
        Rect(x: plotLefts[index], y: plotTop, width: plotWidth, height: plotHeight)
    }

    /// Panel `index`'s title above it, x label below it and, when its y tick labels show, its rotated y label.
    func labels(for index: Int, panel: Panel) -> String {
        let area = plotArea(index)
        let size = FigureStyle.labelFontSize
        var svg = ""
        if !panel.title.isEmpty {
            let title = fitted(panel.title, fontSize: size, available: labelRoom)
            svg += textElement(title.text, x: area.midX, y: area.y - 7, fontSize: title.fontSize, anchor: "middle")
        }
        if !panel.xLabel.isEmpty {
            let label = fitted(panel.xLabel, fontSize: size, available: labelRoom)
            svg += textElement(label.text, x: area.midX, y: area.bottom + 31, fontSize: label.fontSize, anchor: "middle")
        }
        if showsYTickLabels[index], !panel.yLabel.isEmpty {
            let label = fitted(panel.yLabel, fontSize: size, available: area.height + 40)
            svg += textElement(
                label.text, x: area.x - gutters[index] + 10, y: area.midY, fontSize: label.fontSize,
                anchor: "middle", rotated: true
            )
        }
        return svg
    }

    /// Each panel's vertical axis: a heatmap's row extent, or for plots their own y domain or data, or with a
    /// shared y axis one axis from the first given y domain (else all plot data) and the first plot's scale.
    private static func verticalAxes(figure: Figure, length: Double) -> [Axis] {
        let plots = figure.panels.compactMap { if case .plot(let plot) = $0 { plot } else { nil } }
        let shared = Axis.resolve(
            given: plots.lazy.compactMap(\.yDomain).first, data: plots.flatMap(yData),
            scale: plots.first?.yScale ?? .linear, length: length, orientation: .vertical
        )
        return figure.panels.map { panel in
            switch panel {
            case .plot(let plot):
                if figure.sharedYAxis { return shared }
                return Axis.resolve(
                    given: plot.yDomain, data: yData(plot), scale: plot.yScale, length: length, orientation: .vertical
                )
            case .heatmap(let heatmap):
                return Axis.resolve(
                    given: heatmap.rowExtent, data: [], scale: .linear, length: length, orientation: .vertical
                )
            }
        }
    }

    /// Each panel's horizontal axis: a plot's x domain or data, a heatmap's column extent.
    private static func horizontalAxes(figure: Figure, length: Double) -> [Axis] {
        figure.panels.map { panel in
            switch panel {
            case .plot(let plot):
                let data = plot.series.flatMap { $0.xs.filter(\.isFinite) }
                return Axis.resolve(
                    given: plot.xDomain, data: data, scale: plot.xScale, length: length, orientation: .horizontal
                )
            case .heatmap(let heatmap):
                return Axis.resolve(
                    given: heatmap.columnExtent, data: [], scale: .linear, length: length, orientation: .horizontal
                )
            }
        }
    }

    /// The finite y values of a plot's series.
    private static func yData(_ plot: PlotPanel) -> [Double] {
        plot.series.flatMap { $0.ys.compactMap { $0 }.filter(\.isFinite) }
    }
}
