import Testing
@testable import Figures

@Test func escapingReplacesTheFiveMarkupCharactersAndKeepsTheRest() {
    #expect(HTML.escape("") == "")
    #expect(HTML.escape("a < b && c > \"d\" 'e'") == "a &lt; b &amp;&amp; c &gt; &quot;d&quot; &#39;e&#39;")
    #expect(HTML.escape("σ = 0.5 — Müller's") == "σ = 0.5 — Müller&#39;s")
    #expect(HTML.escape("&amp;") == "&amp;amp;")  // escaping is not idempotent: escape once, where text meets markup
}

@Test func figureTextIsEscapedByTheSameEscaperAsThePages() throws {
    let figure = Figure(id: "f", title: "the keys' <covariance>", description: "x & y",
                        panels: [.plot(Fixtures.linePanel([1, 2]))])
    let svg = try figure.svg()
    #expect(svg.contains(HTML.escape("the keys' <covariance>")))
    #expect(svg.contains("the keys&#39; &lt;covariance&gt;"))
}
