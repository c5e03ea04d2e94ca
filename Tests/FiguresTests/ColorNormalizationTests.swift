import Foundation
import Testing
@testable import Figures

/// A one-panel heatmap figure of `values` on the square-root scale `0...1`, with a read-out.
private func squareRootFigure(_ values: [[Double?]], label: String = "attention weight") -> Figure {
    let readout = HeatmapReadout(rowName: "query", rowNames: values.indices.map(String.init), columnName: "key",
                                 columnNames: values[0].indices.map(String.init), valueName: "weight")
    return Figure(
        id: "sqrt", title: "t", description: "d", panels: [.heatmap(HeatmapPanel(values: values, readout: readout))],
        colorScale: ColorScale(domain: 0...1, label: label, normalization: .squareRoot))
}

@Suite struct ColorNormalizationTests {
    @Test func squareRootMapsAWeightToTheSquareRootOfItsFraction() {
        let scale = ColorScale(domain: 0...1, label: "w", normalization: .squareRoot)
        #expect(scale.position(for: 0.04) == 0.2)
        #expect(scale.position(for: 0.25) == 0.5)
        #expect(scale.position(for: 0) == 0 && scale.position(for: 1) == 1)
        let half = ColorScale(domain: 0...0.5, label: "w", normalization: .squareRoot)
        #expect(half.position(for: 0.125) == 0.5)
        #expect(scale.color(for: 0.04) == ColorMap.reds.quantizedColor(at: 0.2))
        #expect(scale.color(for: 0.25) == ColorMap.reds.quantizedColor(at: 0.5))
    }

    @Test func squareRootSpreadsSmallWeightsWhereLinearFadesThem() {
        let linear = ColorScale(domain: 0...1, label: "w")
        let root = ColorScale(domain: 0...1, label: "w", normalization: .squareRoot)
        #expect(linear.position(for: 0.03) == 0.03)
        #expect(root.position(for: 0.03) > 0.17)
        #expect(linear.color(for: 0.03) != root.color(for: 0.03))
    }

    @Test func endsClampingNaNAndOrderAreKept() {
        for normalization in [ColorNormalization.linear, .squareRoot, .power(1.0 / 3), .power(0.4)] {
            let scale = ColorScale(domain: -1...3, label: "w", normalization: normalization)
            #expect(scale.position(for: -1) == 0 && scale.position(for: 3) == 1)
            #expect(scale.position(for: -5) == 0 && scale.position(for: 9) == 1 && scale.position(for: .nan) == 0)
            #expect(scale.color(for: -1) == ColorMap.reds.color(at: 0) && scale.color(for: 3) == ColorMap.reds.color(at: 1))
            let positions = stride(from: -1.0, through: 3, by: 0.01).map(scale.position(for:))
            #expect(zip(positions, positions.dropFirst()).allSatisfy { $0 <= $1 })
        }
        #expect(ColorScale(domain: 1...1, label: "w", normalization: .squareRoot).position(for: 1) == 0)
    }

    @Test func namesSayWhichScale() {
        #expect(ColorNormalization.linear.name == nil)
        #expect(ColorNormalization.squareRoot.name == "square-root scale")
        #expect(ColorNormalization.power(1.0 / 3).name == "cube-root scale")
        #expect(ColorNormalization.power(0.4).name == "power 0.4 scale")
        #expect(ColorScale(domain: 0...1, label: "weight", normalization: .squareRoot).colorBarLabel
            == "weight (square-root scale)")
        #expect(ColorScale(domain: 0...1, label: "", normalization: .squareRoot).colorBarLabel == "square-root scale")
        #expect(ColorScale(domain: 0...1, label: "weight").colorBarLabel == "weight")
    }

    @Test func exponentMustBeFiniteAndPositive() {
        for exponent in [0.0, -0.5, .infinity] {
            let figure = Figure(id: "bad", title: "t", description: "d", panels: [.heatmap(HeatmapPanel(values: [[1]]))],
                                colorScale: ColorScale(domain: 0...1, label: "w", normalization: .power(exponent)))
            #expect(throws: FigureError.invalidColorExponent(exponent)) { try figure.svg() }
        }
    }

    @Test func cellsAreColouredOnTheSquareRootScale() throws {
        let parsed = try #require(ParsedSVG(try squareRootFigure([[0.04, 0.25]]).svg()))
        let cells = parsed.all("path").filter { $0.attributes["stroke"] != nil && $0.inherited["stroke-width"] == "1" }
        #expect(Set(cells.compactMap { $0.attributes["stroke"] })
            == [ColorMap.reds.quantizedColor(at: 0.2).hex, ColorMap.reds.quantizedColor(at: 0.5).hex])
    }

    @Test func readoutKeepsTheRealWeights() throws {
        let parsed = try #require(ParsedSVG(try squareRootFigure([[0.04, 0.25], [nil, 1]]).svg()))
        let rect = try #require(parsed.all("rect").first { $0.attributes["class"] == "readout" })
        #expect(rect.attributes["data-readout-values"] == "40,250;,1000")
        #expect(rect.attributes["data-readout-low"] == "0" && rect.attributes["data-readout-span"] == "1")
    }
}

