/// Where everything of a figure goes: panel areas, resolved axes, legend, colour bars and the overall size.
///
/// Panels fill a grid of `Figure.columns` columns (one row of all of them by default), left to right and then down.
/// The plotting height follows from the width available per panel; the horizontal room between columns is grown
/// until no tick label can touch a neighbouring panel's. Every row holding a heatmap gets its own colour bar at the
/// right, so that a reader of a one-column layout on a phone has the scale beside each panel.
struct FigureLayout {
    /// viewBox width.
    let width: Double
    /// viewBox height.
    let height: Double
    /// Top of each row's plotting areas.
    let plotTops: [Double]
    /// Height of every plotting area.
    let plotHeight: Double
    /// Left edge of each column's plotting areas.
    let plotLefts: [Double]
    /// Width of every plotting area.
    let plotWidth: Double
    /// The number of columns.
    let columns: Int
    /// Each panel's horizontal axis.
    let xAxes: [Axis]
    /// Each panel's vertical axis.
    let yAxes: [Axis]
    /// Whether each panel shows y tick labels (and its y label).
    let showsYTickLabels: [Bool]
    /// Room left of each panel's plotting area for y tick labels and the y label (0 when hidden).
    let gutters: [Double]
    /// The widest a centred title or x label may be without reaching a neighbouring panel's.
    let labelRoom: Double
    /// The legend.
    let legend: LegendLayout
    /// The colour bars, one per row with a heatmap, top to bottom.
    let colorBars: [ColorBar]

    /// Lays out `figure`, which must be valid, with `legendEntries` above the panels.
    /// Throws `FigureError.tooNarrow` when the panels would get less than 40 px of plotting width.
    init(figure: Figure, legend legendEntries: [LegendEntry]) throws(FigureError) {
        let panels = figure.panels
        let columns = min(max(figure.columns ?? panels.count, 1), panels.count)
        let rows = (panels.count + columns - 1) / columns
        func column(_ index: Int) -> Int { index % columns }
        func row(_ index: Int) -> Int { index / columns }
        let count = Double(columns)
        let isHeatmap = panels.map { if case .heatmap = $0 { true } else { false } }
        let heatmapScale = isHeatmap.contains(true) ? figure.colorScale : nil
        let estimate = (figure.width - 80 - (heatmapScale == nil ? 0 : 70) - (count - 1) * 24) / count
        guard estimate >= 40 else { throw .tooNarrow(width: figure.width, panels: panels.count) }
        let plotHeight = min(max(estimate * 0.8, 100), 320).rounded()
        let yAxes = Self.verticalAxes(figure: figure, length: plotHeight)
        let shows = panels.indices.map { !figure.sharedYAxis || column($0) == 0 }
        let gutters = panels.indices.map { index in
            guard shows[index] else { return 0.0 }
            return FigureStyle.tickLength + FigureStyle.tickPadding + yAxes[index].widestLabel
                + (panels[index].yLabel.isEmpty ? 0 : FigureStyle.rotatedLabelRoom)
        }
        let columnGutters = (0..<columns).map { c in panels.indices.filter { column($0) == c }.map { gutters[$0] }.max() ?? 0 }
        var reserved = 0.0
        var colorBarAxis: Axis?
        var colorBarLabel: [(text: String, fontSize: Double)] = []
        if let heatmapScale {
            let axis = ColorBar.axis(for: heatmapScale, length: plotHeight)
            colorBarLabel = ColorBar.labelLines(heatmapScale.colorBarLabel, length: plotHeight)
            reserved = ColorBar.reservedWidth(axis: axis, labelLines: colorBarLabel.count)
            colorBarAxis = axis
        }

        let minimumGaps = columnGutters.dropFirst().map { max($0 + 10, 20) }
        var gaps = minimumGaps
        var overhangs = (left: 0.0, right: 0.0)
        var plotWidth = 0.0
        var xAxes: [Axis] = []
        for _ in 0..<4 {
            let left = max(columnGutters[0], overhangs.left) + FigureStyle.margin
            let right = max(reserved, overhangs.right) + FigureStyle.margin
            plotWidth = (figure.width - left - right - gaps.reduce(0, +)) / count
            guard plotWidth >= 40 else { throw .tooNarrow(width: figure.width, panels: panels.count) }
            xAxes = Self.horizontalAxes(figure: figure, length: plotWidth)
            let sticking = xAxes.map { $0.overhangs(length: plotWidth) }
            let neededGaps = minimumGaps.indices.map { c in
                panels.indices.filter { column($0) == c && $0 + 1 < panels.count }
                    .map { sticking[$0].right + sticking[$0 + 1].left + 12 }
                    .reduce(minimumGaps[c], max)
            }
            let neededOverhangs = (
                left: panels.indices.filter { column($0) == 0 }.map { sticking[$0].left }.max() ?? 0,
                right: panels.indices.filter { column($0) == columns - 1 }.map { sticking[$0].right }.max() ?? 0
            )
            if neededGaps == gaps, neededOverhangs == overhangs { break }
            gaps = zip(gaps, neededGaps).map { max($0, $1) }
            overhangs = (max(overhangs.left, neededOverhangs.left), max(overhangs.right, neededOverhangs.right))
        }
        var plotLefts = [max(columnGutters[0], overhangs.left) + FigureStyle.margin]
        for gap in gaps { plotLefts.append(plotLefts[plotLefts.count - 1] + plotWidth + gap) }
        let lastRight = plotLefts[plotLefts.count - 1] + plotWidth

        let legend = LegendLayout(
            entries: legendEntries, right: lastRight, available: lastRight - FigureStyle.margin, top: FigureStyle.margin
        )
        let above = panels.contains { !$0.title.isEmpty } ? 22.0 : 8.0
        let below = panels.contains { !$0.xLabel.isEmpty } ? 35.0 : 19.0
        let firstTop = FigureStyle.margin + Double(legend.rows) * FigureStyle.legendRowHeight + above
        // Rows keep a little air between one row's x labels and the next row's titles.
        let plotTops = (0..<rows).map { firstTop + Double($0) * (plotHeight + below + above + Self.rowGap) }

        self.width = figure.width
        self.height = plotTops[rows - 1] + plotHeight + below + FigureStyle.margin
        self.plotTops = plotTops
        self.plotHeight = plotHeight
        self.plotLefts = plotLefts
        self.plotWidth = plotWidth
        self.columns = columns
        self.xAxes = xAxes
        self.yAxes = yAxes
        self.showsYTickLabels = shows
        self.gutters = gutters
        self.labelRoom = plotWidth + (gaps.min() ?? 24) - 6
        self.legend = legend
        self.colorBars = colorBarAxis.map { axis in
            (0..<rows).filter { r in panels.indices.contains { row($0) == r && isHeatmap[$0] } }.map { r in
                ColorBar(axis: axis, strip: Rect(x: lastRight + ColorBar.gap, y: plotTops[r], width: ColorBar.stripWidth,
                                                 height: plotHeight), labelLines: colorBarLabel)
            }
        } ?? []
    }

    /// Extra space between rows of panels, px.
    static let rowGap = 14.0

    /// The plotting area of panel `index`.
    func plotArea(_ index: Int) -> Rect {
        Rect(x: plotLefts[index % columns], y: plotTops[index / columns], width: plotWidth, height: plotHeight)
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
