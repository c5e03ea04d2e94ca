import Foundation

/// Labels for tick values, all with the same number of decimals: the fewest (at most 12) that show every value
/// exactly, so `[0, 0.5, 1]` gives "0.0", "0.5", "1.0" and `[0.001, 0.002]` gives "0.001", "0.002". Negative
/// values use the minus sign "−" (U+2212); negative zero prints as "0". Values beyond ±9e15 or non-finite ones
/// fall back to Swift's own description.
public func tickLabels(for ticks: [Double]) -> [String] {
    let decimals = (0...12).first { decimals in
        let scale = pow(10, Double(decimals))
        return ticks.allSatisfy { value in
            let scaled = value * scale
            return !scaled.isFinite || abs(scaled - scaled.rounded()) <= max(1e-6, abs(scaled) * 1e-12)
        }
    } ?? 12
    return ticks.map { decimalString($0, decimals: decimals) }
}

/// A label for the tick at `10^exponent` on a log axis: a plain decimal from 0.0001 to 10000, else "10" with a
/// superscript exponent such as "10⁻⁵".
func logTickLabel(exponent: Int) -> String {
    if (-4...4).contains(exponent) {
        return decimalString(powerOfTen(exponent), decimals: max(0, -exponent))
    }
    let superscripts: [Character: Character] = [
        "-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
    ]
    return "10" + String(String(exponent).map { superscripts[$0] ?? $0 })
}

/// `10^exponent`, as close to the decimal value as a Double gets.
func powerOfTen(_ exponent: Int) -> Double {
    exponent < 0 ? 1 / pow(10, Double(-exponent)) : pow(10, Double(exponent))
}
