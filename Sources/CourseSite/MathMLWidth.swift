/// A rough, deliberately generous estimate of how wide a formula renders, in em of its font size, so that a page
/// can shrink a display formula that would not fit a phone's width instead of cutting it off.
///
/// Letters and digits count about half an em, relations and binary operators their glyph and the space around
/// them, fractions their wider part, scripts 0.7 of their size, tables the widest cell of each column plus the
/// gaps `TableLayout` puts between columns. Real fonts differ by some tenths; the page adds a margin.
extension MathMLNode {
    /// The estimated width, em.
    var estimatedWidth: Double {
        switch self {
        case .identifier(let name, _):
            return name.count == 1 ? 0.6 : 0.5 * Double(name.count)
        case .number(let digits):
            return 0.5 * Double(digits.count)
        case .op(let symbol, let attributes):
            if symbol.unicodeScalars.allSatisfy({ (0x2061...0x2064).contains($0.value) }) { return 0 }
            let fence = attributes.contains { $0.name == "fence" || $0.name == "stretchy" }
            if fence || "()[]{}|‖⟨⟩".contains(symbol) { return 0.4 }
            if [",", ";"].contains(symbol) { return 0.45 }
            if ["∑", "∏", "∫", "⋃", "⋂"].contains(symbol) { return 1.6 }
            return 0.6 + 0.5  // a relation or binary operator with its spacing
        case .text(let text):
            return 0.55 * Double(text.count)
        case .space(let width):
            return Double(width.replacingOccurrences(of: "em", with: "")) ?? 0.3
        case .row(let children):
            return children.map(\.estimatedWidth).reduce(0, +)
        case .fraction(let numerator, let denominator):
            return max(numerator.estimatedWidth, denominator.estimatedWidth) + 0.3
        case .root(let radicand, let index):
            return radicand.estimatedWidth + 1 + 0.5 * (index?.estimatedWidth ?? 0)
        case .scripts(let base, let sub, let sup, let limits):
            let script = 0.7 * max(sub?.estimatedWidth ?? 0, sup?.estimatedWidth ?? 0)
            return limits ? max(base.estimatedWidth, script) : base.estimatedWidth + script + 0.05
        case .accent(let base, _):
            return base.estimatedWidth
        case .table(let rows, let layout):
            let columns = rows.map(\.count).max() ?? 0
            let widths = (0..<columns).map { column in
                rows.map { column < $0.count ? $0[column].estimatedWidth : 0 }.max() ?? 0
            }
            let gaps = (0..<columns).map { column -> Double in
                switch layout {
                case .aligned: return column > 0 && column % 2 == 0 ? 2 : 0
                case .cases: return column > 0 ? 1 : 0
                case .matrix: return 0.8
                }
            }
            return widths.reduce(0, +) + gaps.reduce(0, +)
        }
    }
}
