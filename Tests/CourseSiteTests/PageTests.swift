import Testing
import CourseSite

private func occurrences(of needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
}

@Test func stylesheetHrefDependsOnPageDepth() {
    #expect(Page(path: "index.html", title: "Home", bodyHTML: "").html
        .contains("<link rel=\"stylesheet\" href=\"style.css\">"))
    #expect(Page(path: "chapter-11-2/index.html", title: "C", bodyHTML: "").html
        .contains("<link rel=\"stylesheet\" href=\"../style.css\">"))
    #expect(Page.relativeHref(to: "style.css", from: "a/b/page.html") == "../../style.css")
}

@Test func documentHasHTML5HeadAndRelativeHomeLink() {
    let html = Page(path: "chapter-11-2/index.html", title: "11.2 Attention Pooling", bodyHTML: "<p>Body</p>").html
    #expect(html.hasPrefix("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"))
    #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
    #expect(html.contains("<meta name=\"color-scheme\" content=\"light dark\">"))
    #expect(html.contains("<title>11.2 Attention Pooling — \(Page.defaultCourseTitle)</title>"))
    #expect(html.contains("<a class=\"course-title\" href=\"../index.html\">\(Page.defaultCourseTitle)</a>"))
    #expect(html.contains("<li><a href=\"../index.html\">Home</a></li><li aria-current=\"page\">11.2 Attention Pooling</li>"))
    #expect(html.contains("<main id=\"content\">\n<h1>11.2 Attention Pooling</h1>\n<p>Body</p>\n</main>"))
    #expect(html.hasSuffix("</body>\n</html>\n"))
    #expect(!html.contains("http://") && !html.contains("src="))
}

@Test func homePageHasNoBreadcrumb() {
    let html = Page(path: "index.html", title: "Course", bodyHTML: "", courseTitle: "Course").html
    #expect(!html.contains("breadcrumb"))
    #expect(html.contains("<title>Course</title>"))
}

@Test func dynamicStringsAreEscapedEverywhere() {
    let nasty = "<&\">"
    let page = Page(
        path: "chapter-x/index.html", title: nasty, bodyHTML: "",
        tableOfContents: [TOCEntry(level: 2, id: nasty, title: nasty)],
        previous: PageLink(title: nasty, path: "a\"b.html"), next: PageLink(title: nasty, path: "c.html"),
        courseTitle: "Course \(nasty)", authorLine: nasty, creditHTML: Page.credit(section: nasty))
    let html = page.html
    #expect(!html.contains(nasty))
    #expect(!html.contains("a\"b"))
    #expect(occurrences(of: "&lt;&amp;&quot;&gt;", in: html) == 11)
}

@Test func tableOfContentsNestsLevelThreeUnderLevelTwoWithoutNumbersOfItsOwn() {
    let entries = [
        TOCEntry(level: 1, id: "top", title: "Ignored"),
        TOCEntry(level: 2, id: "data", title: "Data"),
        TOCEntry(level: 3, id: "kernels", title: "Kernels"),
        TOCEntry(level: 3, id: "widths", title: "Widths"),
        TOCEntry(level: 4, id: "deep", title: "Too deep"),
        TOCEntry(level: 2, id: "summary", title: "Summary"),
    ]
    let html = Page(path: "c/index.html", title: "T", bodyHTML: "", tableOfContents: entries).html
    let expected = """
        <nav class="toc" aria-label="Contents">
        <h2 class="toc-title">Contents</h2>
        <ul>
        <li><a href="#data">Data</a>
        <ul>
        <li><a href="#kernels">Kernels</a></li>
        <li><a href="#widths">Widths</a></li>
        </ul>
        </li>
        <li><a href="#summary">Summary</a>
        </li>
        </ul>
        </nav>
        """
    #expect(html.contains(expected))
    #expect(!html.contains("Ignored") && !html.contains("Too deep"))
}

@Test func tableOfContentsIsOmittedWhenEmpty() {
    #expect(!Page(path: "c/index.html", title: "T", bodyHTML: "").html.contains("class=\"toc\""))
}

@Test func previousAndNextLinksAppearOnlyWhenGiven() {
    let link = PageLink(title: "11.1 Queries, Keys, and Values", path: "chapter-11-1/index.html")
    let both = Page(path: "chapter-11-2/index.html", title: "T", bodyHTML: "", previous: link, next: link).html
    #expect(both.contains("<a class=\"previous\" rel=\"prev\" href=\"../chapter-11-1/index.html\">← 11.1 Queries, Keys, and Values</a>"))
    #expect(both.contains("rel=\"next\""))
    let previousOnly = Page(path: "chapter-11-2/index.html", title: "T", bodyHTML: "", previous: link).html
    #expect(previousOnly.contains("rel=\"prev\"") && !previousOnly.contains("rel=\"next\""))
    let neither = Page(path: "chapter-11-2/index.html", title: "T", bodyHTML: "").html
    #expect(!neither.contains("chapter-nav"))
}

