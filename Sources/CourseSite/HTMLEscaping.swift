/// HTML text helpers shared by the Markdown renderer, the highlighter and the page layout.
public enum HTML {
    /// Escapes `text` for use in HTML element content and in double- or single-quoted attribute values.
    ///
    /// Replaces `&`, `<`, `>`, `"` and `'` with character references; every other character,
    /// including non-ASCII, is kept as is. The empty string gives the empty string.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
