/// Draws a heatmap's cells compactly: one path per quantised colour, each run of equal neighbouring cells in a row
/// one stroke segment.
///
/// Defined cells are drawn in a nested `<svg>` whose viewBox is the cell grid (one unit per cell, stretched to the
/// plotting area), so a run is just `M column row h length` with integers, stroked one unit wide. Undefined cells
/// are drawn in page coordinates so their hatch pattern keeps its size.
struct HeatmapDrawing {
    /// The panel whose values are drawn.
    let panel: HeatmapPanel
    /// The plotting area the cells fill.
    let area: Rect
    /// The colour scale for the values.
    let scale: ColorScale

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
                + "<g fill=\"none\" stroke-width=\"1\">"
                + order.map { "<path stroke=\"\($0)\" d=\"\(segments[$0] ?? "")\"/>" }.joined()
                + "</g></svg>"
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
    /// span's bounds to turn them back into values.
    private func readoutRect(_ readout: HeatmapReadout) -> String {
        let low = scale.domain.lowerBound
        let span = scale.domain.upperBound - scale.domain.lowerBound
        let values = panel.values.map { row in
            row.map { value -> String in
                guard let value, value.isFinite, span > 0 else { return "" }
                return String(Int(((value - low) / span * 1000).rounded()))
            }.joined(separator: ",")
        }.joined(separator: ";")
        func attribute(_ name: String, _ text: String) -> String { " data-readout-\(name)=\"\(escapeXML(text))\"" }
        return "<rect \(area.attributes) fill=\"transparent\" class=\"readout\""
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
