import Foundation

extension Double {
    /// The value with at most `places` decimals and no trailing zeros: 0.10 → "0.1", 2 → "2"; NaN as "NaN".
    func rounded(places: Int) -> String {
        guard isFinite else { return isNaN ? "NaN" : (self > 0 ? "∞" : "−∞") }
        var text = String(format: "%.\(places)f", self)
        while text.contains("."), text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        if text == "-0" { return "0" }
        return text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }
}

/// The values with the largest weight ("Tim", or "Anna / Tim" for a tie) and that weight, or nil without weights.
func topAnswer(weights: [Double]?, values: [String]) -> (answer: String, weight: Double)? {
    guard let weights, let largest = weights.max() else { return nil }
    let best = zip(values, weights).filter { abs($0.1 - largest) <= 1e-12 }.map(\.0)
    return (best.joined(separator: " / "), largest)
}
