/// Fills `{{text: NAME}}` placeholders in a chapter's prose with numbers the chapter computed (a sample size,
/// a seed, a list of files), before the prose is rendered as Markdown.
///
/// The replacement is Markdown too, so it is escaped like the rest of the prose. Block directives such as
/// `{{figure: NAME}}` are left alone for `Markdown.render`.
public enum ProseTemplate {
    /// Returns `source` with every `{{text: NAME}}` replaced by `texts[NAME]`.
    /// - Throws: `ProseTemplateError.unknownText` (with the file and line) for a name missing from `texts`.
    public static func fill(_ source: String, fileName: String, texts: [String: String])
        throws(ProseTemplateError) -> String
    {
        var output = ""
        var rest = Substring(source)
        while let open = rest.range(of: "{{text:") {
            output += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw .unclosed(fileName: fileName, line: lineNumber(of: open.lowerBound, in: source))
            }
            let name = rest[open.upperBound..<close.lowerBound].trimmingSpaces()
            guard let text = texts[name] else {
                throw .unknownText(name, fileName: fileName, line: lineNumber(of: open.lowerBound, in: source))
            }
            output += text
            rest = rest[close.upperBound...]
        }
        return output + rest
    }

    private static func lineNumber(of index: String.Index, in source: String) -> Int {
        source[..<index].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}

/// Why a prose template could not be filled. One line, naming the file and line.
public enum ProseTemplateError: Error, Equatable, CustomStringConvertible {
    case unknownText(String, fileName: String, line: Int)
    case unclosed(fileName: String, line: Int)

    public var description: String {
        switch self {
        case .unknownText(let name, let file, let line): "\(file):\(line): unknown text placeholder {{text: \(name)}}"
        case .unclosed(let file, let line): "\(file):\(line): a {{text: placeholder is not closed with }}"
        }
    }
}
