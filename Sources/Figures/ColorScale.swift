/// How heatmap values become colours, and the colour bar that explains them.
public struct ColorScale: Sendable {
    /// The values mapped to the two ends of the colour map; values outside are clamped. Must be finite and non-empty.
    public var domain: ClosedRange<Double>
    /// The colour map.
    public var map: ColorMap
    /// The colour bar's label, drawn rotated beside it; empty for none. A non-linear `normalization` adds its name
    /// (see `colorBarLabel`).
    public var label: String
    /// The legend text for undefined (nil or non-finite) heatmap cells, shown only when a heatmap has such cells.
    public var undefinedLabel: String
    /// How many distinct colours cells may take, 2 or more: 256 is smooth to the eye; fewer levels merge more
    /// neighbouring cells into one run and make a heatmap's SVG smaller (the width explorer draws a hundred).
    public var levels: Int
    /// How the domain spreads over the map: `.linear`, or `.squareRoot` (any `.power(γ)`) so that small values
    /// next to large ones still get visible colours.
    public var normalization: ColorNormalization

    /// Creates a colour scale; see the properties for the meaning and valid range of each argument.
    public init(domain: ClosedRange<Double>, map: ColorMap = .reds, label: String, undefinedLabel: String = "undefined",
                levels: Int = 256, normalization: ColorNormalization = .linear) {
        self.domain = domain
        self.map = map
        self.label = label
        self.undefinedLabel = undefinedLabel
        self.levels = levels
        self.normalization = normalization
    }

    /// Where `value` falls on the colour map, 0...1: its fraction of `domain`, clamped, through `normalization`.
    /// NaN or a degenerate domain gives 0.
    public func position(for value: Double) -> Double {
        let span = domain.upperBound - domain.lowerBound
        guard span > 0, span.isFinite else { return 0 }
        return normalization.position(ofFraction: (value - domain.lowerBound) / span)
    }

    /// The colour for `value`: the map's colour at `position(for:)`, quantised to `levels` levels.
    /// NaN or a degenerate domain gives the colour at 0.
    public func color(for value: Double) -> Color {
        map.quantizedColor(at: position(for: value), levels: levels)
    }

    /// The colour bar's label: `label`, followed by the normalisation's name in parentheses when it is not linear
    /// ("attention weight (square-root scale)"), or that name alone when `label` is empty.
    public var colorBarLabel: String {
        guard let name = normalization.name else { return label }
        return label.isEmpty ? name : "\(label) (\(name))"
    }
}
