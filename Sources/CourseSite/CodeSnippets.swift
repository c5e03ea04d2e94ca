/// Why a snippet could not be taken from a source file. Messages are one line, `FILE:LINE: …` where a line applies.
public enum SnippetError: Error, CustomStringConvertible, Equatable, Sendable {
    /// No `// snippet: NAME` marker in the file.
    case notFound(name: String, fileName: String)
    /// A `// snippet: NAME` marker without its `// end snippet`.
    case unterminated(name: String, fileName: String, line: Int)
    /// A second `// snippet: NAME` marker for a name already used (at `firstLine`).
    case duplicateName(name: String, fileName: String, line: Int, firstLine: Int)
    /// An `// end snippet` marker with no open snippet.
    case unmatchedEnd(fileName: String, line: Int)
    /// A `// snippet:` marker with no name.
    case missingName(fileName: String, line: Int)

    /// One line naming the file, the line and the snippet.
    public var description: String {
        switch self {
        case .notFound(let name, let fileName):
            return "\(fileName): no snippet named \(name) (expected a line \"// snippet: \(name)\")"
        case .unterminated(let name, let fileName, let line):
            return "\(fileName):\(line): snippet \(name) has no \"// end snippet\""
        case .duplicateName(let name, let fileName, let line, let firstLine):
            return "\(fileName):\(line): snippet \(name) is already defined on line \(firstLine)"
        case .unmatchedEnd(let fileName, let line):
            return "\(fileName):\(line): \"// end snippet\" without an open snippet"
        case .missingName(let fileName, let line):
            return "\(fileName):\(line): snippet marker without a name"
        }
    }
}

/// Extracts marked regions of Swift source, so a page can show the very code that produced a figure.
///
/// A snippet is the lines strictly between `// snippet: NAME` and its matching `// end snippet` (markers are recognised
/// after trimming surrounding whitespace). Snippets may nest: an `// end snippet` closes the innermost open snippet,
/// and marker lines inside a snippet are left out of its text. The whole file is checked, so a malformed marker
/// anywhere is an error.
public enum CodeSnippets {
    /// The snippet called `name` in `source`, with the common leading indentation of its non-blank lines removed,
    /// blank lines emptied, lines joined by `\n` and no final newline (an empty snippet gives `""`).
    /// `fileName` is only used in error messages.
    public static func snippet(named name: String, in source: String, fileName: String) throws(SnippetError) -> String {
        let lines = sourceLines(source)
        let regions = try parse(lines, fileName: fileName)
        guard let region = regions.first(where: { $0.name == name }) else {
            throw .notFound(name: name, fileName: fileName)
        }
        let body = lines[region.body].filter { marker(in: $0) == nil }
        return dedent(body).joined(separator: "\n")
    }

    private enum Marker: Equatable {
        case start(String)
        case end
    }

    private struct Region {
        let name: String
        let startLine: Int
        let body: Range<Int>
    }

    private static func sourceLines(_ source: String) -> [Substring] {
        source.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    }

    private static func marker(in line: Substring) -> Marker? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed == "// end snippet" {
            return .end
        }
        guard trimmed.hasPrefix("// snippet:") else { return nil }
        return .start(String(trimmed.dropFirst("// snippet:".count)).trimmingCharacters(in: .whitespaces))
    }

    private static func parse(_ lines: [Substring], fileName: String) throws(SnippetError) -> [Region] {
        var open: [(name: String, index: Int)] = []
        var firstLines: [String: Int] = [:]
        var regions: [Region] = []
        for (index, line) in lines.enumerated() {
            switch marker(in: line) {
            case .start(let name)?:
                guard !name.isEmpty else { throw .missingName(fileName: fileName, line: index + 1) }
                if let firstLine = firstLines[name] {
                    throw .duplicateName(name: name, fileName: fileName, line: index + 1, firstLine: firstLine)
                }
                firstLines[name] = index + 1
                open.append((name, index))
            case .end?:
                guard let start = open.popLast() else { throw .unmatchedEnd(fileName: fileName, line: index + 1) }
                regions.append(Region(name: start.name, startLine: start.index + 1, body: (start.index + 1)..<index))
            case nil:
                continue
            }
        }
        if let unclosed = open.first {
            throw .unterminated(name: unclosed.name, fileName: fileName, line: unclosed.index + 1)
        }
        return regions
    }

    private static func dedent(_ lines: [Substring]) -> [String] {
        let indents = lines.filter { !isBlank($0) }.map { $0.prefix(while: { $0 == " " || $0 == "\t" }) }
        let common = indents.dropFirst().reduce(indents.first ?? "") { shared, indent in
            shared.prefix(zip(shared, indent).prefix(while: { $0 == $1 }).count)
        }
        return lines.map { isBlank($0) ? "" : String($0.dropFirst(common.count)) }
    }

    private static func isBlank(_ line: Substring) -> Bool {
        line.allSatisfy { $0 == " " || $0 == "\t" }
    }
}
