/// How a series is drawn: as a line through its points, or as a marker at each point.
public enum SeriesStyle: Sendable, Hashable {
    /// A line of `width` px (> 0) in `color`, `dash`ed or solid. Undefined points break the line into pieces.
    case line(color: Color, width: Double = 1.5, dash: Dash = .solid)
    /// A marker of `shape` and `radius` px (> 0) at each defined point, filled with `color` at `opacity`
    /// (clamped to 0...1; below 1 overlapping markers stay visible).
    case markers(color: Color, radius: Double = 2.5, opacity: Double = 1, shape: MarkerShape = .circle)
}
