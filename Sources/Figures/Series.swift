/// One data series of a plot panel: paired x and y values and how to draw them.
public struct Series: Sendable {
    /// The legend text; nil or empty keeps the series out of the legend.
    public var label: String?
    /// The x values; must have as many elements as `ys`. Non-finite values make the point undefined.
    public var xs: [Double]
    /// The y values; nil or non-finite (or ≤ 0 on a log axis) makes the point undefined: a line gets a visible gap
    /// there and no marker is drawn.
    public var ys: [Double?]
    /// How the series is drawn.
    public var style: SeriesStyle

    /// Creates a series; `xs` and `ys` must have equal lengths, which `Figure.svg()` checks.
    public init(label: String? = nil, xs: [Double], ys: [Double?], style: SeriesStyle) {
        self.label = label
        self.xs = xs
        self.ys = ys
        self.style = style
    }
}
