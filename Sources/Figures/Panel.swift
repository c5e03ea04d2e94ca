/// One panel of a figure's row.
public enum Panel: Sendable {
    /// Lines and markers on x–y axes.
    case plot(PlotPanel)
    /// A coloured matrix.
    case heatmap(HeatmapPanel)

    /// The panel's title.
    var title: String {
        switch self {
        case .plot(let plot): return plot.title
        case .heatmap(let heatmap): return heatmap.title
        }
    }

    /// The panel's x-axis label.
    var xLabel: String {
        switch self {
        case .plot(let plot): return plot.xLabel
        case .heatmap(let heatmap): return heatmap.xLabel
        }
    }

    /// The panel's y-axis label, empty for none.
    var yLabel: String {
        switch self {
        case .plot(let plot): return plot.yLabel ?? ""
        case .heatmap(let heatmap): return heatmap.yLabel
        }
    }

    /// Whether both panels are plots or both are heatmaps.
    func isSameKind(as other: Panel) -> Bool {
        switch (self, other) {
        case (.plot, .plot), (.heatmap, .heatmap): return true
        default: return false
        }
    }
}
