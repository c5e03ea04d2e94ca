/// Text from the user (a path, a title, a CSV cell) made safe for a one-line terminal message or a page, by showing
/// the characters that would otherwise act instead of being seen.
///
/// Escaped: the C0 and C1 control characters and DEL (general category Cc: newline, carriage return, escape, …),
/// the line and paragraph separators (U+2028, U+2029) and the bidirectional overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069), which can make a line read differently from what it holds. `\n`, `\r` and `\t`
/// are shown as such, the others as `\u{…}` with the scalar's hexadecimal value, as Swift writes them. A backslash
/// is left as it is (paths seldom hold one, and doubling it would misquote the Windows-style names some users type).
public enum ControlCharacters {
    /// Whether `scalar` is one of the characters escaped.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control || (0x2028...0x2029).contains(scalar.value)
            || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// `text` with every control character escaped; text without one is returned unchanged.
    ///
    ///     ControlCharacters.escaped("a\nb\u{1B}[31m")  // "a\\nb\\u{1B}[31m"
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where isControl(scalar): result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

extension Markdown {
    /// `text` as literal Markdown: it renders as exactly these characters (control characters shown escaped, see
    /// `ControlCharacters`), with no emphasis, code, link or formula, whatever it holds.
    ///
    ///     Markdown.literal("my_data $1`.csv")  // "my\\_data \\$1\\`\\.csv"
    public static func literal(_ text: String) -> String {
        var result = ""
        for character in ControlCharacters.escaped(text) {
            if character.isASCII, character.isPunctuation || character.isSymbol { result.append("\\") }
            result.append(character)
        }
        return result
    }
}

extension Markdown {
    /// `text` as a Markdown code span that renders exactly these characters in `<code>` (control characters shown
    /// escaped): fenced by one backtick more than the longest run inside, and padded by a space on each side, which
    /// the renderer removes.
    ///
    ///     Markdown.codeSpan("a`b")  // "`` a`b ``"
    public static func codeSpan(_ text: String) -> String {
        let shown = ControlCharacters.escaped(text)
        var longest = 0
        var run = 0
        for character in shown {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        return "\(fence) \(shown) \(fence)"
    }
}
