import Testing
import CourseSite

private let source = """
    import Foundation

    struct Model {
        // snippet: kernel
        func weight(_ d: Double) -> Double {
            // snippet: inner
            let g = exp(-d * d / 2)

            return g
            // end snippet
        }
        // end snippet
    }
      // snippet: empty
      // end snippet
    """

@Test func extractsSnippetDedentedWithNestedMarkersRemoved() throws {
    let kernel = try CodeSnippets.snippet(named: "kernel", in: source, fileName: "Model.swift")
    #expect(kernel == "func weight(_ d: Double) -> Double {\n    let g = exp(-d * d / 2)\n\n    return g\n}")
}

@Test func extractsInnerSnippet() throws {
    #expect(try CodeSnippets.snippet(named: "inner", in: source, fileName: "Model.swift")
        == "let g = exp(-d * d / 2)\n\nreturn g")
    #expect(try CodeSnippets.snippet(named: "empty", in: source, fileName: "Model.swift") == "")
}

@Test func handlesCRLFAndTabs() throws {
    let crlf = "// snippet: a\r\n\tlet x = 1\r\n\t\tlet y = 2\r\n// end snippet\r\n"
    #expect(try CodeSnippets.snippet(named: "a", in: crlf, fileName: "A.swift") == "let x = 1\n\tlet y = 2")
}

@Test func missingSnippetIsNotFound() {
    #expect(throws: SnippetError.notFound(name: "nope", fileName: "Model.swift")) {
        try CodeSnippets.snippet(named: "nope", in: source, fileName: "Model.swift")
    }
    #expect(SnippetError.notFound(name: "nope", fileName: "Model.swift").description
        == "Model.swift: no snippet named nope (expected a line \"// snippet: nope\")")
}

@Test func unterminatedSnippetNamesItsLine() {
    let text = "let a = 1\n// snippet: open\nlet b = 2\n"
    #expect(throws: SnippetError.unterminated(name: "open", fileName: "B.swift", line: 2)) {
        try CodeSnippets.snippet(named: "open", in: text, fileName: "B.swift")
    }
    #expect(SnippetError.unterminated(name: "open", fileName: "B.swift", line: 2).description
        == "B.swift:2: snippet open has no \"// end snippet\"")
}

@Test func duplicateNameIsAnError() {
    let text = "// snippet: a\nx\n// end snippet\n// snippet: a\ny\n// end snippet\n"
    #expect(throws: SnippetError.duplicateName(name: "a", fileName: "C.swift", line: 4, firstLine: 1)) {
        try CodeSnippets.snippet(named: "a", in: text, fileName: "C.swift")
    }
}

@Test func strayEndAndNamelessMarkerAreErrors() {
    #expect(throws: SnippetError.unmatchedEnd(fileName: "D.swift", line: 2)) {
        try CodeSnippets.snippet(named: "a", in: "x\n// end snippet\n", fileName: "D.swift")
    }
    #expect(throws: SnippetError.missingName(fileName: "D.swift", line: 1)) {
        try CodeSnippets.snippet(named: "a", in: "// snippet:   \n// end snippet\n", fileName: "D.swift")
    }
}
