import Foundation

/// Tick positions at multiples of a nice step (1, 2, 2.5 or 5 × 10^k) inside `range`, about `count` steps apart
/// across it (`count` below 2 counts as 2). The ticks cover the range: none is missing between the first and last,
/// and neither end is more than one step from a tick. A degenerate range `a...a` gives `[a]`; a range with a
/// non-finite bound gives `[]`; a range too narrow for its magnitude to be split (span below ~1e-12 of it)
/// gives its two bounds. Values carry no float noise: 0.3, not 0.30000000000000004.
public func niceTicks(in range: ClosedRange<Double>, approximately count: Int) -> [Double] {
    guard range.lowerBound.isFinite, range.upperBound.isFinite else { return [] }
    guard range.upperBound > range.lowerBound else { return [range.lowerBound] }
    guard let step = NiceStep(span: range.upperBound - range.lowerBound, count: count),
          let ticks = step.ticks(in: range) else { return [range.lowerBound, range.upperBound] }
    return ticks
}

/// A tick spacing `mantissa × 10^exponent` with the mantissa 1, 2, 2.5 or 5.
struct NiceStep {
    /// 1, 2, 2.5 or 5.
    let mantissa: Double
    /// The power of ten.
    let exponent: Int

    /// The smallest nice step at least `span / count` (`count` below 2 counts as 2), or nil if `span` is not
    /// positive and finite.
    init?(span: Double, count: Int) {
        let raw = span / Double(max(count, 2))
        guard raw > 0, raw.isFinite else { return nil }
        let exponent = Int(log10(raw).rounded(.down))
        let base = pow(10, Double(exponent))
        if let mantissa = [1, 2, 2.5, 5].first(where: { $0 * base >= raw * (1 - 1e-9) }) {
            self.mantissa = mantissa
            self.exponent = exponent
        } else {
            self.mantissa = 1
            self.exponent = exponent + 1
        }
    }

    /// The step's value.
    var value: Double { multiple(1) }

    /// `index × step`, computed as an exact decimal scaling so there is no float noise.
    func multiple(_ index: Int) -> Double {
        let scaled = Double(index) * mantissa
        return exponent < 0 ? scaled / pow(10, Double(-exponent)) : scaled * pow(10, Double(exponent))
    }

    /// The multiples of the step inside `range`, or nil when the range lies too far from zero relative to the
    /// step for the multiples to be counted exactly.
    func ticks(in range: ClosedRange<Double>) -> [Double]? {
        let tolerance = 1e-9
        let low = range.lowerBound / value - tolerance
        let high = range.upperBound / value + tolerance
        guard abs(low) < 1e12, abs(high) < 1e12 else { return nil }
        let first = Int(low.rounded(.up))
        let last = Int(high.rounded(.down))
        guard first <= last else { return [] }
        return (first...last).map(multiple)
    }
}
