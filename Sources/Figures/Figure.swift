/// Equally wide panels — in one row, or in a grid of `columns` — drawn as one accessible, self-contained inline SVG.
///
/// The SVG has no XML prolog, scripts, fonts or external resources; text sets sizes (11–12 px) but no family, so it
/// inherits the page's font. It scales to its container's width (up to `width` px) through its viewBox.
public struct Figure: Sendable {
    /// Unique on the page; prefixes every id in the SVG (`ID-title`, `ID-desc`, clip paths, patterns, gradients).
    /// Must start with an ASCII letter and use only ASCII letters, digits, `-` and `_`.
    public var id: String
    /// The accessible title (the SVG `<title>`).
    public var title: String
    /// The accessible description of what the data shows (the SVG `<desc>`).
    public var description: String
    /// The panels, left to right (in rows of `columns`, top to bottom), with equal plotting widths; at least one.
    public var panels: [Panel]
    /// How many panels go side by side before the next row starts; nil (the default) puts all in one row. Values
    /// below 1 count as 1, above the number of panels as that number.
    public var columns: Int?
    /// When true, y tick labels and the y label appear on the leftmost panel of each row only (the others keep tick marks),
    /// and all plot panels share one y domain (see `PlotPanel.yDomain`). Heatmaps keep their own row extents.
    public var sharedYAxis: Bool
    /// The colour scale for the heatmaps, required when there are any; one colour bar is drawn at the right of
    /// every row that has a heatmap. Ignored (and no colour bar drawn) when there are no heatmaps.
    public var colorScale: ColorScale?
    /// The figure whose heatmap cells, read-outs and lines this one shows by reference (set by `narrow()`).
    var original: Original?

    /// The id, width and columns of the figure a narrow layout was made from, enough to lay that one out again.
    struct Original {
        let id: String
        let width: Double
        let columns: Int?
    }
    /// The viewBox width, px; each panel needs at least about 40 px of plotting width. The height follows from it.
    public var width: Double

    /// Creates a figure; see the properties for the meaning and valid range of each argument.
    public init(
        id: String, title: String, description: String, panels: [Panel], sharedYAxis: Bool = false,
        colorScale: ColorScale? = nil, width: Double = 960, columns: Int? = nil
    ) {
        self.columns = columns
        self.id = id
        self.title = title
        self.description = description
        self.panels = panels
        self.sharedYAxis = sharedYAxis
        self.colorScale = colorScale
        self.width = width
    }

    /// The same figure laid out for a phone: its panels in `columns` columns (one by default, each then with its
    /// own y tick labels and colour bar), `width` px wide (340 fits a 375 px screen at about its natural size), and
    /// every id prefixed `ID-narrow` so that both layouts can sit on one page, one of them hidden by CSS.
    ///
    /// The narrow SVG does not repeat the heatmaps' cells and read-out data, nor the paths of line series: it shows
    /// this figure's with `<use>` (lines moved and scaled into place, their strokes kept at their width by
    /// `vector-effect`) and `data-readout-from`, so it must go on the same page as this figure's SVG (drawn with the
    /// same variants), which may be hidden. Markers, axes, labels and legends are drawn anew.
    public func narrow(width: Double = 340, columns: Int = 1) -> Figure {
        var narrow = self
        narrow.id = "\(id)-narrow"
        narrow.original = original ?? Original(id: id, width: self.width, columns: self.columns)
        narrow.width = width
        narrow.columns = columns
        return narrow
    }

    /// The figure as an `<svg>` element. The same figure always gives the same bytes.
    /// Throws `FigureError` when the input is inconsistent (see its cases).
    public func svg() throws(FigureError) -> String {
        try validate()
        let legend = LegendEntry.collect(from: self)
        let layout = try FigureLayout(figure: self, legend: legend)
        let originalLayout = try self.originalLayout()
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(svgNumber(layout.width)) "
            + "\(svgNumber(layout.height))\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" "
            + "style=\"width:100%;max-width:\(svgNumber(layout.width))px;height:auto\" font-size=\"11\" "
            + "fill=\"\(FigureStyle.ink)\">"
        svg += "<title id=\"\(id)-title\">\(HTML.escape(title))</title>"
        svg += "<desc id=\"\(id)-desc\">\(HTML.escape(description))</desc>"
        svg += definitions(layout: layout)
        for (index, panel) in panels.enumerated() {
            svg += drawPanel(panel, index: index, layout: layout, originalLayout: originalLayout)
        }
        svg += layout.legend.svg(hatchID: "\(id)-hatch")
        if let colorScale {
            for colorBar in layout.colorBars {
                svg += colorBar.svg(scale: colorScale, gradientID: "\(id)-colorbar")
            }
        }
        return svg + "</svg>"
    }

