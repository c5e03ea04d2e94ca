import Testing
@testable import Figures

@Test func heatmapEndsUseTheMapsEndColours() throws {
    let parsed = try #require(ParsedSVG(try Fixtures.heatmapFigure([[0, 1]]).svg()))
    let background = parsed.all("rect").first { $0.attributes["fill"] == "#fff5f0" }
    #expect(background != nil)
    let cells = parsed.all("path").filter { $0.attributes["stroke"] != nil && $0.inherited["stroke-width"] == "1" }
    #expect(cells.map { $0.attributes["stroke"] } == ["#67000d"])
    #expect(cells.first?.attributes["d"] == "M1 0h1")
}

@Test func constantRowCollapsesToOneRun() throws {
    let parsed = try #require(ParsedSVG(try Fixtures.heatmapFigure([Array(repeating: 0.5, count: 40)]).svg()))
    let cells = parsed.all("path").filter { $0.inherited["stroke-width"] == "1" }
    #expect(cells.count == 1)
    #expect(cells.first?.attributes["d"] == "M0 0h40")
}

@Test func equalColoursShareOnePathAcrossRows() throws {
    let parsed = try #require(ParsedSVG(try Fixtures.heatmapFigure([[1, 0, 1], [0, 1, 1]]).svg()))
    let cells = parsed.all("path").filter { $0.inherited["stroke-width"] == "1" }
    #expect(cells.count == 1)
    #expect(cells.first?.attributes["d"] == "M0 0h1M2 0h1M1 1h2")
}

@Test func runsMergeEqualNeighbours() {
    let runs = HeatmapDrawing.runs(["a", "a", "b", "a", "a", "a"])
    #expect(runs.map(\.fill) == ["a", "b", "a"])
    #expect(runs.map(\.start) == [0, 2, 3])
    #expect(runs.map(\.end) == [2, 3, 6])
}

@Test func rowsRunTopToBottomInTheirExtent() throws {
    let figure = Figure(id: "rows", title: "Rows", description: "Rows", panels: [
        .heatmap(HeatmapPanel(values: [[1], [0], [0], [0]], rowExtent: 0...4)),
    ], colorScale: ColorScale(domain: 0...1, label: ""))
    let parsed = try #require(ParsedSVG(try figure.svg()))
    let nested = try #require(parsed.all("svg").dropFirst().first)
    #expect(nested.attributes["viewBox"] == "0 -0.5 1 4")
    #expect(parsed.all("path").first { $0.inherited["stroke-width"] == "1" }?.attributes["d"] == "M0 0h1")
    let yLabels = parsed.all("text").filter { $0.inherited["text-anchor"] == "end" }
    #expect(yLabels.first?.text.hasPrefix("0") == true && yLabels.last?.text.hasPrefix("4") == true)
    let top = try #require(yLabels.first?.attributes["y"].flatMap(Double.init))
    let bottom = try #require(yLabels.last?.attributes["y"].flatMap(Double.init))
    #expect(top < bottom)
}

@Test func undefinedCellsAreHatchedAndExplainedInTheLegend() throws {
    let svg = try Fixtures.heatmapFigure([[0.2, 0.4], [nil, nil], [0.1, .nan]]).svg()
    let parsed = try #require(ParsedSVG(svg))
    #expect(parsed.all("pattern").map { $0.attributes["id"] } == ["heat-hatch"])
    let hatched = parsed.all("path").filter { $0.attributes["fill"] == "url(#heat-hatch)" }
    #expect(hatched.count == 1)
    #expect(hatched.first?.attributes["d"]?.filter { $0 == "z" }.count == 2)
    #expect(parsed.all("text").contains { $0.text == "no data" })
}

@Test func fullyDefinedHeatmapHasNoHatchOrNote() throws {
    let parsed = try #require(ParsedSVG(try Fixtures.heatmapFigure([[0.2, 0.4]]).svg()))
    #expect(parsed.all("pattern").isEmpty)
    #expect(!parsed.all("text").contains { $0.text == "no data" })
}

@Test func colourBarHasGradientTicksAndLabel() throws {
    let parsed = try #require(ParsedSVG(try Fixtures.heatmapFigure([[0.2, 0.4]]).svg()))
    let gradient = try #require(parsed.all("linearGradient").first)
    #expect(gradient.attributes["id"] == "heat-colorbar")
    let stops = parsed.all("stop").compactMap { $0.attributes["stop-color"] }
    #expect(stops.first == "#fff5f0" && stops.last == "#67000d")
    #expect(parsed.all("rect").contains { $0.attributes["fill"] == "url(#heat-colorbar)" })
    let texts = parsed.all("text").map(\.text)
    #expect(texts.contains("value") && texts.contains("0.0") && texts.contains("1.0"))
}
