/// The vertical colour bar at the right of a figure with heatmaps: a gradient strip with ticks and a rotated label.
struct ColorBar {
    /// Width of the strip, px.
    static let stripWidth = 12.0
    /// Space between the last panel and the strip, px.
    static let gap = 16.0

    /// The colour scale's axis, bottom (low) to top (high).
    let axis: Axis
    /// The strip.
    let strip: Rect

    /// The horizontal room the bar needs beside the panels, given its axis and whether it has a label.
    static func reservedWidth(axis: Axis, labelled: Bool) -> Double {
        gap + stripWidth + FigureStyle.tickLength + FigureStyle.tickPadding + axis.widestLabel
            + (labelled ? FigureStyle.rotatedLabelRoom : 0)
    }

    /// A vertical `<linearGradient>` with the given id through the map's anchors, low at the bottom.
    static func gradientDefinition(map: ColorMap, id: String) -> String {
        let anchors = map.anchors
        var gradient = "<linearGradient id=\"\(id)\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">"
        for (index, color) in anchors.enumerated() {
            let offset = svgNumber(100 * Double(index) / Double(anchors.count - 1))
            gradient += "<stop offset=\"\(offset)%\" stop-color=\"\(color.hex)\"/>"
        }
        return gradient + "</linearGradient>"
    }

    /// The strip filled with gradient `gradientID`, its frame, ticks, tick labels and the scale's rotated label.
    func svg(scale: ColorScale, gradientID: String) -> String {
        let ink = FigureStyle.ink
        let positions = axis.ticks.map { axis.fraction(of: $0).map { strip.bottom - $0 * strip.height } }
        var svg = "<g><rect \(strip.attributes) fill=\"url(#\(gradientID))\" stroke=\"\(ink)\" "
            + "stroke-width=\"\(FigureStyle.frameWidth)\"/>"
        let marks = positions.compactMap { $0 }
            .map { "M\(svgNumber(strip.right)) \(svgNumber($0))h\(svgNumber(FigureStyle.tickLength))" }.joined()
        if !marks.isEmpty {
            svg += "<path d=\"\(marks)\" stroke=\"\(ink)\" stroke-width=\"\(FigureStyle.frameWidth)\"/>"
        }
        let labelX = strip.right + FigureStyle.tickLength + FigureStyle.tickPadding
        for (label, position) in zip(axis.labels, positions) {
            guard let position else { continue }
            svg += textElement(label, x: labelX, y: position + 0.35 * Axis.tickFontSize)
        }
        if !scale.label.isEmpty {
            let text = fitted(scale.label, fontSize: FigureStyle.labelFontSize, available: strip.height)
            svg += textElement(
                text.text, x: labelX + axis.widestLabel + 13, y: strip.midY, fontSize: text.fontSize,
                anchor: "middle", rotated: true
            )
        }
        return svg + "</g>"
    }
}
