/// Escaping text for HTML and for SVG (XML), the one escaper of the course: the figures' labels and readouts,
/// and the site's Markdown renderer, highlighter and page layout.
public enum HTML {
    /// Escapes `text` for use in HTML or XML element content and in double- or single-quoted attribute values.
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
