import Testing

@testable import CourseSite

@Suite struct ProseTemplateTests {
    @Test func fillsEveryPlaceholderAndLeavesBlocksAlone() throws {
        let source = "We draw {{text: n}} examples ({{text:n}} in all).\n{{figure: estimates}}\n"
        let filled = try ProseTemplate.fill(source, fileName: "a.md", texts: ["n": "40"])
        #expect(filled == "We draw 40 examples (40 in all).\n{{figure: estimates}}\n")
    }

    @Test func unknownNameNamesFileAndLine() {
        #expect(throws: ProseTemplateError.unknownText("seed", fileName: "a.md", line: 2)) {
            try ProseTemplate.fill("one\ntwo {{text: seed}}", fileName: "a.md", texts: [:])
        }
    }

    @Test func unclosedPlaceholderIsAnError() {
        #expect(throws: ProseTemplateError.unclosed(fileName: "b.md", line: 1)) {
            try ProseTemplate.fill("x {{text: n", fileName: "b.md", texts: ["n": "1"])
        }
    }
}

@Suite struct HTMLTableTests {
    @Test func cellsAreEscapedAndNumbersMarked() {
        let html = HTMLTable(caption: "a < b", header: ["name", "value"], rows: [["<x>", "1.5"]], numericColumns: [1]).html
        #expect(html.contains("<caption>a &lt; b</caption>"))
        #expect(html.contains("<td>&lt;x&gt;</td><td class=\"num\">1.5</td>"))
        #expect(html.contains("<th>name</th><th class=\"num\">value</th>"))
    }
}
