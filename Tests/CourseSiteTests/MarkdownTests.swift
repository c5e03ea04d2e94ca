import Testing
@testable import CourseSite

private func render(_ source: String, blocks: [String: String] = [:]) throws(MarkdownError) -> MarkdownDocument {
    try Markdown.render(source, fileName: "kernels.md", blocks: blocks)
}

/// The message of the error that rendering `source` throws, or nil when it renders.
private func errorMessage(_ source: String, blocks: [String: String] = [:]) -> String? {
    do throws(MarkdownError) {
        _ = try render(source, blocks: blocks)
        return nil
    } catch {
        return error.description
    }
}

@Test func headingsGetUniqueSlugsAndExplicitIds() throws {
    let document = try render("# Attention Pooling\n## Kernels and data {#kernels}\n## Attention Pooling\n### Nadaraya–Watson, 1964!")
    #expect(document.headings.map(\.id) == ["attention-pooling", "kernels", "attention-pooling-2", "nadaraya-watson-1964"])
    #expect(document.headings.map(\.level) == [1, 2, 2, 3])
    #expect(document.headings[1].title == "Kernels and data")
    #expect(document.html.hasPrefix("<h1 id=\"attention-pooling\">Attention Pooling</h1>\n<h2 id=\"kernels\">Kernels and data</h2>\n"))
}

@Test func headingTitlesAreMarkupFreeText() throws {
    let heading = try #require(try render("## The `softmax` of $\\mathbf{q}$").headings.first)
    #expect(heading.title == "The softmax of 𝐪")
    #expect(heading.titleHTML == "The <code>softmax</code> of <math><mi>𝐪</mi></math>")
    #expect(heading.id == "the-softmax-of")
}

@Test func inlineMarkupRendersEmphasisStrongCodeAndLinks() throws {
    let html = try render("Some *em*, _also em_, **strong**, `a < b` and [the NW formula](#eq-11.2.2).").html
    #expect(html == "<p>Some <em>em</em>, <em>also em</em>, <strong>strong</strong>, <code>a &lt; b</code> and <a href=\"#eq-11.2.2\">the NW formula</a>.</p>\n")
}

@Test func intrawordUnderscoresAndUnclosedMarkersStayLiteral() throws {
    #expect(try render("snake_case_name and 2 * 3 and [not a link]").html == "<p>snake_case_name and 2 * 3 and [not a link]</p>\n")
}

@Test func hardWrapsBecomeSpacesAndBlankLinesSplitParagraphs() throws {
    #expect(try render("one\ntwo\n\nthree").html == "<p>one two</p>\n<p>three</p>\n")
}

@Test func htmlInTheSourceIsEscaped() throws {
    let html = try render("<script>alert('x')</script> & \"q\"").html
    #expect(html == "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;</p>\n")
}

@Test func linksAllowOnlySafeSchemes() throws {
    #expect(try render("[a](figures/kernels.svg) [b](https://d2l.ai) [c](mailto:x@y.z)").html
        == "<p><a href=\"figures/kernels.svg\">a</a> <a href=\"https://d2l.ai\">b</a> <a href=\"mailto:x@y.z\">c</a></p>\n")
    #expect(errorMessage("ok\n[x](javascript:alert(1))")
        == "kernels.md:2: unsafe link URL javascript:alert(1 (allowed: relative, #anchor, https:, http:, mailto:)")
    #expect(errorMessage("[x](JavaScript:void)") != nil)
    #expect(errorMessage("[x](data:text/html,hi)") != nil)
}

