/// How heatmap values become colours, and the single colour bar that explains them.
public struct ColorScale: Sendable {
    /// The values mapped to the two ends of the colour map; values outside are clamped. Must be finite and non-empty.
    public var domain: ClosedRange<Double>
    /// The colour map.
    public var map: ColorMap
    /// The colour bar's label, drawn rotated beside it; empty for none.
    public var label: String
    /// The legend text for undefined (nil or non-finite) heatmap cells, shown only when a heatmap has such cells.
    public var undefinedLabel: String
    /// How many distinct colours cells may take, 2 or more: 256 is smooth to the eye; fewer levels merge more
    /// neighbouring cells into one run and make a heatmap's SVG smaller (the width explorer draws a hundred).
    public var levels: Int

    /// Creates a colour scale; see the properties for the meaning and valid range of each argument.
    public init(domain: ClosedRange<Double>, map: ColorMap = .reds, label: String, undefinedLabel: String = "undefined",
                levels: Int = 256) {
        self.domain = domain
        self.map = map
        self.label = label
        self.undefinedLabel = undefinedLabel
        self.levels = levels
    }

    /// The colour for `value`: normalised by `domain`, clamped to the map's ends and quantised to `levels` levels.
    /// NaN or a degenerate domain gives the colour at 0.
    public func color(for value: Double) -> Color {
        let span = domain.upperBound - domain.lowerBound
        guard span > 0, span.isFinite else { return map.color(at: 0) }
        return map.quantizedColor(at: (value - domain.lowerBound) / span, levels: levels)
    }
}