@Test func footerCreditsTheBookAndItsAuthors() {
    let html = Page(path: "c/index.html", title: "T", bodyHTML: "",
                    creditHTML: Page.credit(section: "§11.2 Attention Pooling by Similarity")).html
    #expect(html.contains("<footer class=\"site-footer\"><p>Based on <cite>Dive into Deep Learning</cite> by Aston Zhang, "
        + "Zachary C. Lipton, Mu Li and Alexander J. Smola (<a href=\"https://d2l.ai\">d2l.ai</a>), "
        + "§11.2 Attention Pooling by Similarity, and on Christoph Lippert's lecture slides that follow it; "
        + "prose, code and figures written for this course.</p></footer>"))
}

@Test func figureBlockHasIdCaptionDataLinksAndCode() {
    let figure = FigureBlock(
        name: "estimates", number: "2", svg: "<svg viewBox=\"0 0 10 10\"></svg>", captionHTML: "Estimates <em>f</em>",
        noteHTML: "3 queries had no key in reach: gaps in the plot",
        dataFiles: [DataFileLink(href: "data/estimates.csv"), DataFileLink(href: "data/a&b.csv", label: "raw", download: false)],
        codeHTML: "<span class=\"kw\">let</span> x")
    let html = figure.html
    #expect(figure.id == "fig-estimates")
    #expect(html.hasPrefix("<figure id=\"fig-estimates\">\n<div class=\"figure-plot\">\n<svg viewBox=\"0 0 10 10\"></svg>\n</div>"))
    #expect(html.contains("<span class=\"figure-label\">Figure 2:</span> Estimates <em>f</em>"))
    #expect(html.contains("<div class=\"figure-note\">3 queries had no key in reach: gaps in the plot</div>"))
    #expect(html.contains("Data: <a href=\"data/estimates.csv\" download>estimates.csv</a>, <a href=\"data/a&amp;b.csv\">raw</a>"))
    #expect(html.contains("<details><summary>Swift code for this figure</summary><pre tabindex=\"0\"><code class=\"language-swift\">"
        + "<span class=\"kw\">let</span> x</code></pre></details>"))
    #expect(html.hasSuffix("</figcaption>\n</figure>"))
}

@Test func figureBlockOmitsMissingParts() {
    let html = FigureBlock(name: "f", number: "1", svg: "<svg></svg>", captionHTML: "C").html
    #expect(!html.contains("figure-note") && !html.contains("figure-data") && !html.contains("<details>"))
}

@Test func homePageLinksPresentChaptersAndShowsCommandForMissingOnes() {
    let html = HomePage(presentChapterPaths: ["chapter-11-2/index.html"]).html
    #expect(html.contains("<h2><a href=\"chapter-11-2/index.html\"><span class=\"chapter-number\">11.2</span> "
        + "Attention Pooling by Similarity</a></h2>"))
    #expect(html.contains("<h2><span class=\"chapter-number\">11.1</span> Queries, Keys, and Values</h2>"))
    #expect(html.contains("Not generated yet: run <code>swift run chapter-11-1</code>"))
    #expect(!html.contains("href=\"chapter-11-1/index.html\""))
    #expect(html.contains("<link rel=\"stylesheet\" href=\"style.css\">"))
    let first = html.range(of: "11.1</span>")?.lowerBound
    let second = html.range(of: "11.2</span>")?.lowerBound
    #expect(first != nil && second != nil && first! < second!)
}

@Test func homePageIsTheSameWhicheverChapterWritesIt() {
    let present: Set<String> = ["chapter-11-1/index.html", "chapter-11-2/index.html"]
    let html = HomePage(presentChapterPaths: present).html
    #expect(html == HomePage(presentChapterPaths: Set(present.reversed())).html)
    #expect(!html.contains("Not generated yet"))
}

@Test func catalogueListsBothChaptersInOrder() {
    #expect(CourseCatalogue.chapters.map(\.number) == ["11.1", "11.2"])
    #expect(CourseCatalogue.chapter("11.1")?.path == "chapter-11-1/index.html")
    #expect(CourseCatalogue.chapter("11.2")?.command == "chapter-11-2")
    #expect(CourseCatalogue.chapter("11.2")?.link == PageLink(title: "11.2 Attention Pooling by Similarity",
                                                               path: "chapter-11-2/index.html"))
    #expect(CourseCatalogue.chapter("9.9") == nil)
}

@Test func stylesheetCoversThemesPrintAndHighlighting() {
    let css = Stylesheet.css
    for needle in ["@media (prefers-color-scheme: dark)", "@media print", "break-inside: avoid", ".kw", ".ty", ".st",
                   ".nu", ".co", ".equation-number", "system-ui", "overflow-x: auto", "44rem", "min(500px, 50vw - 1rem)"] {
        #expect(css.contains(needle), "missing \(needle)")
    }
    #expect(!css.contains("@import") && !css.contains("url("))
    #expect(occurrences(of: "{", in: css) == occurrences(of: "}", in: css))
}

@Test func readoutScriptOnlyOnPagesWithReadouts() {
    let with = Page(path: "c/index.html", title: "T", bodyHTML: "<svg><rect class=\"readout\" data-readout-values=\"1\"/></svg>").html
    let without = Page(path: "c/index.html", title: "T", bodyHTML: "<p>text</p>").html
    #expect(with.contains("querySelectorAll(\"rect.readout\")"))
    #expect(!without.contains("<script"))
}
