import Figures

/// Renders the Markdown subset that chapter prose is written in to HTML with MathML formulas.
///
/// Blocks (each starts at the beginning of a line, up to 3 spaces of indentation):
/// - ATX headings `#` … `####` → `<h1 id="slug">` … `<h4>`; the slug is the lower-cased ASCII letters and digits of
///   the title with spaces and dashes as `-`, made unique with `-2`, `-3`, …; `## Title {#id}` sets the id explicitly
///   (letters, digits, `-`, `_`, `.`). `#####` and deeper are an error.
/// - Paragraphs: consecutive non-blank lines, joined with a space.
/// - Lists: `- ` or `* ` (unordered) and `1. ` (ordered; the first number becomes `start`), nested by indenting the
///   marker 2–4 spaces more than its parent. Items hold inline markup; following indented lines continue the item.
/// - Block quotes: lines starting with `>`, rendered as blocks inside `<blockquote>`.
/// - Fenced code blocks: ```` ```lang ```` … ```` ``` ````; `swift` is highlighted with ``SwiftHighlighter``,
///   anything else is escaped.
/// - Horizontal rule: a line of three or more `-`.
/// - Display math: from a line starting with `$$` to the next `$$` (which must end its line) →
///   `<div class="equation"><math display="block">…</math></div>`; `\tag{11.2.2}` is removed from the TeX and adds
///   `id="eq-11.2.2"` and `<span class="equation-number">(11.2.2)</span>`.
/// - Directives: a line `{{kind: name}}` is replaced by `blocks["kind: name"]` verbatim; unknown ones are an error.
///
/// Inline: `*em*`/`_em_` (`_` only at word boundaries), `**strong**`, `` `code` `` (a run of n backticks closes with n),
/// `[text](url)` (relative, `#anchor`, `https:`, `http:`, `mailto:` only), `$TeX$` → `<math>`, and backslash escapes
/// of ASCII punctuation (`\$` is a literal dollar, `\*` a literal star). A backslash before a letter outside math is
/// an error (TeX must be inside `$…$`). Unclosed emphasis, code or links are literal text.
///
/// Raw HTML is not supported: `<`, `>`, `&` and quotes are always escaped. Code blocks and display math inside list
/// items or quotes are not supported. Output is deterministic; blocks are separated by newlines.
public enum Markdown {
    /// Renders `source`; `fileName` is only used in error messages, and `blocks` maps directive keys to HTML.
    /// `idsInUse` are ids that earlier parts of the same page already took (pass the previous document's `ids`), so
    /// that a page made of several files has unique ids: slugs step around them, an explicit `{#id}` clashing with
    /// one is an error.
    ///
    /// Throws ``MarkdownError`` (with file name and 1-based line) for invalid TeX, unclosed `$`/`$$`/code fences,
    /// unknown directives, unsafe link URLs, duplicate or invalid ids, headings deeper than `####`,
    /// and TeX commands outside math.
    public static func render(
        _ source: String, fileName: String, blocks: [String: String] = [:], idsInUse: Set<String> = []
    ) throws(MarkdownError) -> MarkdownDocument {
        var renderer = MarkdownRenderer(fileName: fileName, blocks: blocks)
        renderer.usedIDs = idsInUse
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, text in
            SourceLine(text: text.hasSuffix("\r") ? String(text.dropLast()) : String(text), number: index + 1)
        }
        let html = try renderer.renderBlocks(lines).map { $0 + "\n" }.joined()
        return MarkdownDocument(html: html, headings: renderer.headings, usedBlocks: renderer.usedBlocks,
                                ids: renderer.usedIDs)
    }
}

/// The result of rendering one Markdown file.
public struct MarkdownDocument: Sendable, Equatable {
    /// The HTML fragment, one block per line group, ending with a newline (empty for an empty source).
    public let html: String
    /// The headings in document order.
    public let headings: [Heading]
    /// The directive keys (`"figure: NAME"`) that were placed, in order of first use, without repeats.
    public let usedBlocks: [String]
    /// Every id in use after this document: `idsInUse` and the document's own.
    public let ids: Set<String>
}

