import Figures

/// Lexical syntax highlighting of Swift source as escaped HTML with `<span>` classes.
///
/// Classes: `kw` keywords (and `#directive`s/macros and `@attributes`), `ty` identifiers starting with an upper-case
/// letter, `st` string literals (single-line, multi-line `"""` and raw `#"…"#`, interpolations included as part of
/// the string), `nu` number literals, `co` comments (`//`, `///`, nested `/* */`). Everything else is escaped text.
/// The highlighter never fails: unterminated strings and comments run to the end of the line or of the code.
/// Removing the tags and decoding the entities gives back the input exactly.
public enum SwiftHighlighter {
    /// Returns `code` as HTML, safe inside `<pre><code>`.
    public static func html(_ code: String) -> String {
        var scanner = SwiftScanner(Array(code))
        return scanner.highlight()
    }
}

/// The character scanner behind ``SwiftHighlighter``.
private struct SwiftScanner {
    private let characters: [Character]
    private var position = 0
    private var output = ""

    private static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows",
        "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default", "defer",
        "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where",
        "while", "Any", "as", "await", "false", "is", "nil", "self", "Self", "super", "throws", "true", "try",
        "async", "actor", "some", "any", "nonisolated", "mutating", "nonmutating", "override", "final", "lazy",
        "weak", "unowned", "convenience", "required", "indirect", "consuming", "borrowing", "sending", "package",
        "macro",
    ]

    init(_ characters: [Character]) {
        self.characters = characters
    }

    private func character(at index: Int) -> Character? {
        index < characters.count ? characters[index] : nil
    }

    private func isIdentifierStart(_ character: Character?) -> Bool {
        guard let character else { return false }
        return character.isLetter || character == "_"
    }

    private func isIdentifierPart(_ character: Character?) -> Bool {
        guard let character else { return false }
        return character.isLetter || character.isNumber || character == "_"
    }

    mutating func highlight() -> String {
        while let current = character(at: position) {
            let next = character(at: position + 1)
            let start = position
            if current == "/", next == "/" {
                while let character = character(at: position), !character.isNewline { position += 1 }
                emit(from: start, class: "co")
            } else if current == "/", next == "*" {
                skipBlockComment()
                emit(from: start, class: "co")
            } else if current == "\"" || (current == "#" && (next == "\"" || next == "#")) {
                skipString()
                emit(from: start, class: "st")
            } else if current.isASCII, current.isNumber {
                skipNumber()
                emit(from: start, class: "nu")
            } else if (current == "#" || current == "@"), isIdentifierStart(next) {
                position += 1
                while isIdentifierPart(character(at: position)) { position += 1 }
                emit(from: start, class: "kw")
            } else if isIdentifierStart(current) {
                while isIdentifierPart(character(at: position)) { position += 1 }
                let word = String(characters[start..<position])
                if Self.keywords.contains(word) {
                    emit(from: start, class: "kw")
                } else if word.first?.isUppercase == true {
                    emit(from: start, class: "ty")
                } else {
                    emit(from: start, class: nil)
                }
            } else {
                position += 1
                emit(from: start, class: nil)
            }
        }
        return output
    }

    private mutating func emit(from start: Int, class name: String?) {
        let text = HTML.escape(String(characters[start..<position]))
        output += name.map { "<span class=\"\($0)\">\(text)</span>" } ?? text
    }

    /// Skips a `/* */` comment, which may nest; an unterminated one runs to the end.
    private mutating func skipBlockComment() {
        var depth = 0
        while let current = character(at: position) {
            let next = character(at: position + 1)
            if current == "/", next == "*" {
                depth += 1
                position += 2
            } else if current == "*", next == "/" {
                depth -= 1
                position += 2
                if depth == 0 { return }
            } else {
                position += 1
            }
        }
    }

    /// Skips a string literal starting at `position` (optionally raw with `#`s, optionally `"""`),
    /// including interpolations `\(…)` which may contain strings of their own.
    private mutating func skipString() {
        var hashes = 0
        while character(at: position) == "#" {
            hashes += 1
            position += 1
        }
        let multiline = character(at: position) == "\"" && character(at: position + 1) == "\""
            && character(at: position + 2) == "\""
        let quotes = multiline ? 3 : 1
        guard character(at: position) == "\"" else { return }
        position += quotes
        let escape = "\\" + String(repeating: "#", count: hashes)
        let closing = Array(String(repeating: "\"", count: quotes) + String(repeating: "#", count: hashes))
        while let current = character(at: position) {
            if !multiline, current.isNewline { return }
            if matches(Array(closing), at: position) {
                position += closing.count
                return
            }
            if matches(Array(escape), at: position) {
                position += escape.count
                if character(at: position) == "(" {
                    skipInterpolation()
                } else if character(at: position) != nil {
                    position += 1
                }
            } else {
                position += 1
            }
        }
    }

    /// Skips `( … )` of an interpolation, balancing parentheses and skipping nested strings.
    private mutating func skipInterpolation() {
        var depth = 0
        while let current = character(at: position) {
            if current == "\"" || (current == "#" && character(at: position + 1) == "\"") {
                skipString()
                continue
            }
            position += 1
            if current == "(" { depth += 1 }
            if current == ")" {
                depth -= 1
                if depth == 0 { return }
            }
        }
    }

    private func matches(_ pattern: [Character], at index: Int) -> Bool {
        index + pattern.count <= characters.count && Array(characters[index..<(index + pattern.count)]) == pattern
    }

    /// Skips a number literal: decimal, hex (`0x`, with `p` exponents), octal, binary, `_` separators,
    /// a fraction only when a digit follows the point (so `1..<5` stays a range), and signed exponents.
    private mutating func skipNumber() {
        let hex = character(at: position) == "0" && (character(at: position + 1) == "x" || character(at: position + 1) == "X")
        while let current = character(at: position) {
            let next = character(at: position + 1)
            if current.isASCII, current.isLetter || current.isNumber || current == "_" {
                position += 1
                let exponent = hex ? (current == "p" || current == "P") : (current == "e" || current == "E")
                if exponent, next == "+" || next == "-" { position += 1 }
            } else if current == ".", let next, next.isASCII, next.isNumber {
                position += 1
            } else {
                return
            }
        }
    }
}
