import Testing
@testable import Figures

/// The plotting areas of a parsed figure, from its clip paths (plot panels only), as (x, y) pairs.
private func clipOrigins(_ parsed: ParsedSVG) -> [(x: Double, y: Double)] {
    parsed.all("rect").filter { $0.inherited["id"]?.contains("-clip-") == true }.map {
        (Double($0.attributes["x"] ?? "") ?? .nan, Double($0.attributes["y"] ?? "") ?? .nan)
    }
}

@Suite struct GridLayoutTests {
    @Test func oneRowByDefault() throws {
        let origins = clipOrigins(try #require(ParsedSVG(try Fixtures.comparison(shared: true).svg())))
        #expect(origins.count == 4 && Set(origins.map(\.y)).count == 1 && Set(origins.map(\.x)).count == 4)
    }

    @Test func twoColumnsMakeTwoRows() throws {
        var figure = Fixtures.comparison(shared: true)
        figure.columns = 2
        let origins = clipOrigins(try #require(ParsedSVG(try figure.svg())))
        #expect(Set(origins.map(\.x)).count == 2 && Set(origins.map(\.y)).count == 2)
        #expect(origins[0].x == origins[2].x && origins[0].y < origins[2].y && origins[0].y == origins[1].y)
    }

    @Test func narrowLayoutStacksPanelsEachWithItsYAxis() throws {
        let wide = try Fixtures.comparison(shared: true).svg()
        let narrow = try Fixtures.comparison(shared: true).narrow().svg()
        let parsed = try #require(ParsedSVG(narrow))
        #expect(parsed.all("svg").first?.attributes["viewBox"]?.hasPrefix("0 0 340 ") == true)
        let origins = clipOrigins(parsed)
        #expect(Set(origins.map(\.x)).count == 1)
        #expect(zip(origins, origins.dropFirst()).allSatisfy { $0.y < $1.y })
        // Every panel of a shared y axis shows its tick labels and label when it starts a row.
        let wideYLabels = try #require(ParsedSVG(wide)).all("text").filter { $0.text == "y" }.count
        #expect(wideYLabels == 1 && parsed.all("text").filter { $0.text == "y" }.count == 4)
        // Its ids never clash with the wide layout's on the same page.
        let ids = parsed.elements.compactMap { $0.attributes["id"] }
        #expect(!ids.isEmpty && ids.allSatisfy { $0.hasPrefix("fig-nw-narrow-") })
    }

    @Test func everyRowWithAHeatmapHasItsColourBar() throws {
        let figure = Figure(
            id: "two", title: "t", description: "d",
            panels: [.heatmap(HeatmapPanel(values: [[0, 1]])), .heatmap(HeatmapPanel(values: [[1, 0]]))],
            colorScale: ColorScale(domain: 0...1, label: "w", normalization: .squareRoot))
        func bars(_ svg: String) throws -> Int {
            try #require(ParsedSVG(svg)).all("rect").filter { $0.attributes["fill"]?.hasPrefix("url(#") == true }.count
        }
        #expect(try bars(figure.svg()) == 1)
        #expect(try bars(figure.narrow().svg()) == 2)
        #expect(try #require(ParsedSVG(try figure.narrow().svg())).all("linearGradient").count == 1)
    }

    @Test func narrowHeatmapShowsTheWideCellsAndReadoutByReference() throws {
        let readout = HeatmapReadout(rowName: "q", rowNames: ["a"], columnName: "k", columnNames: ["0", "1"],
                                     valueName: "w")
        let figure = Figure(id: "heat", title: "t", description: "d",
                            panels: [.heatmap(HeatmapPanel(values: [[0.25, 1]], readout: readout))],
                            colorScale: ColorScale(domain: 0...1, label: "w"))
        let wide = try #require(ParsedSVG(try figure.svg()))
        let narrow = try #require(ParsedSVG(try figure.narrow().svg()))
        #expect(wide.all("g").contains { $0.attributes["id"] == "heat-cells-0" })
        let wideReadout = try #require(wide.all("rect").first { $0.attributes["class"] == "readout" })
        #expect(wideReadout.attributes["id"] == "heat-cells-0-readout")
        #expect(wideReadout.attributes["data-readout-values"] == "250,1000")
        #expect(narrow.all("use").map { $0.attributes["href"] } == ["#heat-cells-0"])
        #expect(narrow.all("path").filter { $0.inherited["stroke-width"] == "1" }.isEmpty)
        let narrowReadout = try #require(narrow.all("rect").first { $0.attributes["class"] == "readout" })
        #expect(narrowReadout.attributes["data-readout-from"] == "heat-cells-0-readout")
        #expect(narrowReadout.attributes["data-readout-values"] == nil)
    }

    @Test func narrowVariantsReferToTheSameVariantsCells() throws {
        let panels: (Double) -> [Panel] = { offset in
            [.heatmap(HeatmapPanel(values: [[offset, 1]]))]
        }
        let figure = Figure(id: "ex", title: "t", description: "d", panels: panels(0),
                            colorScale: ColorScale(domain: 0...1, label: "w"))
        let wide = try figure.svg(variants: [panels(0), panels(0.5)], shown: 0)
        let narrow = try figure.narrow().svg(variants: [panels(0), panels(0.5)], shown: 0)
        #expect(wide.contains("id=\"ex-cells-1-0\""))
        #expect(narrow.contains("<use href=\"#ex-cells-1-0\"/>") && narrow.contains("<use href=\"#ex-cells-0\"/>"))
        #expect(narrow.contains("<g data-variant=\"1\" display=\"none\">"))
    }
}

@Suite struct NarrowLinesTests {
    @Test func narrowLinesAreTheWideOnesMovedIntoPlace() throws {
        let wide = try #require(ParsedSVG(try Fixtures.comparison(shared: true).svg()))
        let narrow = try #require(ParsedSVG(try Fixtures.comparison(shared: true).narrow().svg()))
        #expect(wide.all("g").contains { $0.attributes["id"] == "fig-nw-line-0-0" })
        #expect(wide.all("path").filter { $0.inherited["id"]?.hasPrefix("fig-nw-line-") == true }
            .allSatisfy { $0.attributes["vector-effect"] == "non-scaling-stroke" })
        let uses = narrow.all("use")
        #expect(uses.count == 8)  // two line series in each of four panels; the markers are drawn anew
        #expect(uses.first?.attributes["href"] == "#fig-nw-line-0-0")
        #expect(narrow.all("circle").count == wide.all("circle").count)
    }

    @Test func transformMapsOneAreaOntoTheOther() {
        let from = Rect(x: 10, y: 20, width: 100, height: 50)
        let to = Rect(x: 40, y: 100, width: 200, height: 25)
        #expect(PlotDrawing.transform(from: from, to: to) == "matrix(2 0 0 0.5 20 90)")
    }
}
