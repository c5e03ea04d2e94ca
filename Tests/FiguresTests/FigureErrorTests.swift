import Testing
@testable import Figures

private func figure(_ panels: [Panel], colorScale: ColorScale? = ColorScale(domain: 0...1, label: "")) -> Figure {
    Figure(id: "bad", title: "Bad", description: "Bad", panels: panels, colorScale: colorScale)
}

@Test func noPanelsIsAnError() {
    #expect(throws: FigureError.noPanels) { try figure([]).svg() }
}

@Test func raggedHeatmapIsAnError() {
    let panel = Panel.heatmap(HeatmapPanel(values: [[1, 2], [3]]))
    #expect(throws: FigureError.raggedHeatmap(panel: 0, row: 1, expected: 2, found: 1)) { try figure([panel]).svg() }
}

@Test func emptyHeatmapIsAnError() {
    #expect(throws: FigureError.emptyHeatmap(panel: 0)) { try figure([.heatmap(HeatmapPanel(values: []))]).svg() }
    #expect(throws: FigureError.emptyHeatmap(panel: 0)) { try figure([.heatmap(HeatmapPanel(values: [[]]))]).svg() }
}

@Test func heatmapWithoutColourScaleIsAnError() {
    let panel = Panel.heatmap(HeatmapPanel(values: [[1]]))
    #expect(throws: FigureError.missingColorScale) { try figure([panel], colorScale: nil).svg() }
}

@Test func nonFiniteAndEmptyDomainsAreErrors() {
    let infinite = Panel.plot(PlotPanel(series: [], xDomain: 0...Double.infinity))
    #expect(throws: FigureError.nonFiniteDomain(location: "panels[0] x domain")) { try figure([infinite]).svg() }
    let empty = Panel.plot(PlotPanel(series: [], yDomain: 3...3))
    #expect(throws: FigureError.emptyDomain(location: "panels[1] y domain")) {
        try figure([.plot(PlotPanel(series: [])), empty]).svg()
    }
    let heatmap = Panel.heatmap(HeatmapPanel(values: [[1]]))
    #expect(throws: FigureError.emptyDomain(location: "colour scale domain")) {
        try figure([heatmap], colorScale: ColorScale(domain: 1...1, label: "")).svg()
    }
    let log = Panel.plot(PlotPanel(series: [], xDomain: 0...10, xScale: .log))
    #expect(throws: FigureError.nonPositiveLogDomain(location: "panels[0] x domain")) { try figure([log]).svg() }
}

@Test func seriesLengthMismatchIsAnError() {
    let series = Series(xs: [1, 2, 3], ys: [1, 2], style: .line(color: .blue))
    #expect(throws: FigureError.seriesLengthMismatch(panel: 0, series: 0, xs: 3, ys: 2)) {
        try figure([.plot(PlotPanel(series: [series]))]).svg()
    }
}

@Test func badIDAndTooNarrowWidthAreErrors() {
    let panel = Panel.plot(PlotPanel(series: []))
    #expect(throws: FigureError.invalidID("has space")) {
        try Figure(id: "has space", title: "", description: "", panels: [panel]).svg()
    }
    #expect(throws: FigureError.tooNarrow(width: 100, panels: 4)) {
        try Figure(id: "narrow", title: "", description: "", panels: Array(repeating: panel, count: 4), width: 100).svg()
    }
}

@Test func errorDescriptionsAreOneLine() {
    let errors: [FigureError] = [
        .noPanels, .invalidID("x y"), .tooNarrow(width: 10, panels: 2), .nonFiniteDomain(location: "panels[0] x domain"),
        .emptyDomain(location: "colour scale domain"), .nonPositiveLogDomain(location: "panels[1] y domain"),
        .seriesLengthMismatch(panel: 0, series: 1, xs: 2, ys: 3), .emptyHeatmap(panel: 2),
        .raggedHeatmap(panel: 0, row: 3, expected: 40, found: 39), .missingColorScale,
    ]
    for error in errors {
        #expect(!error.description.isEmpty && !error.description.contains("\n"))
    }
    #expect(FigureError.raggedHeatmap(panel: 0, row: 3, expected: 40, found: 39).description
        == "panels[0] heatmap row 3 has 39 values, expected 40")
}
