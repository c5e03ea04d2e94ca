import Testing
@testable import CourseSite

/// Removes tags and decodes the entities of ``HTML/escape(_:)``, to compare highlighted code with its source.
private func plainText(_ html: String) -> String {
    var text = ""
    var inTag = false
    for character in html {
        if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { text.append(character) }
    }
    return text.replacing("&lt;", with: "<").replacing("&gt;", with: ">").replacing("&quot;", with: "\"")
        .replacing("&#39;", with: "'").replacing("&amp;", with: "&")
}

@Test func keywordsTypesNumbersAndCommentsGetClasses() {
    #expect(SwiftHighlighter.html("let n: Int = 42 // answer")
        == "<span class=\"kw\">let</span> n: <span class=\"ty\">Int</span> = <span class=\"nu\">42</span> <span class=\"co\">// answer</span>")
}

@Test func stringsIncludeTheirInterpolation() {
    #expect(SwiftHighlighter.html(#"print("a \(f("b")) c")"#)
        == #"print(<span class="st">&quot;a \(f(&quot;b&quot;)) c&quot;</span>)"#)
}

@Test func blockCommentsNestAndDocCommentsAreComments() {
    #expect(SwiftHighlighter.html("/* a /* b */ c */x") == "<span class=\"co\">/* a /* b */ c */</span>x")
    #expect(SwiftHighlighter.html("/// Doc\nvar") == "<span class=\"co\">/// Doc</span>\n<span class=\"kw\">var</span>")
}

@Test func numbersDoNotSwallowRangeOperators() {
    #expect(SwiftHighlighter.html("1..<5") == "<span class=\"nu\">1</span>..&lt;<span class=\"nu\">5</span>")
    #expect(SwiftHighlighter.html("1.5e-3") == "<span class=\"nu\">1.5e-3</span>")
}

@Test func highlightingNeverLosesOrReordersCharacters() {
    let samples = [
        "struct Point: Sendable { var x = 0x1F, y = 1_000.5 }",
        "let s = #\"raw \\(x) \"quoted\"\"#; let m = \"\"\"\n  multi \"line\" \\(a + b)\n  \"\"\"",
        "@Test func works() async throws { #expect(a < b && c > d) }",
        "let unterminated = \"abc\nlet next = 1 /* open comment",
        "café 🙂 \r\n // émoji ‖x‖",
        "",
    ]
    for sample in samples {
        #expect(plainText(SwiftHighlighter.html(sample)) == sample)
    }
}
