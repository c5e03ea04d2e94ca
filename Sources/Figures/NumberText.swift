import Foundation

// Numbers as the course writes them: the one place for fixed decimals, significant digits and the shortest form.
// Prose, tables, tick labels, SVG coordinates, CSV cells and figure captions all come through here.

extension Double {
    /// The value with at most `places` decimals (0 to 12) and no trailing zeros, negatives with the minus sign
    /// "−" (U+2212): 0.10 → "0.1", 2 → "2", −0.25 → "−0.25"; anything that rounds to zero is "0"; NaN is "NaN" and
    /// the infinities "∞" and "−∞". Halves round away from zero (0.125 to 2 places is "0.13").
    public func rounded(places: Int) -> String {
        guard isFinite else { return isNaN ? "NaN" : (self > 0 ? "∞" : "−∞") }
        return trimmingTrailingZeros(decimalString(self, decimals: places))
    }

    /// Four significant digits, for numbers whose size varies by orders of magnitude: 1.469, 2186, 4.263e-06.
    /// Written as C's `%.4g` writes it (ASCII "-", exponent form below 10⁻⁴ and from 10⁴), so it also reads as a
    /// number in a TeX formula.
    public var significant: String { significant(4) }

    /// `digits` (1 to 17) significant digits as C's `%.<digits>g` writes them: 0.0123 and 1.23e-05 for 3 digits.
    public func significant(_ digits: Int) -> String { String(format: "%.\(digits)g", self) }

    /// The shortest text that reads back as the same number: whole numbers in [−10¹⁵, 10¹⁵] without a fraction
    /// ("5", and "0" for −0), anything else in Swift's shortest round-trip form ("0.1", "1e-300"); nil for NaN and
    /// the infinities.
    public var shortest: String? {
        guard isFinite else { return nil }
        return self == rounded() && abs(self) <= 1e15 ? String(Int64(self)) : description
    }
}

/// `value` rounded to `decimals` (0...12) places, with `minus` for negatives and no "-0"; values beyond ±9e15 or
/// non-finite ones fall back to Swift's own description.
func decimalString(_ value: Double, decimals: Int, minus: String = "−") -> String {
    let scale = pow(10, Double(decimals))
    let scaled = (abs(value) * scale).rounded()
    guard value.isFinite, scaled < 9e15 else { return "\(value)" }
    let digits = String(Int(scaled))
    let sign = value < 0 && scaled > 0 ? minus : ""
    guard decimals > 0 else { return sign + digits }
    let padded = String(repeating: "0", count: max(0, decimals + 1 - digits.count)) + digits
    return sign + padded.dropLast(decimals) + "." + padded.suffix(decimals)
}

/// `text`, a decimal number, without the zeros that end its fraction: "0.40" → "0.4", "2.00" → "2", "100" stays.
func trimmingTrailingZeros(_ text: String) -> String {
    guard text.contains(".") else { return text }
    var trimmed = text
    while trimmed.hasSuffix("0") { trimmed.removeLast() }
    if trimmed.hasSuffix(".") { trimmed.removeLast() }
    return trimmed
}
