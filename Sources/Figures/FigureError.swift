/// Why a figure cannot be drawn. Panels are named by their index in `Figure.panels`.
public enum FigureError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The figure has no panels.
    case noPanels
    /// The id is empty or has characters other than ASCII letters, digits, `-` and `_`, or does not start with a letter.
    case invalidID(String)
    /// The width is not finite or too small for the panels it must hold.
    case tooNarrow(width: Double, panels: Int)
    /// A domain, extent or colour-scale bound is infinite or NaN; `location` names it.
    case nonFiniteDomain(location: String)
    /// A domain, extent or colour-scale range has equal bounds; `location` names it.
    case emptyDomain(location: String)
    /// A log axis was given a domain that includes zero or negative values; `location` names it.
    case nonPositiveLogDomain(location: String)
    /// A series' `xs` and `ys` have different lengths.
    case seriesLengthMismatch(panel: Int, series: Int, xs: Int, ys: Int)
    /// A heatmap has no rows or no columns.
    case emptyHeatmap(panel: Int)
    /// A heatmap row's length differs from the first row's.
    case raggedHeatmap(panel: Int, row: Int, expected: Int, found: Int)
    /// The figure has a heatmap but no colour scale.
    case missingColorScale
    /// The colour scale's power normalisation has an exponent that is not finite and positive.
    case invalidColorExponent(Double)
    /// A variant's panels do not match the figure's: another count, or a plot where a heatmap stands.
    case variantMismatch(variant: Int)
    /// `svg(variants:shown:)` needs at least one variant, and `shown` must be one of them.
    case noSuchVariant(Int)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .noPanels:
            return "figure has no panels"
        case .invalidID(let id):
            return "figure id \"\(id)\" must start with a letter and use only letters, digits, '-' and '_'"
        case .tooNarrow(let width, let panels):
            return "figure width \(width) is too narrow for \(panels) panel(s)"
        case .nonFiniteDomain(let location):
            return "\(location) has a non-finite bound"
        case .emptyDomain(let location):
            return "\(location) is empty: its bounds are equal"
        case .nonPositiveLogDomain(let location):
            return "\(location) must be positive on a log axis"
        case .seriesLengthMismatch(let panel, let series, let xs, let ys):
            return "panels[\(panel)].series[\(series)] has \(xs) x values but \(ys) y values"
        case .emptyHeatmap(let panel):
            return "panels[\(panel)] heatmap has no cells"
        case .raggedHeatmap(let panel, let row, let expected, let found):
            return "panels[\(panel)] heatmap row \(row) has \(found) values, expected \(expected)"
        case .missingColorScale:
            return "figure has heatmaps but no colour scale"
        case .invalidColorExponent(let exponent):
            return "colour scale exponent \(exponent) must be finite and positive"
        case .variantMismatch(let variant):
            return "variant \(variant)'s panels do not match the figure's panels one for one"
        case .noSuchVariant(let shown):
            return "variant \(shown) cannot be shown: there is no such variant"
        }
    }
}
