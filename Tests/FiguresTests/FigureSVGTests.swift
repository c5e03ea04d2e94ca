import Foundation
import Testing
@testable import Figures

@Test func svgIsWellFormedAccessibleAndEscaped() throws {
    let figure = Figure(
        id: "fig-1", title: "A <&> \"title\"", description: "Shows <data> & \"more\"",
        panels: [.plot(Fixtures.linePanel([1, 2, 3]))]
    )
    let svg = try figure.svg()
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 960 "))
    #expect(!svg.contains("<?xml"))
    let parsed = try #require(ParsedSVG(svg))
    let root = try #require(parsed.elements.first)
    #expect(root.attributes["role"] == "img")
    #expect(root.attributes["aria-labelledby"] == "fig-1-title fig-1-desc")
    #expect(parsed.elements[1].name == "title" && parsed.elements[1].attributes["id"] == "fig-1-title")
    #expect(parsed.elements[2].name == "desc" && parsed.elements[2].attributes["id"] == "fig-1-desc")
    #expect(parsed.elements[1].text == "A <&> \"title\"")
    #expect(parsed.elements[2].text == "Shows <data> & \"more\"")
    #expect(svg.contains("A &lt;&amp;&gt; &quot;title&quot;"))
}

@Test func svgHasNoScriptsFontsOrExternalReferences() throws {
    let svg = try Fixtures.comparison(shared: true).svg()
    for forbidden in ["<script", "font-family", "href", "@import", "<image"] {
        #expect(!svg.contains(forbidden), "\(forbidden)")
    }
    #expect(svg.contains("style=\"width:100%;max-width:960px;height:auto\""))
}

@Test func everyFigureKindParsesAsXML() throws {
    let figures = [
        Fixtures.comparison(shared: true), Fixtures.comparison(shared: false),
        Fixtures.heatmapFigure([[0, 0.5, nil], [1, 1, 1]]),
        Figure(id: "log", title: "Loss", description: "Loss", panels: [.plot(PlotPanel(
            xLabel: "epoch", yLabel: "loss",
            series: [Series(label: "train", xs: [1, 10, 100], ys: [1, 0.1, 0.01], style: .markers(color: .orange, shape: .triangle))],
            xScale: .log, yScale: .log
        ))], width: 400),
    ]
    for figure in figures {
        #expect(ParsedSVG(try figure.svg()) != nil, "\(figure.id)")
    }
}

@Test func nilValueBreaksLineIntoTwoPieces() throws {
    let svg = try Figure(
        id: "gap", title: "Gap", description: "A gap", panels: [.plot(Fixtures.linePanel([1, 2, nil, 4, 5]))]
    ).svg()
    let parsed = try #require(ParsedSVG(svg))
    let pieces = parsed.all("path").filter { $0.inherited["stroke"] == Color.blue.hex }
    #expect(pieces.count == 2)
    #expect(pieces.allSatisfy { $0.attributes["d"]?.filter { $0 == "L" }.count == 1 })
}

@Test func nonFiniteValueAlsoBreaksLine() throws {
    let svg = try Figure(
        id: "nan", title: "Gap", description: "A gap", panels: [.plot(Fixtures.linePanel([1, .nan, 3, 4, .infinity, 6, 7]))]
    ).svg()
    let pieces = try #require(ParsedSVG(svg)).all("path").filter { $0.inherited["stroke"] == Color.blue.hex }
    #expect(pieces.count == 2)
}

@Test func seriesAreClippedToTheirPanel() throws {
    let parsed = try #require(ParsedSVG(try Fixtures.comparison(shared: true).svg()))
    let clipIDs = parsed.all("clipPath").compactMap { $0.attributes["id"] }
    #expect(clipIDs == ["fig-nw-clip-0", "fig-nw-clip-1", "fig-nw-clip-2", "fig-nw-clip-3"])
    let lines = parsed.all("path").filter { $0.inherited["stroke"] == Color.blue.hex && $0.inherited["fill"] == "none" }
    #expect(!lines.isEmpty)
    #expect(lines.allSatisfy { $0.inherited["clip-path"]?.hasPrefix("url(#fig-nw-clip-") == true })
}

@Test func coordinatesHaveAtMostTwoDecimals() throws {
    let figures = [Fixtures.comparison(shared: true), Fixtures.heatmapFigure([[0.123456, 0.7], [nil, 0.31]])]
    let longDecimal = try NSRegularExpression(pattern: "[0-9]\\.[0-9]{3,}")
    for figure in figures {
        let svg = try figure.svg()
        let range = NSRange(svg.startIndex..., in: svg)
        #expect(longDecimal.firstMatch(in: svg, range: range) == nil, "\(figure.id)")
    }
}