/// A heading of a rendered document, for tables of contents and cross references.
public struct Heading: Sendable, Equatable {
    /// 1 to 4, from `#` to `####`.
    public let level: Int
    /// The element id: explicit `{#id}` or the unique slug.
    public let id: String
    /// The title as plain text (markup removed, formulas as their characters), not escaped.
    public let title: String
    /// The title as inline HTML (emphasis, code and MathML kept).
    public let titleHTML: String
}

/// A Markdown rendering failure; `description` is `file:line: message` on one line.
public struct MarkdownError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file name given to ``Markdown/render(_:fileName:blocks:)``.
    public let fileName: String
    /// The 1-based line where the problem starts.
    public let line: Int
    /// What went wrong.
    public let reason: Reason

    /// The kinds of Markdown failure.
    public enum Reason: Equatable, Sendable {
        /// The TeX of a formula is invalid.
        case tex(TeXError)
        /// A `$` without its closing `$`.
        case unclosedInlineMath
        /// `$$` inline or `$$ $$`: a formula with no TeX.
        case emptyMath
        /// A `$$` block without its closing `$$`.
        case unclosedDisplayMath
        /// Text after the closing `$$` on the same line.
        case textAfterDisplayMath
        /// More than one `\tag{}` in one display formula.
        case multipleTags
        /// A ```` ``` ```` fence without its closing fence.
        case unclosedCodeFence
        /// A `{{kind: name}}` directive the caller supplied no HTML for.
        case unknownBlock(String)
        /// A link URL with a scheme other than https, http or mailto, or with whitespace.
        case unsafeLink(String)
        /// An id used twice (explicit heading id or equation tag).
        case duplicateID(String)
        /// An explicit `{#id}` with characters other than letters, digits, `-`, `_`, `.`.
        case invalidID(String)
        /// A heading with more than four `#`.
        case headingTooDeep(Int)
        /// A TeX command such as `\alpha` in prose outside `$…$`.
        case texOutsideMath(String)
    }

    public var description: String {
        "\(fileName):\(line): " + {
            switch reason {
            case .tex(let error): return error.description
            case .unclosedInlineMath: return "unclosed $ in inline math (write \\$ for a literal dollar)"
            case .emptyMath: return "empty formula"
            case .unclosedDisplayMath: return "unclosed $$ in display math"
            case .textAfterDisplayMath: return "text after the closing $$ (it must end the line)"
            case .multipleTags: return "more than one \\tag in a display formula"
            case .unclosedCodeFence: return "unclosed ``` code block"
            case .unknownBlock(let key): return "unknown block {{\(key)}}"
            case .unsafeLink(let url): return "unsafe link URL \(url) (allowed: relative, #anchor, https:, http:, mailto:)"
            case .duplicateID(let id): return "duplicate id \(id)"
            case .invalidID(let id): return "invalid id {#\(id)} (use letters, digits, -, _ and .)"
            case .headingTooDeep(let level): return "heading level \(level) is too deep (#### is the deepest)"
            case .texOutsideMath(let command): return "TeX command \(command) outside math (wrap it in $…$)"
            }
        }()
    }
}

/// One line of the source with its 1-based number.
private struct SourceLine {
    var text: String
    var number: Int

    var isBlank: Bool { text.allSatisfy(\.isWhitespace) }
    var indent: Int { text.prefix { $0 == " " }.count }
    var trimmed: String { text.trimmingWhitespace() }
}

/// A list item marker: `- `, `* ` or `12. ` after `indent` spaces.
private struct ListMarker {
    var indent: Int
    var ordered: Bool
    var number: Int
    var content: String

    init?(_ line: SourceLine) {
        let rest = line.text.dropFirst(line.indent)
        if rest.hasPrefix("- ") || rest.hasPrefix("* ") {
            (ordered, number) = (false, 1)
            content = String(rest.dropFirst(2)).trimmingWhitespace()
        } else {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count < 10, rest.dropFirst(digits.count).hasPrefix(". "),
                  let value = Int(digits) else { return nil }
            (ordered, number) = (true, value)
            content = String(rest.dropFirst(digits.count + 2)).trimmingWhitespace()
        }
        indent = line.indent
    }
}

