import Testing
@testable import CourseSite

/// How pages stay readable on a 375 px phone: narrow figure layouts, formulas that shrink to fit, tables as cards,
/// and a math font stack that finds a font with a MATH table on every common system.
@Suite struct PhoneLayoutTests {
    @Test func figureWithANarrowLayoutCarriesBothAndTheStyleSheetShowsOne() {
        let html = FigureBlock(name: "f", number: "1", svg: "<svg id=\"w\"></svg>", captionHTML: "C",
                               narrowSVG: "<svg id=\"n\"></svg>").html
        #expect(html.contains("<div class=\"figure-plot\">\n<div class=\"figure-wide\"><svg id=\"w\"></svg></div>\n"
            + "<div class=\"figure-narrow\"><svg id=\"n\"></svg></div>\n</div>"))
        let css = Stylesheet.css
        #expect(css.contains(".figure-narrow { display: none; }"))
        #expect(css.contains("@media (max-width: 700px) {\n  .figure-wide { display: none; }\n  .figure-narrow { display: block; }"))
    }

    @Test func figureWithoutANarrowLayoutIsUnchanged() {
        let html = FigureBlock(name: "f", number: "1", svg: "<svg></svg>", captionHTML: "C").html
        #expect(html.hasPrefix("<figure id=\"fig-f\">\n<div class=\"figure-plot\">\n<svg></svg>\n</div>"))
        #expect(!html.contains("figure-narrow"))
    }

    @Test func explorerSwitchesTheVariantsOfBothLayouts() {
        let explorer = FigureExplorer(
            name: "x", svg: "<svg><g data-variant=\"0\"></g></svg>", captionHTML: "C", choiceLabel: "K", choices: ["a"],
            stepLabel: "W", steps: ["1"], defaultChoice: 0, defaultStep: 0, dataFiles: [],
            narrowSVG: "<svg><g data-variant=\"0\"></g></svg>")
        let html = explorer.html
        #expect(html.contains("<div class=\"figure-narrow\"><svg><g data-variant=\"0\"></g></svg></div>"))
        #expect(html.contains("root.querySelectorAll(\"g[data-variant]\")"))  // every layer under the figure
    }

    @Test func readoutOfANarrowHeatmapUsesTheWideOnesData() {
        let page = Page(path: "c/index.html", title: "T",
                        bodyHTML: "<svg><rect id=\"a\" class=\"readout\" data-readout-values=\"1\"/></svg>").html
        #expect(page.contains("rect.dataset.readoutFrom ? document.getElementById(rect.dataset.readoutFrom) : rect"))
    }

    @Test func mathFontsOfEverySystemComeBeforeTheGenericFamily() throws {
        let css = Stylesheet.css
        let rule = try #require(css.range(of: "math { font-size: 1.1em; font-family:"))
        let end = try #require(css.range(of: "math; }", range: rule.upperBound..<css.endIndex))
        let stack = css[rule.upperBound..<end.lowerBound]
        for font in ["\"Cambria Math\"", "\"STIX Two Math\"", "\"Latin Modern Math\"", "\"DejaVu Math TeX Gyre\"",
                     "\"Noto Sans Math\""] {
            #expect(stack.contains(font), "missing \(font)")
        }
    }

    @Test func wideDisplayFormulasCarryTheirWidthAndShrinkToFit() throws {
        let wide = try TeX.mathML(#"\mathcal{D} = \{ (\text{Schumacher}, \text{Anna}), (\text{Schneider}, \text{Michael}), (\text{Fischer}, \text{Julia}) \}"#, display: true)
        #expect(wide.hasPrefix("<math display=\"block\" style=\"--math-width: "))
        let narrow = try TeX.mathML("y = 2x", display: true)
        #expect(narrow.hasPrefix("<math display=\"block\"><mi>"))
        let inline = try TeX.mathML(#"\text{a very long inline formula that is wider than any phone}"#, display: false)
        #expect(inline.hasPrefix("<math><mtext>"))
        #expect(Stylesheet.css.contains("var(--math-width, 1)"))
    }

    @Test func estimatedWidthsAreRoughButOrdered() {
        #expect(MathMLNode.text("abcdefghij").estimatedWidth == 5.5)
        let fraction = MathMLNode.fraction(numerator: .number("1"), denominator: .number("2"))
        #expect(fraction.estimatedWidth < MathMLNode.row([.number("1"), .op("/", attributes: []), .number("2")]).estimatedWidth)
        let aligned = MathMLNode.table(rows: [[.identifier("a", upright: false), .number("1"), .text("x"), .text("y")]],
                                       layout: .aligned)
        #expect(aligned.estimatedWidth == 0.6 + 0.5 + 2 + 0.55 + 0.55)
    }

    @Test func aTableTooWideForAPhoneBecomesCardsWithColumnTitles() {
        let wide = HTMLTable(caption: "c", header: ["key", "value", "distance", "exact in D", "exact in D′", "nearest"],
                             rows: [["Schumacher", "Anna", "6", "0", "—", "0"]], numericColumns: [2, 3, 4, 5])
        #expect(wide.isWideForPhones)
        #expect(wide.html.contains("<table class=\"results wide\">"))
        #expect(wide.html.contains("<td data-label=\"key\">Schumacher</td>"))
        #expect(wide.html.contains("<td class=\"num\" data-label=\"exact in D′\">—</td>"))
        #expect(Stylesheet.css.contains("table.wide td::before { content: attr(data-label);"))
        let small = HTMLTable(caption: "c", header: ["estimator", "MSE"], rows: [["Gaussian", "0.784"]])
        #expect(!small.isWideForPhones && !small.html.contains("wide") && !small.html.contains("data-label"))
    }
}
