/// A sequential colour map from the unit interval to colours, piecewise linear between evenly spaced anchors.
public enum ColorMap: Sendable, Hashable {
    /// matplotlib's "Reds": near-white (#fff5f0) at 0 to dark red (#67000d) at 1.
    case reds

    /// The anchor colours, evenly spaced from 0 (first) to 1 (last).
    public var anchors: [Color] {
        switch self {
        case .reds:
            return [
                Color(r: 0xff, g: 0xf5, b: 0xf0), Color(r: 0xfe, g: 0xe0, b: 0xd2), Color(r: 0xfc, g: 0xbb, b: 0xa1),
                Color(r: 0xfc, g: 0x92, b: 0x72), Color(r: 0xfb, g: 0x6a, b: 0x4a), Color(r: 0xef, g: 0x3b, b: 0x2c),
                Color(r: 0xcb, g: 0x18, b: 0x1d), Color(r: 0xa5, g: 0x0f, b: 0x15), Color(r: 0x67, g: 0x00, b: 0x0d),
            ]
        }
    }

    /// The colour at `position`, clamped to 0...1; NaN gives the colour at 0.
    public func color(at position: Double) -> Color {
        let stops = anchors
        let t = position.isNaN ? 0 : min(max(position, 0), 1)
        let scaled = t * Double(stops.count - 1)
        let index = min(Int(scaled), stops.count - 2)
        return stops[index].mixed(with: stops[index + 1], fraction: scaled - Double(index))
    }

    /// The colour at `position` quantised to one of `levels` evenly spaced positions (at least 2), so that
    /// neighbouring values share a colour and can be drawn as one shape.
    func quantizedColor(at position: Double, levels: Int = 256) -> Color {
        let steps = Double(max(levels, 2) - 1)
        let t = position.isNaN ? 0 : min(max(position, 0), 1)
        return color(at: (t * steps).rounded() / steps)
    }
}