    /// The figure with several versions of its data, one shown at a time: an explorer a page's script can switch.
    ///
    /// The frame — axes, ticks, titles, labels, legend, colour bar — is drawn once from `panels`, which should have
    /// fixed domains so that every variant fits them. Each variant is a list of panels matching `panels` one for one
    /// (plot for plot, heatmap for heatmap) whose *data* is drawn in `<g data-variant="i">`; all but `shown` carry
    /// `display="none"`, so without a script the page shows variant `shown`. Series drawn by `panels` itself stay
    /// visible under every variant (training points, say); give a labelled series with no points to put a variant's
    /// series in the legend.
    /// - Throws: `FigureError` as `svg()` does, `.noSuchVariant` for an empty list or a `shown` out of range, and
    ///   `.variantMismatch` for a variant whose panels do not match.
    public func svg(variants: [[Panel]], shown: Int) throws(FigureError) -> String {
        guard variants.indices.contains(shown) else { throw .noSuchVariant(shown) }
        for (number, variant) in variants.enumerated() {
            guard variant.count == panels.count, zip(variant, panels).allSatisfy({ $0.isSameKind(as: $1) }) else {
                throw .variantMismatch(variant: number)
            }
            var copy = self
            copy.panels = variant
            try copy.validate()
        }
        let frame = try svg()
        let layout = try FigureLayout(figure: self, legend: LegendEntry.collect(from: self))
        let originalLayout = try self.originalLayout()
        var layers = ""
        for (number, variant) in variants.enumerated() {
            layers += "<g data-variant=\"\(number)\"" + (number == shown ? "" : " display=\"none\"") + ">"
            for (index, panel) in variant.enumerated() {
                layers += drawData(panel, index: index, variant: number, layout: layout, originalLayout: originalLayout)
            }
            layers += "</g>"
        }
        // The layers go just before the closing tag, above the frame's own data and below nothing but the end.
        return String(frame.dropLast("</svg>".count)) + layers + "</svg>"
    }

    /// The `<defs>`: one clip path per plot panel, the hatch pattern for undefined heatmap cells and the colour
    /// bar's gradient, each only when used.
    private func definitions(layout: FigureLayout) -> String {
        var defs = ""
        for (index, panel) in panels.enumerated() {
            guard case .plot = panel else { continue }
            let area = layout.plotArea(index)
            defs += "<clipPath id=\"\(id)-clip-\(index)\"><rect x=\"\(svgNumber(area.x))\" y=\"\(svgNumber(area.y))\" "
                + "width=\"\(svgNumber(area.width))\" height=\"\(svgNumber(area.height))\"/></clipPath>"
        }
        if layout.legend.entries.contains(where: { $0.entry.swatch == .undefinedCells }) {
            defs += UndefinedCells.patternDefinition(id: "\(id)-hatch")
        }
        if !layout.colorBars.isEmpty, let colorScale {
            defs += ColorBar.gradientDefinition(map: colorScale.map, id: "\(id)-colorbar")
        }
        return defs.isEmpty ? "" : "<defs>\(defs)</defs>"
    }

    /// The layout of the figure this one was made from by `narrow()`, nil for an original.
    func originalLayout() throws(FigureError) -> FigureLayout? {
        guard let original else { return nil }
        var figure = self
        (figure.id, figure.width, figure.columns, figure.original) = (original.id, original.width, original.columns, nil)
        return try FigureLayout(figure: figure, legend: LegendEntry.collect(from: figure))
    }

    /// A panel's data alone — its series or its heatmap cells — in the panel's place of `layout`; with the original's
    /// layout, by reference to the original's drawing where it can.
    private func drawData(_ panel: Panel, index: Int, variant: Int? = nil, layout: FigureLayout,
                          originalLayout: FigureLayout?) -> String {
        let place = (variant.map { "\($0)-" } ?? "") + "\(index)"
        switch panel {
        case .plot(let plot):
            let axes = PanelAxes(area: layout.plotArea(index), x: layout.xAxes[index], y: layout.yAxes[index],
                                 yGrowsDown: false, showsYTickLabels: layout.showsYTickLabels[index])
            let reused = original.flatMap { original in
                originalLayout.map { (prefix: "\(original.id)-line-\(place)", area: $0.plotArea(index)) }
            }
            return PlotDrawing(panel: plot, axes: axes, lineIDPrefix: "\(id)-line-\(place)", reused: reused)
                .svg(clipID: "\(id)-clip-\(index)")
        case .heatmap(let heatmap):
            guard let colorScale else { return "" }
            return HeatmapDrawing(panel: heatmap, area: layout.plotArea(index), scale: colorScale,
                                  cellsID: "\(id)-cells-\(place)", reusedCellsID: original.map { "\($0.id)-cells-\(place)" })
                .svg(hatchID: "\(id)-hatch")
        }
    }

    /// One panel: its data, frame, ticks, tick labels, title and axis labels, as a `<g>`.
    private func drawPanel(_ panel: Panel, index: Int, layout: FigureLayout, originalLayout: FigureLayout?) -> String {
        let area = layout.plotArea(index)
        let axes = PanelAxes(
            area: area, x: layout.xAxes[index], y: layout.yAxes[index],
            yGrowsDown: { if case .heatmap = panel { return true } else { return false } }(),
            showsYTickLabels: layout.showsYTickLabels[index]
        )
        var group = "<g>" + drawData(panel, index: index, layout: layout, originalLayout: originalLayout)
        group += axes.svg()
        group += layout.labels(for: index, panel: panel)
        return group + "</g>"
    }
}
