import Foundation

/// The vertical colour bar at the right of a row of heatmaps: a gradient strip with ticks and a rotated label.
///
/// The strip runs through the colour map evenly from bottom to top; the ticks sit where their values fall on it
/// (`ColorScale.position(for:)`) and are labelled with the values themselves, so on a square-root scale the tick
/// "0.1" sits about a third of the way up.
struct ColorBar {
    /// Width of the strip, px.
    static let stripWidth = 12.0
    /// Space between the last panel and the strip, px.
    static let gap = 16.0

    /// The tick values and labels, bottom (low) to top (high); its `fraction` is not used, positions come from
    /// the colour scale.
    let axis: Axis
    /// The strip.
    let strip: Rect
    /// The label's lines (none, one, or two when it does not fit the strip's height in one), left to right.
    let labelLines: [(text: String, fontSize: Double)]

    /// Distance between the two lines of a two-line label, px.
    static let lineSpacing = 14.0

    /// The horizontal room the bar needs beside the panels, given its axis and its label's number of lines.
    static func reservedWidth(axis: Axis, labelLines: Int) -> Double {
        gap + stripWidth + FigureStyle.tickLength + FigureStyle.tickPadding + axis.widestLabel
            + (labelLines > 0 ? FigureStyle.rotatedLabelRoom + Double(labelLines - 1) * lineSpacing : 0)
    }

    /// `label` as lines along a strip `length` px tall: none for an empty label, one line if it fits at the label
    /// font size, else two, broken before a parenthesis ("attention weight" / "(square-root scale)") or at the
    /// middle space, each shrunk or shortened only if it still does not fit.
    static func labelLines(_ label: String, length: Double) -> [(text: String, fontSize: Double)] {
        let size = FigureStyle.labelFontSize
        guard !label.isEmpty else { return [] }
        let spaces = label.indices.filter { label[$0] == " " }
        guard textWidth(label, fontSize: size) > length, !spaces.isEmpty else {
            return [fitted(label, fontSize: size, available: length)]
        }
        let middle = label.index(label.startIndex, offsetBy: label.count / 2)
        let parenthesis = label.range(of: " (", options: .backwards)?.lowerBound
        let split = parenthesis ?? spaces.min {
            abs(label.distance(from: $0, to: middle)) < abs(label.distance(from: $1, to: middle))
        }!
        let first = String(label[..<split])
        let second = String(label[label.index(after: split)...])
        return [fitted(first, fontSize: size, available: length), fitted(second, fontSize: size, available: length)]
    }

    /// The ticks of a bar `length` px tall for `scale`: nice linear ticks on a linear scale; on a power scale the
    /// domain's ends and, from the top down, the numbers 1, 2 and 5 × 10^k in between that keep two font heights
    /// from the ticks already placed, each labelled with as few decimals as it needs ("0", "0.02", "0.1", "1").
    static func axis(for scale: ColorScale, length: Double) -> Axis {
        guard case .power = scale.normalization, scale.normalization.name != nil else {
            return Axis.resolve(given: scale.domain, data: [], scale: .linear, length: length, orientation: .vertical)
        }
        let (low, high) = (scale.domain.lowerBound, scale.domain.upperBound)
        let gap = 2 * Axis.tickFontSize
        func height(_ value: Double) -> Double { scale.position(for: value) * length }
        var ticks = [high]
        for value in niceNumbers(between: low, and: high).reversed()
        where height(ticks[ticks.count - 1]) - height(value) >= gap && height(value) - height(low) >= gap {
            ticks.append(value)
        }
        ticks.append(low)
        ticks.reverse()
        return Axis(domain: scale.domain, scale: .linear, ticks: ticks, labels: ticks.map { tickLabels(for: [$0])[0] })
    }

    /// The numbers ±m × 10^k (m = 1, 2, 5) and 0 strictly between `low` and `high`, ascending, down to a millionth of
    /// the span.
    static func niceNumbers(between low: Double, and high: Double) -> [Double] {
        let span = high - low
        guard span > 0, span.isFinite else { return [] }
        let largest = Int(log10(max(abs(low), abs(high))).rounded(.up))
        let smallest = Int(log10(span).rounded(.down)) - 6
        var numbers: [Double] = low < 0 && high > 0 ? [0] : []
        for exponent in smallest...max(smallest, largest) {
            for mantissa in [1.0, 2, 5] {
                let magnitude = exponent < 0 ? mantissa / powerOfTen(-exponent) : mantissa * powerOfTen(exponent)
                numbers += [magnitude, -magnitude].filter { $0 > low && $0 < high }
            }
        }
        return numbers.sorted()
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
        let positions = axis.ticks.map { strip.bottom - scale.position(for: $0) * strip.height }
        var svg = "<g><rect \(strip.attributes) fill=\"url(#\(gradientID))\" stroke=\"\(ink)\" "
            + "stroke-width=\"\(FigureStyle.frameWidth)\"/>"
        let marks = positions.map { "M\(svgNumber(strip.right)) \(svgNumber($0))h\(svgNumber(FigureStyle.tickLength))" }
            .joined()
        if !marks.isEmpty {
            svg += "<path d=\"\(marks)\" stroke=\"\(ink)\" stroke-width=\"\(FigureStyle.frameWidth)\"/>"
        }
        let labelX = strip.right + FigureStyle.tickLength + FigureStyle.tickPadding
        for (label, position) in zip(axis.labels, positions) {
            svg += textElement(label, x: labelX, y: position + 0.35 * Axis.tickFontSize)
        }
        for (number, line) in labelLines.enumerated() {
            svg += textElement(
                line.text, x: labelX + axis.widestLabel + 13 + Double(number) * Self.lineSpacing, y: strip.midY,
                fontSize: line.fontSize, anchor: "middle", rotated: true
            )
        }
        return svg + "</g>"
    }
}