@Suite struct SquareRootColorBarTests {
    @Test func labelSaysSquareRootScale() throws {
        let parsed = try #require(ParsedSVG(try squareRootFigure([[0.04, 0.25]]).svg()))
        let label = parsed.all("text").filter { $0.attributes["transform"]?.hasPrefix("rotate") == true }.map(\.text)
        #expect(label.joined(separator: " ") == "attention weight (square-root scale)")
    }

    @Test func aShortBarBreaksItsLabelBeforeTheParenthesis() {
        let lines = ColorBar.labelLines("attention weight (square-root scale)", length: 150)
        #expect(lines.map(\.text) == ["attention weight", "(square-root scale)"])
        #expect(lines.allSatisfy { $0.fontSize == FigureStyle.labelFontSize })
        #expect(ColorBar.labelLines("weight", length: 150).map(\.text) == ["weight"])
        #expect(ColorBar.labelLines("", length: 150).isEmpty)
    }

    @Test func ticksAreRealWeightsAtTheirSquareRootHeights() throws {
        let parsed = try #require(ParsedSVG(try squareRootFigure([[0.04, 0.25]]).svg()))
        let strip = try #require(parsed.all("rect").first { $0.attributes["fill"] == "url(#sqrt-colorbar)" })
        let top = try #require(strip.attributes["y"].flatMap(Double.init))
        let height = try #require(strip.attributes["height"].flatMap(Double.init))
        let stripRight = try #require(strip.attributes["x"].flatMap(Double.init)) + ColorBar.stripWidth
        let ticks = parsed.all("text").filter {
            $0.attributes["transform"] == nil && ($0.attributes["x"].flatMap(Double.init) ?? 0) > stripRight
        }
        let values = ticks.compactMap { Double($0.text) }
        #expect(values.count == ticks.count && values.count >= 5)
        #expect(values.first == 0 && values.last == 1)
        #expect(values.contains(0.1) && values.contains(0.5))
        for (tick, value) in zip(ticks, values) {
            let y = try #require(tick.attributes["y"].flatMap(Double.init))
            #expect(abs(y - (top + height - value.squareRoot() * height + 0.35 * Axis.tickFontSize)) < 0.11)
        }
        #expect(ticks.map(\.text).contains("0.1") && !ticks.map(\.text).contains("0.10"))  // each as short as it can be
    }

    @Test func ticksKeepTwoFontHeightsApartAndIncludeTheEnds() {
        for length in [100.0, 150, 320] {
            let scale = ColorScale(domain: 0...0.25, label: "w", normalization: .squareRoot)
            let axis = ColorBar.axis(for: scale, length: length)
            #expect(axis.ticks.first == 0 && axis.ticks.last == 0.25)
            let heights = axis.ticks.map { scale.position(for: $0) * length }
            #expect(zip(heights, heights.dropFirst()).allSatisfy { $1 - $0 >= 2 * Axis.tickFontSize })
            let inner = axis.ticks.dropFirst().dropLast()
            #expect(inner.allSatisfy { [1.0, 2, 5].contains(($0 / pow(10, log10($0).rounded(.down)) * 1e6).rounded() / 1e6) })
        }
        #expect(ColorBar.niceNumbers(between: 0, and: 1).suffix(3) == [0.1, 0.2, 0.5])
        #expect(ColorBar.niceNumbers(between: -1, and: 1).contains(0))
    }

    @Test func linearScaleKeepsLinearTicks() throws {
        let texts = try #require(ParsedSVG(try Fixtures.heatmapFigure([[0.2, 0.4]]).svg())).all("text").map(\.text)
        #expect(texts.contains("value") && texts.contains("0.0") && texts.contains("0.5") && texts.contains("1.0"))
        #expect(!texts.contains { $0.contains("scale") })
    }
}
