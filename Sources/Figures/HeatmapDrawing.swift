/// Draws a heatmap's cells compactly: one path per quantised colour, each run of equal neighbouring cells in a row
/// one stroke segment.
///
/// Defined cells are drawn in a nested `<svg>` whose viewBox is the cell grid (one unit per cell, stretched to the
/// plotting area), so a run is just `M column row h length` with integers, stroked one unit wide. Undefined cells
/// are drawn in page coordinates so their hatch pattern keeps its size.
///
/// The cells' group carries the id `cellsID` and the read-out rectangle `cellsID-readout`, so that another layout of
/// the same figure on the same page (`Figure.narrow()`) can show the cells with `<use>` and point its read-out at the
/// same data instead of repeating them.
struct HeatmapDrawing {
    /// The panel whose values are drawn.
    let panel: HeatmapPanel
    /// The plotting area the cells fill.
    let area: Rect
    /// The colour scale for the values.
    let scale: ColorScale
    /// The id of the group holding the defined cells.
    let cellsID: String
    /// When set, the id of another drawing's cell group with the same panel and scale: its cells are shown by
    /// reference and its read-out data used, rather than drawn again.
    let reusedCellsID: String?

    /// A background rect in the map's lowest colour, the runs of cells of other colours, and the undefined cells
    /// filled with the pattern `hatchID`. Edges are crisp so neighbouring cells show no seams.
    func svg(hatchID: String) -> String {
        let background = scale.map.color(at: 0).hex
        let rows = panel.values.count
        let columns = panel.values[0].count
        var order: [String] = []
        var segments: [String: String] = [:]
        var undefined = ""
        for (row, values) in panel.values.enumerated() {
            for run in Self.runs(values.map(fill)) where run.fill != background {
                if run.fill == Self.undefined {
                    undefined += undefinedRect(row: row, start: run.start, end: run.end, rows: rows, columns: columns)
                    continue
                }
                if segments[run.fill] == nil { order.append(run.fill) }
                segments[run.fill, default: ""] += "M\(run.start) \(row)h\(run.end - run.start)"
            }
        }
        var svg = "<g shape-rendering=\"crispEdges\"><rect \(area.attributes) fill=\"\(background)\"/>"
        if !order.isEmpty {
            svg += "<svg \(area.attributes) viewBox=\"0 -0.5 \(columns) \(rows)\" preserveAspectRatio=\"none\">"
            if let reusedCellsID {
                svg += "<use href=\"#\(reusedCellsID)\"/>"
            } else {
                svg += "<g id=\"\(cellsID)\" fill=\"none\" stroke-width=\"1\">"
                    + order.map { "<path stroke=\"\($0)\" d=\"\(segments[$0] ?? "")\"/>" }.joined() + "</g>"
            }
            svg += "</svg>"
        }
        if !undefined.isEmpty {
            svg += "<path fill=\"url(#\(hatchID))\" d=\"\(undefined)\"/>"
        }
        if let readout = panel.readout {
            svg += readoutRect(readout)
        }
        return svg + "</g>"
    }

    /// A transparent rectangle over the cells carrying what a read-out needs: names, and the values as integers in
    /// thousandths of the colour scale's span (rows separated by `;`, cells by `,`, an undefined cell empty), with the
    /// span's bounds to turn them back into values. These are the real values whatever the normalisation. A drawing
    /// that reuses another's cells names that one's rectangle in `data-readout-from` instead.
    private func readoutRect(_ readout: HeatmapReadout) -> String {
        if let reusedCellsID {
            return "<rect \(area.attributes) fill=\"transparent\" class=\"readout\" "
                + "data-readout-from=\"\(reusedCellsID)-readout\"/>"
        }
        let low = scale.domain.lowerBound
        let span = scale.domain.upperBound - scale.domain.lowerBound
        let values = panel.values.map { row in
            row.map { value -> String in
                guard let value, value.isFinite, span > 0 else { return "" }
                return String(Int(((value - low) / span * 1000).rounded()))
            }.joined(separator: ",")
        }.joined(separator: ";")
        func attribute(_ name: String, _ text: String) -> String { " data-readout-\(name)=\"\(HTML.escape(text))\"" }
        return "<rect \(area.attributes) id=\"\(cellsID)-readout\" fill=\"transparent\" class=\"readout\""
            + attribute("row", readout.rowName) + attribute("rows", readout.rowNames.joined(separator: "|"))
            + attribute("column", readout.columnName) + attribute("columns", readout.columnNames.joined(separator: "|"))
            + attribute("value", readout.valueName)
            + attribute("low", svgNumber(low, decimals: 6)) + attribute("span", svgNumber(span, decimals: 6))
            + attribute("values", values) + "/>"
    }

    /// The fill key of undefined cells.
    static let undefined = "undefined"

    /// A cell's fill: its quantised colour as `#rrggbb`, or `undefined` for nil and non-finite values.
    private func fill(_ value: Double?) -> String {
        guard let value, value.isFinite else { return Self.undefined }
        return scale.color(for: value).hex
    }

    /// The page-coordinate rectangle of columns `start..<end` of `row`, as closed path data.
    private func undefinedRect(row: Int, start: Int, end: Int, rows: Int, columns: Int) -> String {
        let top = area.y + Double(row) * area.height / Double(rows)
        let bottom = area.y + Double(row + 1) * area.height / Double(rows)
        let left = area.x + Double(start) * area.width / Double(columns)
        let right = area.x + Double(end) * area.width / Double(columns)
        return "M\(svgNumber(left)) \(svgNumber(top))H\(svgNumber(right))V\(svgNumber(bottom))H\(svgNumber(left))z"
    }

    /// The maximal runs of equal fills in a row: columns `start..<end` all have `fill`.
    static func runs(_ fills: [String]) -> [(fill: String, start: Int, end: Int)] {
        var runs: [(fill: String, start: Int, end: Int)] = []
        for (column, fill) in fills.enumerated() {
            if let last = runs.last, last.fill == fill {
                runs[runs.count - 1].end = column + 1
            } else {
                runs.append((fill, column, column + 1))
            }
        }
        return runs
    }
}