@Test func legendListsEachLabelledSeriesOnce() throws {
    let parsed = try #require(ParsedSVG(try Fixtures.comparison(shared: true).svg()))
    let texts = parsed.all("text").map(\.text)
    #expect(texts.filter { $0 == "Estimate" }.count == 1)
    #expect(texts.filter { $0 == "Truth" }.count == 1)
    #expect(texts.filter { $0 == "Training data" }.count == 1)
    let dashedSwatch = parsed.all("path").filter {
        $0.attributes["stroke"] == Color.vermillion.hex && $0.attributes["stroke-dasharray"] != nil
    }
    #expect(dashedSwatch.count == 1)
}

@Test func legendKeepsSameLabelWithDifferentStyle() throws {
    let figure = Figure(id: "two", title: "Two", description: "Two", panels: [
        .plot(Fixtures.linePanel([1, 2], label: "fit", color: .blue)),
        .plot(Fixtures.linePanel([1, 2], label: "fit", color: .orange)),
    ])
    let texts = try #require(ParsedSVG(try figure.svg())).all("text").map(\.text)
    #expect(texts.filter { $0 == "fit" }.count == 2)
}

@Test func unlabelledSeriesStayOutOfTheLegend() throws {
    let svg = try Figure(
        id: "none", title: "None", description: "None", panels: [.plot(Fixtures.linePanel([1, 2, 3]))]
    ).svg()
    let legendSwatches = try #require(ParsedSVG(svg)).all("path").filter { $0.inherited["clip-path"] == nil && $0.attributes["stroke"] == Color.blue.hex }
    #expect(legendSwatches.isEmpty)
}

@Test func sharedYAxisLabelsOnlyTheLeftmostPanel() throws {
    let sharedSVG = try Fixtures.comparison(shared: true).svg()
    let separateSVG = try Fixtures.comparison(shared: false).svg()
    let shared = try #require(ParsedSVG(sharedSVG))
    let separate = try #require(ParsedSVG(separateSVG))
    func yTickLabels(_ parsed: ParsedSVG) -> [String] {
        parsed.all("text").filter { $0.inherited["text-anchor"] == "end" }.map(\.text)
    }
    let sharedLabels = yTickLabels(shared)
    #expect(!sharedLabels.isEmpty)
    #expect(yTickLabels(separate).count > sharedLabels.count)
    #expect(Set(sharedLabels).count == sharedLabels.count)
    #expect(shared.all("text").filter { $0.attributes["transform"]?.hasPrefix("rotate(-90") == true }.count == 1)
    #expect(separate.all("text").filter { $0.attributes["transform"]?.hasPrefix("rotate(-90") == true }.count == 4)
}

@Test func sharedYAxisUsesOneDomainForAllPlots() throws {
    let figure = Figure(id: "s", title: "S", description: "S", panels: [
        .plot(Fixtures.linePanel([0, 1])), .plot(Fixtures.linePanel([0, 10])),
    ], sharedYAxis: true)
    let labels = try #require(ParsedSVG(try figure.svg())).all("text")
        .filter { $0.inherited["text-anchor"] == "end" }.map(\.text)
    #expect(labels.last == "10")
}

@Test func sameFigureGivesIdenticalBytes() throws {
    #expect(try Fixtures.comparison(shared: true).svg() == Fixtures.comparison(shared: true).svg())
    let heatmap = Fixtures.heatmapFigure((0..<20).map { row in (0..<30).map { Double(($0 * row) % 7) / 7 } })
    #expect(try heatmap.svg() == heatmap.svg())
}

@Test func tickLabelsOfNeighbouringPanelsDoNotOverlap() throws {
    let figure = Figure(id: "wide", title: "Wide", description: "Wide labels", panels: (0..<4).map { _ in
        .plot(PlotPanel(series: [Series(xs: [-123456, 987654], ys: [1, 2], style: .line(color: .blue))]))
    }, width: 700)
    let parsed = try #require(ParsedSVG(try figure.svg()))
    let xLabels = parsed.all("text").filter { $0.inherited["text-anchor"] == "middle" && $0.attributes["font-size"] == nil }
    let spans = xLabels.compactMap { label -> ClosedRange<Double>? in
        guard let x = label.attributes["x"].flatMap(Double.init) else { return nil }
        let half = Double(label.text.count) * 0.6 * 11 / 2
        return (x - half)...(x + half)
    }.sorted { $0.lowerBound < $1.lowerBound }
    #expect(spans.count >= 8)
    #expect(zip(spans, spans.dropFirst()).allSatisfy { $0.upperBound < $1.lowerBound })
    #expect(spans.allSatisfy { $0.lowerBound >= 0 && $0.upperBound <= 700 })
}

