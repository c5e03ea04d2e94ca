/// One legend item: a swatch showing how something is drawn, and its text.
struct LegendEntry: Hashable {
    /// What the swatch shows.
    enum Swatch: Hashable {
        /// A short line, or one marker, in the series' style.
        case series(SeriesStyle)
        /// A hatched cell, for undefined heatmap cells.
        case undefinedCells
    }

    /// The text.
    let label: String
    /// The swatch.
    let swatch: Swatch

    /// The figure's entries: each labelled series once (same label and style), in panel and series order, then
    /// undefined heatmap cells if any heatmap has some.
    static func collect(from figure: Figure) -> [LegendEntry] {
        var entries: [LegendEntry] = []
        for case .plot(let plot) in figure.panels {
            for series in plot.series {
                guard let label = series.label, !label.isEmpty else { continue }
                let entry = LegendEntry(label: label, swatch: .series(series.style))
                if !entries.contains(entry) { entries.append(entry) }
            }
        }
        let hasUndefined = figure.panels.contains { panel in
            if case .heatmap(let heatmap) = panel { heatmap.hasUndefinedCells } else { false }
        }
        if hasUndefined, let scale = figure.colorScale {
            entries.append(LegendEntry(label: scale.undefinedLabel, swatch: .undefinedCells))
        }
        return entries
    }
}

/// The legend placed in rows above the panels, right-aligned with the last panel.
struct LegendLayout {
    /// Font size of legend text, px.
    static let fontSize = 11.0
    /// Width of a swatch, px.
    static let swatchWidth = 24.0
    /// Space between a swatch and its text, px.
    static let swatchGap = 5.0
    /// Space between entries in a row, px.
    static let entryGap = 16.0

    /// An entry with its position: the swatch's left end and the row's vertical centre, and the (possibly
    /// shortened) text.
    struct Placed {
        let entry: LegendEntry
        let x: Double
        let y: Double
        let text: String
    }

    /// The placed entries.
    let entries: [Placed]
    /// The number of rows used.
    let rows: Int

    /// Lays `entries` out in as few rows as fit `available` px, each row ending at `right`; the first row's centre
    /// is half a row below `top`.
    init(entries: [LegendEntry], right: Double, available: Double, top: Double) {
        let room = available - Self.swatchWidth - Self.swatchGap
        let texts = entries.map { fitted($0.label, fontSize: Self.fontSize, available: room).text }
        let widths = texts.map { Self.swatchWidth + Self.swatchGap + textWidth($0, fontSize: Self.fontSize) }
        var rowsOfIndices: [[Int]] = []
        var rowWidth = 0.0
        for index in entries.indices {
            if let last = rowsOfIndices.last, !last.isEmpty, rowWidth + Self.entryGap + widths[index] <= available {
                rowsOfIndices[rowsOfIndices.count - 1].append(index)
                rowWidth += Self.entryGap + widths[index]
            } else {
                rowsOfIndices.append([index])
                rowWidth = widths[index]
            }
        }
        var placed: [Placed] = []
        for (row, indices) in rowsOfIndices.enumerated() {
            let total = indices.map { widths[$0] }.reduce(0, +) + Self.entryGap * Double(indices.count - 1)
            var x = right - total
            let y = top + (Double(row) + 0.5) * FigureStyle.legendRowHeight
            for index in indices {
                placed.append(Placed(entry: entries[index], x: x, y: y, text: texts[index]))
                x += widths[index] + Self.entryGap
            }
        }
        self.entries = placed
        self.rows = rowsOfIndices.count
    }

    /// The legend's swatches and texts; empty without entries. Undefined cells use the pattern `hatchID`.
    func svg(hatchID: String) -> String {
        guard !entries.isEmpty else { return "" }
        var svg = "<g font-size=\"\(svgNumber(Self.fontSize))\">"
        for placed in entries {
            svg += swatch(placed, hatchID: hatchID)
            svg += textElement(
                placed.text, x: placed.x + Self.swatchWidth + Self.swatchGap, y: placed.y + 0.35 * Self.fontSize
            )
        }
        return svg + "</g>"
    }

    /// The swatch of one placed entry; undefined cells use the pattern `hatchID`.
    private func swatch(_ placed: Placed, hatchID: String) -> String {
        let middle = placed.x + Self.swatchWidth / 2
        switch placed.entry.swatch {
        case .series(.line(let color, let width, let dash)):
            var line = "<path d=\"M\(svgNumber(placed.x)) \(svgNumber(placed.y))h\(svgNumber(Self.swatchWidth))\" "
                + "stroke=\"\(color.hex)\" stroke-width=\"\(svgNumber(width, decimals: 2))\""
            if let dashArray = dash.dashArray(width: width) { line += " stroke-dasharray=\"\(dashArray)\"" }
            return line + "/>"
        case .series(.markers(let color, let radius, let opacity, let shape)):
            var group = "<g fill=\"\(color.hex)\""
            let clamped = min(max(opacity, 0), 1)
            if clamped < 1 { group += " fill-opacity=\"\(svgNumber(clamped, decimals: 2))\"" }
            return group + ">" + shape.element(x: middle, y: placed.y, radius: radius) + "</g>"
        case .undefinedCells:
            let cell = Rect(x: middle - 7, y: placed.y - 5, width: 14, height: 10)
            return "<rect \(cell.attributes) fill=\"url(#\(hatchID))\" stroke=\"\(UndefinedCells.hatchColor)\" "
                + "stroke-width=\"0.8\"/>"
        }
    }
}