/// Inline text: the joined lines of a paragraph as characters, remembering where each source line starts.
private struct InlineText {
    var characters: [Character] = []
    var lineStarts: [(offset: Int, number: Int)] = []

    init(_ lines: [SourceLine]) {
        for line in lines {
            if !characters.isEmpty { characters.append(" ") }
            lineStarts.append((characters.count, line.number))
            characters += Array(line.trimmed)
        }
    }

    func line(at offset: Int) -> Int {
        lineStarts.last { $0.offset <= offset }?.number ?? lineStarts.first?.number ?? 1
    }
}

/// HTML and plain text produced side by side by the inline renderer.
private struct Rendered {
    var html = ""
    var plain = ""

    mutating func append(literal text: String) {
        html += HTML.escape(text)
        plain += text
    }

    mutating func append(_ other: Rendered, tag: String) {
        html += "<\(tag)>\(other.html)</\(tag)>"
        plain += other.plain
    }
}

private enum BlockKind {
    case heading, fence, displayMath, directive, rule, quote, listItem
}

/// The stateful renderer behind ``Markdown``: ids in use, headings and placed directives.
private struct MarkdownRenderer {
    let fileName: String
    let blocks: [String: String]
    var headings: [Heading] = []
    var usedBlocks: [String] = []
    var usedIDs: Set<String> = []

    init(fileName: String, blocks: [String: String]) {
        self.fileName = fileName
        self.blocks = blocks
    }

    func failure(_ line: Int, _ reason: MarkdownError.Reason) -> MarkdownError {
        MarkdownError(fileName: fileName, line: line, reason: reason)
    }

    // MARK: Blocks

    static func kind(of line: SourceLine) -> BlockKind? {
        guard line.indent < 4 || ListMarker(line) != nil else { return nil }
        let text = line.trimmed
        if text.hasPrefix("#"), text.drop(while: { $0 == "#" }).first?.isWhitespace ?? true { return .heading }
        if text.hasPrefix("```") { return .fence }
        if text.hasPrefix("$$") { return .displayMath }
        if text.hasPrefix("{{"), text.hasSuffix("}}") { return .directive }
        if text.count >= 3, text.allSatisfy({ $0 == "-" }) { return .rule }
        if text.hasPrefix(">") { return .quote }
        if ListMarker(line) != nil { return .listItem }
        return nil
    }