@Test func listsNestOneLevelByIndentation() throws {
    let html = try render("- first $x^2$\n- second\n  - inner *one*\n  - inner two\n- third\n\n3. three\n4. four").html
    #expect(html == """
        <ul>
        <li>first <math><msup><mi>x</mi><mn>2</mn></msup></math></li>
        <li>second
        <ul>
        <li>inner <em>one</em></li>
        <li>inner two</li>
        </ul></li>
        <li>third</li>
        </ul>
        <ol start="3">
        <li>three</li>
        <li>four</li>
        </ol>

        """)
}

@Test func quotesAndRules() throws {
    #expect(try render("> quoted *text*\n> more\n\n---").html == "<blockquote>\n<p>quoted <em>text</em> more</p>\n</blockquote>\n<hr>\n")
}

@Test func fencedCodeIsEscapedAndSwiftIsHighlighted() throws {
    let html = try render("```swift\nlet x = 1 // one\n```\n\n```\n<b>\n```").html
    #expect(html == "<pre tabindex=\"0\"><code class=\"language-swift\"><span class=\"kw\">let</span> x = <span class=\"nu\">1</span> "
        + "<span class=\"co\">// one</span></code></pre>\n<pre tabindex=\"0\"><code>&lt;b&gt;</code></pre>\n")
    #expect(errorMessage("text\n\n```swift\nlet x = 1") == "kernels.md:3: unclosed ``` code block")
}

@Test func directivesAreReplacedAndReported() throws {
    let document = try render("{{figure: kernels}}\n\ntext\n\n{{ figure:weights }}\n{{figure: kernels}}",
                              blocks: ["figure: kernels": "<figure>K</figure>", "figure: weights": "<figure>W</figure>"])
    #expect(document.html == "<figure>K</figure>\n<p>text</p>\n<figure>W</figure>\n<figure>K</figure>\n")
    #expect(document.usedBlocks == ["figure: kernels", "figure: weights"])
    #expect(errorMessage("a\n\n{{figure: nope}}") == "kernels.md:3: unknown block {{figure: nope}}")
}

@Test func inlineAndDisplayMath() throws {
    #expect(try render("Let $\\alpha$ be.").html == "<p>Let <math><mi>α</mi></math> be.</p>\n")
    #expect(try render("$$\nx = 1\n$$").html
        == "<div class=\"equation\"><math display=\"block\"><mi>x</mi><mo>=</mo><mn>1</mn></math></div>\n")
}

@Test func taggedEquationsGetNumbersAndIds() throws {
    let html = try render("$$f(x) = 1 \\tag{11.2.2}$$").html
    #expect(html == "<div class=\"equation\" id=\"eq-11.2.2\"><math display=\"block\"><mi>f</mi><mo stretchy=\"false\">(</mo>"
        + "<mi>x</mi><mo stretchy=\"false\">)</mo><mo>=</mo><mn>1</mn></math>"
        + "<span class=\"equation-number\">(11.2.2)</span></div>\n")
    #expect(errorMessage("$$a \\tag{1}$$\n\n$$b \\tag{1}$$") == "kernels.md:3: duplicate id eq-1")
}

@Test func escapedDollarIsLiteral() throws {
    #expect(try render("It costs \\$5, or $x$ \\$.").html == "<p>It costs $5, or <math><mi>x</mi></math> $.</p>\n")
}

@Test func errorsCarryFileAndLine() {
    #expect(errorMessage("line one\nline two has $x + \\foo$") ?? "" == "kernels.md:2: " + TeXError.unknownCommand("foo").description)
    #expect(errorMessage("ok\n\nprice is $5 today") == "kernels.md:3: unclosed $ in inline math (write \\$ for a literal dollar)")
    #expect(errorMessage("a\n\n$$\nx\n") == "kernels.md:3: unclosed $$ in display math")
    #expect(errorMessage("use \\alpha here") == "kernels.md:1: TeX command \\alpha outside math (wrap it in $…$)")
    #expect(errorMessage("##### deep") == "kernels.md:1: heading level 5 is too deep (#### is the deepest)")
    #expect(errorMessage("# A {#x}\n# B {#x}") == "kernels.md:2: duplicate id x")
}

@Test func renderedMathNeverContainsBackslashes() throws {
    let source = """
        # Pooling with $\\mathbf{q}$

        We compute $f(\\mathbf{q}) = \\sum_i \\alpha(\\mathbf{q}, \\mathbf{k}_i) \\mathbf{v}_i$ and

        $$
        \\begin{aligned} a &= \\exp\\left(-\\frac{1}{2}\\|x\\|^2\\right) \\\\ &= b \\end{aligned} \\tag{11.2.1}
        $$
        """
    #expect(!(try render(source).html.contains("\\")))
}

@Test func idsStayUniqueAcrossTheFilesOfOnePage() throws {
    let first = try Markdown.render("## Hints\n", fileName: "a.md")
    let second = try Markdown.render("## Hints\n", fileName: "b.md", idsInUse: first.ids)
    #expect(first.headings[0].id == "hints")
    #expect(second.headings[0].id == "hints-2")
    #expect(second.ids == ["hints", "hints-2"])
    #expect(throws: MarkdownError.self) { try Markdown.render("## Again {#hints}\n", fileName: "c.md", idsInUse: second.ids) }
}
