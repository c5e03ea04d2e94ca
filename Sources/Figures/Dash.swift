/// The stroke pattern of a line.
public enum Dash: Sendable, Hashable {
    /// An unbroken line.
    case solid
    /// A dashed line; dash and gap lengths scale with the line width, like matplotlib's "--".
    case dashed

    /// The SVG `stroke-dasharray` value for a line of `width` px, or nil for a solid line.
    func dashArray(width: Double) -> String? {
        switch self {
        case .solid: return nil
        case .dashed: return "\(svgNumber(3.7 * width)) \(svgNumber(1.6 * width))"
        }
    }
}
