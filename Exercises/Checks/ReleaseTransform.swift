/// The text transformations that turn the instructor's sources into the student edition, on whole files.
///
/// Markers are whole lines (surrounding spaces ignored): `// BEGIN SOLUTION` (or `// BEGIN SOLUTION (stub: CODE)`)
/// … `// END SOLUTION` in the workspace, `// BEGIN HIDDEN CHECKS` … `// END HIDDEN CHECKS` in the checks, and
/// `<!-- BEGIN SOLUTION -->` … `<!-- END SOLUTION -->` in the pages. Blocks may not nest; every block must close.
/// A line merely mentioning a marker among other text is not a marker.
public enum ReleaseTransform {
    static let solutionBegin = "// BEGIN SOLUTION"
    static let solutionEnd = "// END SOLUTION"
    static let stubPrefix = "// BEGIN SOLUTION (stub: "
    static let hiddenBegin = "// BEGIN HIDDEN CHECKS"
    static let hiddenEnd = "// END HIDDEN CHECKS"
    /// The page markers around a worked solution.
    public static let pageBegin = "<!-- BEGIN SOLUTION -->"
    /// The page markers around a worked solution.
    public static let pageEnd = "<!-- END SOLUTION -->"

    /// Replaces each solution block of a workspace file, markers included, by one line
    /// `throw ExerciseError.notImplemented("NAME")` indented like the BEGIN line, NAME being the nearest preceding
    /// `func NAME` — or by `CODE` when the BEGIN line reads `// BEGIN SOLUTION (stub: CODE)`.
    /// - Throws: `ExerciseToolError.markers` naming `file` and the line of an unbalanced or nested marker, or of a
    ///   block with no function before it and no stub code.
    public static func stubSolutions(_ source: String, file: String) throws(ExerciseToolError) -> String {
        let lines = split(source)
        let blocks = try Self.blocks(in: lines, file: file, begins: { $0 == solutionBegin || isStubLine($0) },
                                     ends: { $0 == solutionEnd }, name: "// BEGIN SOLUTION")
        var output: [String] = []
        var next = 0
        for block in blocks {
            output += lines[next..<block.begin]
            let beginLine = lines[block.begin]
            let indentation = String(beginLine.prefix { $0 == " " || $0 == "\t" })
            let trimmed = beginLine.markerTrimmed
            if isStubLine(trimmed) {
                output.append(indentation + trimmed.dropFirst(stubPrefix.count).dropLast())
            } else {
                guard let function = enclosingFunction(before: block.begin, in: lines) else {
                    throw .markers(file: file, line: block.begin + 1,
                                   problem: "solution block outside a function: add (stub: CODE) to the BEGIN line")
                }
                output.append(indentation + "throw ExerciseError.notImplemented(\"\(function)\")")
            }
            next = block.end + 1
        }
        output += lines[next...]
        return output.joined(separator: "\n")
    }

    /// Deletes each hidden-checks block of a checks file, markers included.
    /// - Throws: `ExerciseToolError.markers` for an unbalanced or nested marker.
    public static func removeHiddenChecks(_ source: String, file: String) throws(ExerciseToolError) -> String {
        try removeBlocks(source, file: file, begin: hiddenBegin, end: hiddenEnd)
    }

    /// Deletes each worked-solution block of an exercise page, markers included (the student edition).
    /// - Throws: `ExerciseToolError.markers` for an unbalanced or nested marker.
    public static func removePageSolutions(_ source: String, file: String) throws(ExerciseToolError) -> String {
        try removeBlocks(source, file: file, begin: pageBegin, end: pageEnd)
    }

    /// Deletes only the marker lines of an exercise page, keeping the worked solutions (the instructor's site).
    /// - Throws: `ExerciseToolError.markers` for an unbalanced or nested marker.
    public static func showPageSolutions(_ source: String, file: String) throws(ExerciseToolError) -> String {
        let lines = split(source)
        let blocks = try Self.blocks(in: lines, file: file, begins: { $0 == pageBegin }, ends: { $0 == pageEnd },
                                     name: pageBegin)
        let markers = Set(blocks.flatMap { [$0.begin, $0.end] })
        return lines.indices.filter { !markers.contains($0) }.map { lines[$0] }.joined(separator: "\n")
    }

    private static func removeBlocks(_ source: String, file: String, begin: String, end: String)
        throws(ExerciseToolError) -> String
    {
        let lines = split(source)
        let blocks = try Self.blocks(in: lines, file: file, begins: { $0 == begin }, ends: { $0 == end }, name: begin)
        var output: [String] = []
        var next = 0
        for block in blocks {
            output += lines[next..<block.begin]
            next = block.end + 1
        }
        output += lines[next...]
        return output.joined(separator: "\n")
    }

    /// The (begin, end) line indices of each block, in order.
    private static func blocks(
        in lines: [String], file: String, begins: (String) -> Bool, ends: (String) -> Bool, name: String
    ) throws(ExerciseToolError) -> [(begin: Int, end: Int)] {
        var blocks: [(begin: Int, end: Int)] = []
        var open: Int?
        for (index, line) in lines.enumerated() {
            let trimmed = line.markerTrimmed
            if begins(trimmed) {
                if let open {
                    throw .markers(file: file, line: index + 1,
                                   problem: "\(name) inside the block opened at line \(open + 1) (blocks do not nest)")
                }
                open = index
            } else if ends(trimmed) {
                guard let begin = open else {
                    throw .markers(file: file, line: index + 1, problem: "\(trimmed) without a \(name) before it")
                }
                blocks.append((begin, index))
                open = nil
            }
        }
        if let open {
            throw .markers(file: file, line: open + 1, problem: "\(name) is never closed")
        }
        return blocks
    }

    private static func isStubLine(_ trimmed: String) -> Bool {
        trimmed.hasPrefix(stubPrefix) && trimmed.hasSuffix(")") && trimmed.count > stubPrefix.count + 1
    }

    /// The name in the nearest line before `index` declaring `func NAME(` or `func NAME<`.
    private static func enclosingFunction(before index: Int, in lines: [String]) -> String? {
        for line in lines[..<index].reversed() {
            guard let range = line.range(of: "func ") else { continue }
            let name = line[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            let after = line[range.upperBound...].dropFirst(name.count).first
            if !name.isEmpty, after == "(" || after == "<" { return String(name) }
        }
        return nil
    }

    private static func split(_ source: String) -> [String] {
        source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs (a trailing carriage return counts as a space).
    var markerTrimmed: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
