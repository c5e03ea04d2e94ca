/// A coordinate or length for SVG: rounded to `decimals` places (1 by default, at most 2 are used), without
/// trailing zeros, and clamped to ±1e6 so far-off points stay printable (clipping hides them anyway).
func svgNumber(_ value: Double, decimals: Int = 1) -> String {
    let clamped = value.isNaN ? 0 : min(max(value, -1e6), 1e6)
    return trimmingTrailingZeros(decimalString(clamped, decimals: decimals, minus: "-"))
}

/// The approximate rendered width of `text` at `fontSize` px: 0.6 em per character, a deliberate overestimate
/// for proportional fonts so that layouts built on it leave room.
func textWidth(_ text: String, fontSize: Double) -> Double {
    Double(text.count) * 0.6 * fontSize
}

/// A text and font size that fit `available` px: the preferred size if it fits, else smaller down to 8 px, then
/// the text cut short with "…".
func fitted(_ text: String, fontSize preferred: Double, available: Double) -> (text: String, fontSize: Double) {
    let needed = textWidth(text, fontSize: preferred)
    guard needed > available else { return (text, preferred) }
    let size = max(8, (preferred * available / needed * 2).rounded(.down) / 2)
    var cut = text
    while cut.count > 1, textWidth(cut, fontSize: size) > available {
        cut = String(cut.dropLast(2)) + "…"
    }
    return (cut, size)
}

/// One `<text>` element at (`x`, `y`) with the escaped `content`; `anchor` is the SVG text-anchor ("start" is the
/// default and omitted) and `rotated` turns it −90° about its anchor point for vertical axis labels.
func textElement(
    _ content: String, x: Double, y: Double, fontSize: Double? = nil, anchor: String = "start", rotated: Bool = false
) -> String {
    var attributes = "x=\"\(svgNumber(x))\" y=\"\(svgNumber(y))\""
    if let fontSize { attributes += " font-size=\"\(svgNumber(fontSize))\"" }
    if anchor != "start" { attributes += " text-anchor=\"\(anchor)\"" }
    if rotated { attributes += " transform=\"rotate(-90 \(svgNumber(x)) \(svgNumber(y)))\"" }
    return "<text \(attributes)>\(HTML.escape(content))</text>"
}
