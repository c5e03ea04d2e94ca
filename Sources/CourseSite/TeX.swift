/// Converts the TeX subset used by the chapters to MathML Core (no JavaScript, no web fonts).
///
/// Supported: letters (one `<mi>` each), numbers with decimals (`<mn>`), operator characters
/// `+ - = < > ( ) [ ] , ; : | ! / * . ?` (`<mo>`, fences do not stretch), `'` primes, `^` and `_` with a braced
/// group or a single token, `\frac`, `\sqrt` (and `\sqrt[n]`), `\left…\right` with any fence or `.`,
/// the alphabets `\mathbf` (Unicode bold), `\mathbb`, `\mathcal`, `\mathrm`, `\text`/`\textrm`/`\mbox`,
/// `\operatorname` (`*` for limits), `\mathop`, accents `\hat \bar \tilde \vec \dot \ddot \overline \widehat \widetilde`,
/// Greek letters, function names (`\exp \log \max …`, followed by an invisible apply-function),
/// `\arg\min`/`\arg\max`, large operators `\sum \prod \int …` (limits under/over in display style only),
/// the symbols listed by ``supportedCommands``, spaces `\quad \qquad \, \: \; \! \ ` and `~`, and the environments
/// `aligned`, `cases`, `matrix`, `pmatrix`, `bmatrix` (cells aligned with inline CSS).
/// The output never contains the TeX source, so it holds no backslash.
public enum TeX {
    /// Returns `<math>…</math>` (with `display="block"` when `display` is true) for `tex`.
    ///
    /// A display formula estimated wider than `phoneWidth` em also carries its (calibrated) estimated width as
    /// `style="--math-width: W"` (W in em, rounded up to a tenth), which the style sheet uses to shrink it to the
    /// width of a phone's text column instead of cutting it off.
    /// Whitespace outside `\text{}` is ignored; the empty formula gives an empty `<math>`.
    /// Throws ``TeXError`` for an unknown command or environment, unbalanced braces, a `\left` without `\right`,
    /// a missing argument, or `&`/`\\` outside an environment.
    public static func mathML(_ tex: String, display: Bool) throws(TeXError) -> String {
        var parser = MathMLTeXParser(tex, display: display)
        let nodes = try parser.parseFormula()
        var open = display ? "<math display=\"block\">" : "<math>"
        let width = nodes.map(\.estimatedWidth).reduce(0, +) * widthCalibration
        if display, width > phoneWidth {
            open = "<math display=\"block\" style=\"--math-width: \(svgFreeDecimal((width * 10).rounded(.up) / 10))\">"
        }
        return open + nodes.map(\.xml).joined() + "</math>"
    }

    /// The widest a display formula may be estimated, em, before it carries its width for the style sheet: with the
    /// style sheet's 10% margin, 15 em of 17.6 px still fit the 343 px text column of a 375 px phone.
    static let phoneWidth = 15.0

    /// What `MathMLNode.estimatedWidth` is multiplied by: measured in Chromium with DejaVu Math TeX Gyre on the 32
    /// display formulas of the chapters and exercises, real widths were 1.00 to 1.23 times the estimate (median 1.13).
    static let widthCalibration = 1.15

    /// "21.7", "18" (no trailing ".0").
    private static func svgFreeDecimal(_ value: Double) -> String {
        let text = String(value)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// Every command name the converter understands, sorted, without the leading backslash.
    public static var supportedCommands: [String] { MathMLTeXParser.supportedCommands }
}

/// Why a TeX formula could not be converted; `description` is one line.
public enum TeXError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A `\command` outside the supported subset.
    case unknownCommand(String)
    /// `\begin{name}` for an environment other than aligned, cases, matrix, pmatrix, bmatrix.
    case unknownEnvironment(String)
    /// `\begin{a}` closed by `\end{b}`, or an `\end` without `\begin`.
    case mismatchedEnvironment(expected: String, found: String)
    /// A `{` without `}` or a `}` without `{`.
    case unbalancedBraces(String)
    /// A `\left` without `\right`, or the reverse.
    case unmatchedLeftRight(String)
    /// A command or script that needs an argument did not get one.
    case missingArgument(String)
    /// A character or command that is not allowed where it appears.
    case unexpected(String)

    public var description: String {
        switch self {
        case .unknownCommand(let name):
            let list = TeX.supportedCommands.map { "\\" + $0 }.joined(separator: " ")
            return "unknown TeX command \\\(name) (supported: \(list))"
        case .unknownEnvironment(let name):
            return "unknown TeX environment {\(name)} (supported: aligned, cases, matrix, pmatrix, bmatrix)"
        case .mismatchedEnvironment(let expected, let found):
            return "\\end{\(found)} does not match \\begin{\(expected)}"
        case .unbalancedBraces(let detail):
            return "unbalanced braces in TeX: \(detail)"
        case .unmatchedLeftRight(let detail):
            return "unmatched \\left/\\right in TeX: \(detail)"
        case .missingArgument(let what):
            return "missing argument for \(what) in TeX"
        case .unexpected(let detail):
            return "unexpected \(detail) in TeX"
        }
    }
}
