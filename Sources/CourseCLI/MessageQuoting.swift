/// Renders user-supplied text for a one-line error message: at most `limit` characters (then "…"), and with
/// control characters such as newlines escaped so the message stays on one line.
///
/// With `quoteAlways` false, text made only of printable ASCII without spaces or quotes is shown bare.
func quotedForMessage(_ text: String, limit: Int = 20, quoteAlways: Bool = true) -> String {
    let shortened = text.count > limit ? String(text.prefix(limit)) + "…" : text
    let quoted = shortened.debugDescription
    let isPlain = shortened.unicodeScalars.allSatisfy { $0.value > 32 && $0.value < 127 && $0 != "\"" && $0 != "\\" }
    if !quoteAlways && isPlain && !shortened.isEmpty {
        return shortened
    }
    return quoted
}
