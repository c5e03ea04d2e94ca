import Foundation

/// A resolved axis: the range it shows, its scale, and the ticks with their labels.
struct Axis {
    /// Which way the axis runs on the page; decides how much room tick labels need.
    enum Orientation {
        case horizontal, vertical
    }

    /// Font size of tick labels, px.
    static let tickFontSize = 11.0

    /// The range shown, from one end of the axis to the other.
    let domain: ClosedRange<Double>
    /// How values map to positions.
    let scale: AxisScale
    /// Tick positions, inside `domain`, ascending.
    let ticks: [Double]
    /// One label per tick.
    let labels: [String]

    /// Where `value` falls along the axis: 0 at the domain's lower bound, 1 at its upper bound, outside 0...1
    /// beyond them; nil for non-finite values and, on a log axis, values ≤ 0.
    func fraction(of value: Double) -> Double? {
        guard value.isFinite else { return nil }
        switch scale {
        case .linear:
            return (value - domain.lowerBound) / (domain.upperBound - domain.lowerBound)
        case .log:
            guard value > 0 else { return nil }
            return (log10(value) - log10(domain.lowerBound)) / (log10(domain.upperBound) - log10(domain.lowerBound))
        }
    }

    /// The widest tick label, px.
    var widestLabel: Double {
        labels.map { textWidth($0, fontSize: Axis.tickFontSize) }.max() ?? 0
    }

    /// How far the first and last tick labels of a horizontal axis `length` px long stick out past its ends, px.
    func overhangs(length: Double) -> (left: Double, right: Double) {
        guard let first = ticks.first, let last = ticks.last,
              let firstAt = fraction(of: first), let lastAt = fraction(of: last) else { return (0, 0) }
        let firstHalf = textWidth(labels[0], fontSize: Axis.tickFontSize) / 2
        let lastHalf = textWidth(labels[labels.count - 1], fontSize: Axis.tickFontSize) / 2
        return (max(0, firstHalf - firstAt * length), max(0, lastHalf - (1 - lastAt) * length))
    }

    /// Resolves an axis `length` px long showing `given`, or when nil the range of `data` (finite values, and
    /// positive ones on a log axis) widened to nice ticks, or 0...1 (1...10 on a log axis) without data. Uses as
    /// many ticks as fit without their labels touching. `given` must already be validated.
    static func resolve(
        given: ClosedRange<Double>?, data: [Double], scale: AxisScale, length: Double, orientation: Orientation
    ) -> Axis {
        let spacing = orientation == .horizontal ? 45.0 : 30.0
        var fallback: Axis?
        for count in stride(from: max(2, Int(length / spacing)), through: 2, by: -1) {
            let axis = scale == .linear
                ? linear(given: given, data: data, count: count)
                : logarithmic(given: given, data: data, count: count)
            if axis.labelsFit(length: length, orientation: orientation) { return axis }
            fallback = axis
        }
        return fallback ?? linear(given: given, data: data, count: 2)
    }

    /// True when neighbouring tick labels keep a small gap between them.
    private func labelsFit(length: Double, orientation: Orientation) -> Bool {
        let positions = ticks.compactMap { fraction(of: $0) }.map { $0 * length }
        let needed = orientation == .horizontal ? widestLabel + 8 : Axis.tickFontSize + 4
        return zip(positions, positions.dropFirst()).allSatisfy { $1 - $0 >= needed }
    }

    /// A linear axis with about `count` tick steps.
    private static func linear(given: ClosedRange<Double>?, data: [Double], count: Int) -> Axis {
        let domain: ClosedRange<Double>
        if let given {
            domain = given
        } else {
            var low = data.min() ?? 0
            var high = data.max() ?? 1
            if low == high {
                let pad = low == 0 ? 1 : abs(low) * 0.1
                low -= pad
                high += pad
            }
            // Like matplotlib's default margins: 5 % of the span on either side, so that no point sits on the
            // frame (where the clip would cut a marker in half); the ticks are nice numbers inside.
            let margin = 0.05 * (high - low)
            domain = (low - margin)...(high + margin)
        }
        let ticks = niceTicks(in: domain, approximately: count)
        return Axis(domain: domain, scale: .linear, ticks: ticks, labels: tickLabels(for: ticks))
    }

    /// A log axis with a tick at every k-th power of ten so there are at most about `count` of them, or linear
    /// nice ticks when the domain spans less than one power of ten.
    private static func logarithmic(given: ClosedRange<Double>?, data: [Double], count: Int) -> Axis {
        let domain: ClosedRange<Double>
        if let given {
            domain = given
        } else {
            let positive = data.filter { $0 > 0 }
            let low = Int(log10(positive.min() ?? 1).rounded(.down))
            let high = Int(log10(positive.max() ?? 10).rounded(.up))
            domain = high > low ? powerOfTen(low)...powerOfTen(high) : powerOfTen(low - 1)...powerOfTen(high + 1)
        }
        let lowest = Int((log10(domain.lowerBound) - 1e-9).rounded(.up))
        let highest = Int((log10(domain.upperBound) + 1e-9).rounded(.down))
        guard highest > lowest else {
            let ticks = niceTicks(in: domain, approximately: count)
            return Axis(domain: domain, scale: .log, ticks: ticks, labels: tickLabels(for: ticks))
        }
        let every = Int((Double(highest - lowest + 1) / Double(count + 1)).rounded(.up))
        let exponents = Array(stride(from: lowest, through: highest, by: max(every, 1)))
        return Axis(
            domain: domain, scale: .log,
            ticks: exponents.map(powerOfTen), labels: exponents.map { logTickLabel(exponent: $0) }
        )
    }
}
