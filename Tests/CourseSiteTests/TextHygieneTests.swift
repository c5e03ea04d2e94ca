import Testing
@testable import CourseSite
import Figures

// User text (a path, a file name) reaches pages only as literal text: no code span, formula, emphasis, heading or
// line break of its own, and control characters shown, not obeyed.

private let awkwardNames = [
    "my`data`.csv", "cost $5 and $6.csv", "a\nb.csv", "# heading.csv", "*starred* _under_.csv", "{{figure: x}}.csv",
    "<script>alert(1)</script>.csv", "back\\slash\\n.csv", "``double``.csv", "`", "tab\there\u{1B}[31m.csv",
]

@Test(arguments: awkwardNames)
func aCodeSpanShowsExactlyTheText(name: String) throws {
    let document = try Markdown.render("Your data (\(Markdown.codeSpan(name)), 40 examples).", fileName: "t.md")
    #expect(document.html == "<p>Your data (<code>\(HTML.escape(ControlCharacters.escaped(name)))</code>, 40 examples).</p>\n")
}

@Test(arguments: awkwardNames)
func literalMarkdownShowsExactlyTheText(name: String) throws {
    let document = try Markdown.render("From \(Markdown.literal(name)) on.", fileName: "t.md")
    #expect(document.html == "<p>From \(HTML.escape(ControlCharacters.escaped(name))) on.</p>\n")
}

@Test func controlCharactersAreShownEscaped() {
    #expect(ControlCharacters.escaped("plain σ path/ü.csv") == "plain σ path/ü.csv")
    #expect(ControlCharacters.escaped("a\nb\rc\td") == "a\\nb\\rc\\td")
    #expect(ControlCharacters.escaped("\u{1B}[2J\u{7F}\u{85}") == "\\u{1B}[2J\\u{7F}\\u{85}")
    #expect(ControlCharacters.escaped("abc\u{202E}txt.csv\u{2028}") == "abc\\u{202E}txt.csv\\u{2028}")
}
