/// Draws a plot panel's series inside its axes.
///
/// Each line series' group carries the id `lineIDPrefix-SERIES`, so that another layout of the same figure on the
/// same page can show it with `<use>`: the same data on the same axis domains, so one affine map takes the other
/// plotting area onto this one. Its paths keep their stroke width under that map (`vector-effect`).
struct PlotDrawing {
    /// The panel whose series are drawn.
    let panel: PlotPanel
    /// The panel's axes.
    let axes: PanelAxes
    /// The prefix of the ids of the line series' groups.
    let lineIDPrefix: String
    /// When set, line series are shown by reference to another drawing of the same panel: that drawing's id prefix
    /// and plotting area.
    let reused: (prefix: String, area: Rect)?

    /// All series, in order, clipped to the plotting area by the clip path `clipID`.
    func svg(clipID: String) -> String {
        "<g clip-path=\"url(#\(clipID))\">" + panel.series.enumerated().map(draw).joined() + "</g>"
    }

    /// The page positions of a series' points, nil where the point is undefined.
    private func pagePoints(_ series: Series) -> [(x: Double, y: Double)?] {
        zip(series.xs, series.ys).map { x, y in
            guard let y, let pageX = axes.pageX(x), let pageY = axes.pageY(y) else { return nil }
            return (pageX, pageY)
        }
    }

    /// Series number `index`: a group of line pieces (or a reference to another drawing's) or of markers.
    private func draw(_ index: Int, _ series: Series) -> String {
        let points = pagePoints(series)
        switch series.style {
        case .line(let color, let width, let dash):
            let pieces = Self.pieces(points).filter { $0.count > 1 }
            guard !pieces.isEmpty else { return "" }
            if let reused {
                return "<use href=\"#\(reused.prefix)-\(index)\" transform=\"\(Self.transform(from: reused.area, to: axes.area))\"/>"
            }
            var group = "<g id=\"\(lineIDPrefix)-\(index)\" fill=\"none\" stroke=\"\(color.hex)\" "
                + "stroke-width=\"\(svgNumber(width, decimals: 2))\" stroke-linejoin=\"round\" stroke-linecap=\"round\""
            if let dashArray = dash.dashArray(width: width) { group += " stroke-dasharray=\"\(dashArray)\"" }
            return group + ">" + pieces.map { "<path d=\"\(Self.pathData($0))\" vector-effect=\"non-scaling-stroke\"/>" }
                .joined() + "</g>"
        case .markers(let color, let radius, let opacity, let shape):
            let defined = points.compactMap { $0 }
            guard !defined.isEmpty else { return "" }
            var group = "<g fill=\"\(color.hex)\""
            let clamped = min(max(opacity, 0), 1)
            if clamped < 1 { group += " fill-opacity=\"\(svgNumber(clamped, decimals: 2))\"" }
            return group + ">" + defined.map { shape.element(x: $0.x, y: $0.y, radius: radius) }.joined() + "</g>"
        }
    }

    /// The SVG `matrix(…)` that maps rectangle `from` onto rectangle `to`.
    static func transform(from: Rect, to: Rect) -> String {
        let scaleX = to.width / from.width
        let scaleY = to.height / from.height
        return "matrix(\(svgNumber(scaleX, decimals: 5)) 0 0 \(svgNumber(scaleY, decimals: 5)) "
            + "\(svgNumber(to.x - from.x * scaleX, decimals: 2)) \(svgNumber(to.y - from.y * scaleY, decimals: 2)))"
    }

    /// The unbroken runs of defined points, split wherever a point is undefined.
    static func pieces(_ points: [(x: Double, y: Double)?]) -> [[(x: Double, y: Double)]] {
        var pieces: [[(x: Double, y: Double)]] = [[]]
        for point in points {
            if let point {
                pieces[pieces.count - 1].append(point)
            } else if !pieces[pieces.count - 1].isEmpty {
                pieces.append([])
            }
        }
        return pieces.filter { !$0.isEmpty }
    }

    /// `M x y L x y x y …` through the points, skipping points that round to the same position as the last one.
    static func pathData(_ piece: [(x: Double, y: Double)]) -> String {
        var coordinates: [String] = []
        for point in piece {
            let pair = "\(svgNumber(point.x)) \(svgNumber(point.y))"
            if pair != coordinates.last { coordinates.append(pair) }
        }
        let rest = coordinates.dropFirst()
        return "M" + coordinates[0] + (rest.isEmpty ? "" : "L" + rest.joined(separator: " "))
    }
}
