/// The shape of a scatter marker.
public enum MarkerShape: Sendable, Hashable {
    /// A disc of the marker's radius.
    case circle
    /// An axis-aligned square whose half-side is the marker's radius.
    case square
    /// An upward triangle inscribed in a circle of 1.3 × the marker's radius (so its area is close to the circle's).
    case triangle

    /// One SVG element drawing this shape centred at (`x`, `y`) with the given `radius`; fill is inherited.
    func element(x: Double, y: Double, radius: Double) -> String {
        switch self {
        case .circle:
            return "<circle cx=\"\(svgNumber(x))\" cy=\"\(svgNumber(y))\" r=\"\(svgNumber(radius))\"/>"
        case .square:
            return "<rect x=\"\(svgNumber(x - radius))\" y=\"\(svgNumber(y - radius))\" "
                + "width=\"\(svgNumber(2 * radius))\" height=\"\(svgNumber(2 * radius))\"/>"
        case .triangle:
            let r = 1.3 * radius
            let half = r * 0.866
            return "<path d=\"M\(svgNumber(x)) \(svgNumber(y - r))L\(svgNumber(x + half)) \(svgNumber(y + r / 2)) "
                + "\(svgNumber(x - half)) \(svgNumber(y + r / 2))z\"/>"
        }
    }
}
