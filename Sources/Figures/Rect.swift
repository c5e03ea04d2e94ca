/// An axis-aligned rectangle in SVG user units (y grows downwards).
struct Rect {
    /// Left edge.
    var x: Double
    /// Top edge.
    var y: Double
    /// Width, ≥ 0.
    var width: Double
    /// Height, ≥ 0.
    var height: Double

    /// Right edge.
    var right: Double { x + width }
    /// Bottom edge.
    var bottom: Double { y + height }
    /// Horizontal centre.
    var midX: Double { x + width / 2 }
    /// Vertical centre.
    var midY: Double { y + height / 2 }

    /// The rectangle as `x`, `y`, `width` and `height` attributes.
    var attributes: String {
        "x=\"\(svgNumber(x))\" y=\"\(svgNumber(y))\" width=\"\(svgNumber(width))\" height=\"\(svgNumber(height))\""
    }
}
