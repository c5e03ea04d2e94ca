@testable import Figures

/// Small figures shared by the tests.
enum Fixtures {
    /// A line panel whose y values are `ys` at x = 0, 1, 2, …
    static func linePanel(_ ys: [Double?], label: String? = nil, color: Color = .blue) -> PlotPanel {
        PlotPanel(
            title: "Panel", xLabel: "x", yLabel: "y",
            series: [Series(label: label, xs: ys.indices.map(Double.init), ys: ys, style: .line(color: color))]
        )
    }

    /// A one-panel heatmap figure of `values` on a 0...1 colour scale.
    static func heatmapFigure(_ values: [[Double?]]) -> Figure {
        Figure(
            id: "heat", title: "Heatmap", description: "Cells", panels: [.heatmap(HeatmapPanel(values: values))],
            colorScale: ColorScale(domain: 0...1, label: "value", undefinedLabel: "no data")
        )
    }

    /// Four panels of estimates, truth lines and training markers, like a kernel-regression comparison.
    static func comparison(shared: Bool) -> Figure {
        let xs = (0..<50).map { Double($0) / 10 }
        let panels: [Panel] = (0..<4).map { index in
            .plot(PlotPanel(
                title: "Kernel \(index)", xLabel: "x", yLabel: "y",
                series: [
                    Series(
                        label: "Estimate", xs: xs, ys: xs.map { $0 > 2 && $0 < 2.5 ? nil : $0 * Double(index + 1) },
                        style: .line(color: .blue)
                    ),
                    Series(label: "Truth", xs: xs, ys: xs, style: .line(color: .vermillion, dash: .dashed)),
                    Series(
                        label: "Training data", xs: [0.3, 1.7, 4.2], ys: [0.5, 1.5, 4],
                        style: .markers(color: .grey, opacity: 0.5)
                    ),
                ]
            ))
        }
        return Figure(id: "fig-nw", title: "Estimates", description: "Four estimates", panels: panels, sharedYAxis: shared)
    }
}
