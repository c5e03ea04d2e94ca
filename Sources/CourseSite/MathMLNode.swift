import Figures

/// A MathML Core element tree built from TeX, serialised to well-formed XML that is also valid HTML5.
indirect enum MathMLNode: Sendable {
    /// `<mi>`; `upright` forces `mathvariant="normal"` on a single character (multi-letter `<mi>` is upright anyway).
    case identifier(String, upright: Bool)
    /// `<mn>`.
    case number(String)
    /// `<mo>` with attributes written in the given order.
    case op(String, attributes: [(name: String, value: String)])
    /// `<mtext>`.
    case text(String)
    /// `<mspace width="…">`.
    case space(width: String)
    /// A sequence; serialised as `<mrow>` unless it has exactly one child.
    case row([MathMLNode])
    /// `<mfrac>`.
    case fraction(numerator: MathMLNode, denominator: MathMLNode)
    /// `<msqrt>`, or `<mroot>` with an index.
    case root(MathMLNode, index: MathMLNode?)
    /// `<msub>`/`<msup>`/`<msubsup>`, or `<munder>`/`<mover>`/`<munderover>` when `limits` is set.
    case scripts(base: MathMLNode, sub: MathMLNode?, sup: MathMLNode?, limits: Bool)
    /// `<mover accent="true">` with a non-stretching accent character.
    case accent(MathMLNode, mark: String)
    /// `<mtable>`; the layout gives each cell's CSS so alignment works where `columnalign` is unsupported.
    case table(rows: [[MathMLNode]], layout: TableLayout)

    /// The XML text of this node.
    var xml: String {
        switch self {
        case .identifier(let name, let upright):
            let variant = upright && name.count == 1 ? " mathvariant=\"normal\"" : ""
            return "<mi\(variant)>\(HTML.escape(name))</mi>"
        case .number(let digits):
            return "<mn>\(HTML.escape(digits))</mn>"
        case .op(let symbol, let attributes):
            let written = attributes.map { " \($0.name)=\"\(HTML.escape($0.value))\"" }.joined()
            return "<mo\(written)>\(HTML.escape(symbol))</mo>"
        case .text(let text):
            return "<mtext>\(HTML.escape(text))</mtext>"
        case .space(let width):
            return "<mspace width=\"\(width)\"></mspace>"
        case .row(let children):
            return children.count == 1 ? children[0].xml : "<mrow>\(children.map(\.xml).joined())</mrow>"
        case .fraction(let numerator, let denominator):
            return "<mfrac>\(numerator.xml)\(denominator.xml)</mfrac>"
        case .root(let radicand, nil):
            return "<msqrt>\(radicand.contentXML)</msqrt>"
        case .root(let radicand, let index?):
            return "<mroot>\(radicand.xml)\(index.xml)</mroot>"
        case .scripts(let base, let sub, let sup, let limits):
            let names = limits ? ("munder", "mover", "munderover") : ("msub", "msup", "msubsup")
            switch (sub, sup) {
            case (let sub?, let sup?): return "<\(names.2)>\(base.xml)\(sub.xml)\(sup.xml)</\(names.2)>"
            case (let sub?, nil): return "<\(names.0)>\(base.xml)\(sub.xml)</\(names.0)>"
            case (nil, let sup?): return "<\(names.1)>\(base.xml)\(sup.xml)</\(names.1)>"
            case (nil, nil): return base.xml
            }
        case .accent(let base, let mark):
            return "<mover accent=\"true\">\(base.xml)<mo stretchy=\"false\">\(HTML.escape(mark))</mo></mover>"
        case .table(let rows, let layout):
            let body = rows.map { cells in
                let written = cells.enumerated().map { column, cell in
                    "<mtd style=\"\(layout.style(column: column))\">\(cell.contentXML)</mtd>"
                }
                return "<mtr>\(written.joined())</mtr>"
            }
            return "<mtable displaystyle=\"\(layout == .aligned)\">\(body.joined())</mtable>"
        }
    }

    /// The XML of a row's children without the surrounding `<mrow>`, for elements that infer a row.
    var contentXML: String {
        if case .row(let children) = self { return children.map(\.xml).joined() }
        return xml
    }
}

/// How the cells of an `<mtable>` are aligned.
enum TableLayout: Sendable, Equatable {
    /// `aligned`: columns alternate right and left, pairs separated by 2em, like TeX's `aligned`.
    case aligned
    /// `cases`: every column left aligned, 1em between columns.
    case cases
    /// `matrix` and friends: centred columns.
    case matrix

    /// The CSS of a cell in `column` (0-based).
    func style(column: Int) -> String {
        switch self {
        case .aligned:
            if column % 2 == 1 { return "text-align: left; padding-left: 0; padding-right: 0" }
            return "text-align: right; padding-left: \(column == 0 ? "0" : "2em"); padding-right: 0"
        case .cases:
            return "text-align: left; padding-left: \(column == 0 ? "0" : "1em"); padding-right: 0"
        case .matrix:
            return "text-align: center"
        }
    }
}
