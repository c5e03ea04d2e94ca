/// A panel's plotting area with its two axes: maps data to page positions and draws frame, ticks and tick labels.
struct PanelAxes {
    /// The plotting area.
    let area: Rect
    /// The horizontal axis, left to right.
    let x: Axis
    /// The vertical axis: bottom to top, or top to bottom when `yGrowsDown`.
    let y: Axis
    /// True for image-like panels whose first row is at the top.
    let yGrowsDown: Bool
    /// False hides the y tick labels (the tick marks stay), for panels sharing the leftmost panel's y axis.
    let showsYTickLabels: Bool

    /// The page x of data value `value`, or nil if it cannot be placed.
    func pageX(_ value: Double) -> Double? {
        x.fraction(of: value).map { area.x + $0 * area.width }
    }

    /// The page y of data value `value`, or nil if it cannot be placed.
    func pageY(_ value: Double) -> Double? {
        y.fraction(of: value).map { yGrowsDown ? area.y + $0 * area.height : area.bottom - $0 * area.height }
    }

    /// The frame, outward tick marks and tick labels.
    func svg() -> String {
        let ink = FigureStyle.ink
        let tick = svgNumber(FigureStyle.tickLength)
        let xTicks = x.ticks.compactMap(pageX)
        let yTicks = y.ticks.compactMap(pageY)
        var marks = xTicks.map { "M\(svgNumber($0)) \(svgNumber(area.bottom))v\(tick)" }.joined()
        marks += yTicks.map { "M\(svgNumber(area.x)) \(svgNumber($0))h-\(tick)" }.joined()
        var svg = "<rect \(area.attributes) fill=\"none\" stroke=\"\(ink)\" stroke-width=\"\(FigureStyle.frameWidth)\"/>"
        if !marks.isEmpty {
            svg += "<path d=\"\(marks)\" stroke=\"\(ink)\" stroke-width=\"\(FigureStyle.frameWidth)\"/>"
        }
        let labelOffset = FigureStyle.tickLength + FigureStyle.tickPadding
        let xBaseline = area.bottom + labelOffset + 0.77 * Axis.tickFontSize
        svg += "<g text-anchor=\"middle\">"
        for (label, position) in zip(x.labels, x.ticks.map(pageX)) {
            guard let position else { continue }
            svg += textElement(label, x: position, y: xBaseline)
        }
        svg += "</g>"
        if showsYTickLabels {
            svg += "<g text-anchor=\"end\">"
            for (label, position) in zip(y.labels, y.ticks.map(pageY)) {
                guard let position else { continue }
                svg += textElement(label, x: area.x - labelOffset, y: position + 0.35 * Axis.tickFontSize)
            }
            svg += "</g>"
        }
        return svg
    }
}