    mutating func renderBlocks(_ lines: [SourceLine]) throws(MarkdownError) -> [String] {
        var output: [String] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if line.isBlank {
                index += 1
                continue
            }
            switch Self.kind(of: line) {
            case .heading:
                output.append(try renderHeading(line))
                index += 1
            case .fence:
                let (html, next) = try renderFence(lines, from: index)
                output.append(html)
                index = next
            case .displayMath:
                let (html, next) = try renderDisplayMath(lines, from: index)
                output.append(html)
                index = next
            case .directive:
                output.append(try renderDirective(line))
                index += 1
            case .rule:
                output.append("<hr>")
                index += 1
            case .quote:
                var inner: [SourceLine] = []
                while index < lines.count, Self.kind(of: lines[index]) == .quote {
                    var text = lines[index].trimmed.dropFirst()
                    if text.first == " " { text = text.dropFirst() }
                    inner.append(SourceLine(text: String(text), number: lines[index].number))
                    index += 1
                }
                output.append("<blockquote>\n" + (try renderBlocks(inner)).joined(separator: "\n") + "\n</blockquote>")
            case .listItem:
                let (html, next) = try renderList(lines, from: index)
                output.append(html)
                index = next
            case nil:
                var paragraph: [SourceLine] = []
                while index < lines.count, !lines[index].isBlank, paragraph.isEmpty || Self.kind(of: lines[index]) == nil {
                    paragraph.append(lines[index])
                    index += 1
                }
                output.append("<p>" + (try renderInline(paragraph)).html + "</p>")
            }
        }
        return output
    }

    mutating func renderHeading(_ line: SourceLine) throws(MarkdownError) -> String {
        let text = line.trimmed
        let level = text.prefix { $0 == "#" }.count
        guard level <= 4 else { throw failure(line.number, .headingTooDeep(level)) }
        var title = String(text.dropFirst(level)).trimmingWhitespace()
        var explicitID: String?
        if title.hasSuffix("}"), let open = title.firstRange(of: "{#") {
            let id = String(title[open.upperBound...].dropLast())
            guard !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else {
                throw failure(line.number, .invalidID(id))
            }
            explicitID = id
            title = String(title[..<open.lowerBound]).trimmingWhitespace()
        }
        let rendered = try renderInline([SourceLine(text: title, number: line.number)])
        let id: String
        if let explicitID {
            id = try claim(explicitID, line: line.number)
        } else {
            let base = Self.slug(rendered.plain)
            var candidate = base
            var suffix = 2
            while usedIDs.contains(candidate) {
                candidate = "\(base)-\(suffix)"
                suffix += 1
            }
            id = try claim(candidate, line: line.number)
        }
        headings.append(Heading(level: level, id: id, title: rendered.plain, titleHTML: rendered.html))
        return "<h\(level) id=\"\(HTML.escape(id))\">\(rendered.html)</h\(level)>"
    }

    mutating func claim(_ id: String, line: Int) throws(MarkdownError) -> String {
        guard usedIDs.insert(id).inserted else { throw failure(line, .duplicateID(id)) }
        return id
    }

    /// Lower-case ASCII letters and digits; whitespace, `-`, `_` and dashes become single `-`; `section` if empty.
    static func slug(_ title: String) -> String {
        var slug = ""
        for character in title.lowercased() {
            if character.isASCII, character.isLetter || character.isNumber {
                slug.append(character)
            } else if character.isWhitespace || "-_–—".contains(character), !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
        }
        while slug.last == "-" { slug.removeLast() }
        return slug.isEmpty ? "section" : slug
    }

    func renderFence(_ lines: [SourceLine], from start: Int) throws(MarkdownError) -> (String, Int) {
        let language = lines[start].trimmed.dropFirst(3).trimmingWhitespace()
        var index = start + 1
        var code: [String] = []
        while index < lines.count, lines[index].trimmed != "```" {
            code.append(lines[index].text)
            index += 1
        }
        guard index < lines.count else { throw failure(lines[start].number, .unclosedCodeFence) }
        let text = code.joined(separator: "\n")
        let body = language == "swift" ? SwiftHighlighter.html(text) : HTML.escape(text)
        let attribute = language.isEmpty ? "" : " class=\"language-\(HTML.escape(language))\""
        // A block wider than the column scrolls; tabindex lets a keyboard reach and scroll it (WCAG 2.1.1).
        return ("<pre tabindex=\"0\"><code\(attribute)>\(body)</code></pre>", index + 1)
    }

    mutating func renderDisplayMath(_ lines: [SourceLine], from start: Int) throws(MarkdownError) -> (String, Int) {
        let number = lines[start].number
        var remainder = Substring(lines[start].trimmed.dropFirst(2))
        var tex: [Substring] = []
        var index = start
        while true {
            if let close = remainder.firstRange(of: "$$") {
                tex.append(remainder[..<close.lowerBound])
                guard remainder[close.upperBound...].allSatisfy(\.isWhitespace) else {
                    throw failure(lines[index].number, .textAfterDisplayMath)
                }
                break
            }
            tex.append(remainder)
            index += 1
            guard index < lines.count else { throw failure(number, .unclosedDisplayMath) }
            remainder = Substring(lines[index].text)
        }
        var source = tex.joined(separator: "\n")
        let tag = try extractTag(from: &source, line: number)
        guard !source.allSatisfy(\.isWhitespace) else { throw failure(number, .emptyMath) }
        let math: String
        do {
            math = try TeX.mathML(source, display: true)
        } catch {
            throw failure(number, .tex(error))
        }
        guard let tag else { return ("<div class=\"equation\">\(math)</div>", index + 1) }
        let id = try claim("eq-" + String(tag.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) ? $0 : "-" }), line: number)
        let label = "<span class=\"equation-number\">(\(HTML.escape(tag)))</span>"
        return ("<div class=\"equation\" id=\"\(HTML.escape(id))\">\(math)\(label)</div>", index + 1)
    }

    /// Removes the one `\tag{…}` from `source` and returns its content.
    func extractTag(from source: inout String, line: Int) throws(MarkdownError) -> String? {
        guard let start = source.firstRange(of: "\\tag{") else { return nil }
        guard let close = source[start.upperBound...].firstIndex(of: "}") else {
            throw failure(line, .tex(.unbalancedBraces("a { without a matching } in \\tag")))
        }
        let tag = String(source[start.upperBound..<close]).trimmingWhitespace()
        source.removeSubrange(start.lowerBound...close)
        guard source.firstRange(of: "\\tag{") == nil else { throw failure(line, .multipleTags) }
        guard !tag.isEmpty else { throw failure(line, .tex(.missingArgument("\\tag"))) }
        return tag
    }

    mutating func renderDirective(_ line: SourceLine) throws(MarkdownError) -> String {
        let inner = line.trimmed.dropFirst(2).dropLast(2)
        let key: String
        if let colon = inner.firstIndex(of: ":") {
            key = inner[..<colon].trimmingWhitespace() + ": " + inner[inner.index(after: colon)...].trimmingWhitespace()
        } else {
            key = inner.trimmingWhitespace()
        }
        guard let html = blocks[key] else { throw failure(line.number, .unknownBlock(key)) }
        if !usedBlocks.contains(key) { usedBlocks.append(key) }
        return html
    }

    // MARK: Lists

    private struct Item {
        var lines: [SourceLine]
        var nested: [String] = []
    }

    /// Renders the list starting at `start` (a marker line) and returns it with the index after it.
    mutating func renderList(_ lines: [SourceLine], from start: Int) throws(MarkdownError) -> (String, Int) {
        guard let first = ListMarker(lines[start]) else { return ("", start + 1) }
        var items: [Item] = []
        var index = start
        while index < lines.count {
            let line = lines[index]
            if line.isBlank {
                var next = index + 1
                while next < lines.count, lines[next].isBlank { next += 1 }
                guard next < lines.count, let marker = ListMarker(lines[next]),
                      marker.indent >= first.indent, marker.ordered == first.ordered || marker.indent >= first.indent + 2
                else { break }
                index = next
                continue
            }
            if let marker = ListMarker(line) {
                if marker.indent >= first.indent + 2, !items.isEmpty {
                    let (html, next) = try renderList(lines, from: index)
                    items[items.count - 1].nested.append(html)
                    index = next
                    continue
                }
                guard marker.indent >= first.indent, marker.ordered == first.ordered else { break }
                items.append(Item(lines: [SourceLine(text: marker.content, number: line.number)]))
                index += 1
                continue
            }
            guard line.indent > first.indent || Self.kind(of: line) == nil, !items.isEmpty else { break }
            items[items.count - 1].lines.append(line)
            index += 1
        }
        var html: [String] = []
        for item in items {
            html.append("<li>" + (try renderInline(item.lines)).html + item.nested.map { "\n" + $0 }.joined() + "</li>")
        }
        let tag = first.ordered ? "ol" : "ul"
        let start = first.ordered && first.number != 1 ? " start=\"\(first.number)\"" : ""
        return ("<\(tag)\(start)>\n" + html.joined(separator: "\n") + "\n</\(tag)>", index)
    }

    // MARK: Inline

    func renderInline(_ lines: [SourceLine]) throws(MarkdownError) -> Rendered {
        let text = InlineText(lines)
        return try renderInline(text, 0..<text.characters.count)
    }

    func renderInline(_ text: InlineText, _ range: Range<Int>) throws(MarkdownError) -> Rendered {
        let characters = text.characters
        var output = Rendered()
        var index = range.lowerBound
        while index < range.upperBound {
            let character = characters[index]
            switch character {
            case "\\":
                let next = index + 1 < range.upperBound ? characters[index + 1] : " "
                if next.isASCII, next.isLetter {
                    let name = characters[(index + 1)..<range.upperBound].prefix { $0.isASCII && $0.isLetter }
                    throw failure(text.line(at: index), .texOutsideMath("\\" + String(name)))
                }
                if next.isASCII, next.isPunctuation || next.isSymbol {
                    output.append(literal: String(next))
                    index += 2
                } else {
                    output.append(literal: "\\")
                    index += 1
                }
            case "`":
                let run = characters[index..<range.upperBound].prefix { $0 == "`" }.count
                guard let close = Self.codeSpanEnd(characters, from: index + run, run: run, limit: range.upperBound) else {
                    output.append(literal: String(repeating: "`", count: run))
                    index += run
                    continue
                }
                var code = String(characters[(index + run)..<close])
                if code.count > 1, code.first == " ", code.last == " " { code = String(code.dropFirst().dropLast()) }
                output.html += "<code>\(HTML.escape(code))</code>"
                output.plain += code
                index = close + run
            case "$":
                let close = try mathEnd(text, from: index, limit: range.upperBound)
                let tex = String(characters[(index + 1)..<close])
                guard !tex.allSatisfy(\.isWhitespace) else { throw failure(text.line(at: index), .emptyMath) }
                let math: String
                do {
                    math = try TeX.mathML(tex, display: false)
                } catch {
                    throw failure(text.line(at: index), .tex(error))
                }
                output.html += math
                output.plain += Self.textContent(ofXML: math)
                index = close + 1
            case "*", "_":
                if let (rendered, next) = try renderEmphasis(text, at: index, limit: range.upperBound) {
                    output.html += rendered.html
                    output.plain += rendered.plain
                    index = next
                } else {
                    output.append(literal: String(character))
                    index += 1
                }
            case "[":
                if let (rendered, next) = try renderLink(text, at: index, limit: range.upperBound) {
                    output.html += rendered.html
                    output.plain += rendered.plain
                    index = next
                } else {
                    output.append(literal: "[")
                    index += 1
                }
            default:
                output.append(literal: String(character))
                index += 1
            }
        }
        return output
    }

    static func codeSpanEnd(_ characters: [Character], from start: Int, run: Int, limit: Int) -> Int? {
        var index = start
        while index < limit {
            guard characters[index] == "`" else {
                index += 1
                continue
            }
            let length = characters[index..<limit].prefix { $0 == "`" }.count
            if length == run { return index }
            index += length
        }
        return nil
    }

    /// The index of the `$` closing the formula opened at `start`; `\$` inside does not close it.
    func mathEnd(_ text: InlineText, from start: Int, limit: Int) throws(MarkdownError) -> Int {
        var index = start + 1
        while index < limit {
            if text.characters[index] == "\\" {
                index += 2
            } else if text.characters[index] == "$" {
                return index
            } else {
                index += 1
            }
        }
        throw failure(text.line(at: start), .unclosedInlineMath)
    }

    /// The index of the next `delimiter` at or after `start`, skipping escapes, code spans and formulas.
    func find(_ delimiter: [Character], in text: InlineText, from start: Int, limit: Int) throws(MarkdownError) -> Int? {
        let characters = text.characters
        var index = start
        while index < limit {
            let character = characters[index]
            if index + delimiter.count <= limit, Array(characters[index..<(index + delimiter.count)]) == delimiter {
                if delimiter == ["*"], index + 1 < limit, characters[index + 1] == "*" {
                    index += 2
                    continue
                }
                return index
            }
            switch character {
            case "\\":
                index += 2
            case "`":
                let run = characters[index..<limit].prefix { $0 == "`" }.count
                index = (Self.codeSpanEnd(characters, from: index + run, run: run, limit: limit) ?? index) + run
            case "$":
                index = try mathEnd(text, from: index, limit: limit) + 1
            default:
                index += 1
            }
        }
        return nil
    }

    /// `**strong**`, `*em*` or `_em_` at `start`, or nil when it does not open or never closes.
    func renderEmphasis(_ text: InlineText, at start: Int, limit: Int) throws(MarkdownError) -> (Rendered, Int)? {
        let characters = text.characters
        let marker = characters[start]
        let strong = start + 1 < limit && characters[start + 1] == marker
        let width = strong ? 2 : 1
        let contentStart = start + width
        guard contentStart < limit, !characters[contentStart].isWhitespace else { return nil }
        if marker == "_", start > 0, characters[start - 1].isLetter || characters[start - 1].isNumber { return nil }
        var searchFrom = contentStart
        while let close = try find(Array(repeating: marker, count: width), in: text, from: searchFrom, limit: limit) {
            let after = close + width
            let wordFollows = after < limit && (characters[after].isLetter || characters[after].isNumber)
            if close > contentStart, !characters[close - 1].isWhitespace, marker == "*" || !wordFollows {
                var rendered = Rendered()
                rendered.append(try renderInline(text, contentStart..<close), tag: strong ? "strong" : "em")
                return (rendered, after)
            }
            searchFrom = close + width
        }
        return nil
    }

    /// `[text](url)` at `start`, or nil when it is not a complete link. Unsafe URLs are an error.
    func renderLink(_ text: InlineText, at start: Int, limit: Int) throws(MarkdownError) -> (Rendered, Int)? {
        let characters = text.characters
        guard let close = try find(["]"], in: text, from: start + 1, limit: limit),
              close + 1 < limit, characters[close + 1] == "(",
              let end = characters[(close + 2)..<limit].firstIndex(of: ")") else { return nil }
        let url = String(characters[(close + 2)..<end])
        guard Self.isSafe(url) else { throw failure(text.line(at: start), .unsafeLink(url)) }
        let label = try renderInline(text, (start + 1)..<close)
        var rendered = Rendered()
        rendered.html = "<a href=\"\(HTML.escape(url))\">\(label.html)</a>"
        rendered.plain = label.plain
        return (rendered, end + 1)
    }

    /// Relative URLs, `#anchors`, and `https:`, `http:`, `mailto:`; nothing with whitespace or control characters.
    static func isSafe(_ url: String) -> Bool {
        guard !url.isEmpty, !url.contains(where: { $0.isWhitespace || $0.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } })
        else { return false }
        let beforePath = url.prefix { !"/?#".contains($0) }
        guard let colon = beforePath.firstIndex(of: ":") else { return true }
        return ["https", "http", "mailto"].contains(beforePath[..<colon].lowercased())
    }

    /// The characters of a MathML fragment without tags or the invisible apply-function, entities decoded.
    static func textContent(ofXML xml: String) -> String {
        var text = ""
        var inTag = false
        for character in xml {
            if character == "<" {
                inTag = true
            } else if character == ">" {
                inTag = false
            } else if !inTag, character != "\u{2061}" {
                text.append(character)
            }
        }
        return text.replacingEntities()
    }
}

private extension StringProtocol {
    func trimmingWhitespace() -> String {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map(index(after:)) ?? start
        return String(self[start..<end])
    }

    /// Decodes the five references that ``HTML/escape(_:)`` produces.
    func replacingEntities() -> String {
        var result = ""
        var index = startIndex
        let entities: [(String, Character)] = [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")]
        while index < endIndex {
            if self[index] == "&", let (entity, character) = entities.first(where: { self[index...].hasPrefix($0.0) }) {
                result.append(character)
                index = self.index(index, offsetBy: entity.count)
            } else {
                result.append(self[index])
                index = self.index(after: index)
            }
        }
        return result
    }
}
