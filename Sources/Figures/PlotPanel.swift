/// A panel of lines and markers on x–y axes.
public struct PlotPanel: Sendable {
    /// The title drawn above the panel; empty for none. Shrunk (down to 8 px) or cut with "…" to fit the panel.
    public var title: String
    /// The x-axis label drawn below the tick labels; empty for none.
    public var xLabel: String
    /// The y-axis label drawn rotated at the left; nil or empty for none. With a shared y axis only the leftmost
    /// panel's label is drawn.
    public var yLabel: String?
    /// The series, drawn in order (later ones on top) and clipped to the plotting area.
    public var series: [Series]
    /// The x range shown; nil means the data's range widened to the nearest nice ticks. Bounds must be finite,
    /// distinct, and positive on a log axis.
    public var xDomain: ClosedRange<Double>?
    /// The y range shown, with the same rules as `xDomain`. With a shared y axis, the first plot panel that sets
    /// one decides for all; if none does, the data of all plot panels decides.
    public var yDomain: ClosedRange<Double>?
    /// The x-axis scale.
    public var xScale: AxisScale
    /// The y-axis scale. With a shared y axis, the first plot panel's scale applies to all.
    public var yScale: AxisScale

    /// Creates a plot panel; see the properties for the meaning and valid range of each argument.
    public init(
        title: String = "", xLabel: String = "", yLabel: String? = nil, series: [Series],
        xDomain: ClosedRange<Double>? = nil, yDomain: ClosedRange<Double>? = nil,
        xScale: AxisScale = .linear, yScale: AxisScale = .linear
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.xDomain = xDomain
        self.yDomain = yDomain
        self.xScale = xScale
        self.yScale = yScale
    }
}