@Test func logAxisTicksArePowersOfTen() throws {
    let figure = Figure(id: "log", title: "Loss", description: "Loss", panels: [.plot(PlotPanel(
        series: [Series(xs: [1, 1000], ys: [0.001, 1], style: .line(color: .blue))], xScale: .log, yScale: .log
    ))], width: 500)
    let texts = try #require(ParsedSVG(try figure.svg())).all("text").map(\.text)
    #expect(texts.contains("0.001") && texts.contains("0.01") && texts.contains("1000"))
}

@Suite struct FigureVariantTests {
    private func panels(_ offset: Double) -> [Panel] {
        [.plot(PlotPanel(title: "line", series: [Series(xs: [0, 1, 2], ys: [offset, 1 + offset, offset],
                                                        style: .line(color: .blue))],
                         xDomain: 0...2, yDomain: 0...3)),
         .heatmap(HeatmapPanel(title: "cells", values: [[offset / 2, 1], [nil, 0]]))]
    }

    @Test func onlyTheShownVariantIsDisplayedAndTheFrameIsDrawnOnce() throws {
        let figure = Figure(id: "explore", title: "t", description: "d", panels: panels(0),
                            colorScale: ColorScale(domain: 0...1, label: "weight"))
        let svg = try figure.svg(variants: [panels(0), panels(1), panels(2)], shown: 1)
        #expect(svg.components(separatedBy: "data-variant=").count - 1 == 3)
        #expect(svg.contains("<g data-variant=\"1\">"))
        #expect(svg.contains("<g data-variant=\"0\" display=\"none\">"))
        #expect(svg.contains("<g data-variant=\"2\" display=\"none\">"))
        #expect(svg.components(separatedBy: "<title").count - 1 == 1)
        #expect(svg.components(separatedBy: ">line<").count - 1 == 1)  // the panel title, once
        #expect(svg.hasSuffix("</svg>"))
        #expect(ParsedSVG(svg) != nil)
    }

    @Test func variantsMustMatchThePanels() {
        let figure = Figure(id: "explore", title: "t", description: "d", panels: panels(0),
                            colorScale: ColorScale(domain: 0...1, label: "weight"))
        #expect(throws: FigureError.noSuchVariant(3)) { try figure.svg(variants: [panels(0)], shown: 3) }
        #expect(throws: FigureError.variantMismatch(variant: 1)) {
            try figure.svg(variants: [panels(0), Array(panels(0).reversed())], shown: 0)
        }
    }
}

@Suite struct HeatmapReadoutTests {
    @Test func readoutCarriesNamesAndValuesInThousandthsOfTheSpan() throws {
        let readout = HeatmapReadout(rowName: "query", rowNames: ["a", "b"], columnName: "key",
                                     columnNames: ["k0", "k1", "k2"], valueName: "weight")
        let figure = Figure(
            id: "ro", title: "t", description: "d",
            panels: [.heatmap(HeatmapPanel(values: [[0, 0.5, 1], [nil, 0.25, 0.125]], readout: readout))],
            colorScale: ColorScale(domain: 0...0.5, label: "w"))
        let svg = try figure.svg()
        let rect = try #require(ParsedSVG(svg)?.all("rect").first { $0.attributes["class"] == "readout" })
        #expect(rect.attributes["data-readout-values"] == "0,1000,2000;,500,250")
        #expect(rect.attributes["data-readout-rows"] == "a|b")
        #expect(rect.attributes["data-readout-columns"] == "k0|k1|k2")
        #expect(rect.attributes["data-readout-span"] == "0.5")
        #expect(rect.attributes["fill"] == "transparent")
    }

    @Test func heatmapsWithoutReadoutCarryNoValues() throws {
        let figure = Figure(id: "plain", title: "t", description: "d",
                            panels: [.heatmap(HeatmapPanel(values: [[0, 1]]))],
                            colorScale: ColorScale(domain: 0...1, label: "w"))
        #expect(!(try figure.svg()).contains("data-readout"))
    }
}
