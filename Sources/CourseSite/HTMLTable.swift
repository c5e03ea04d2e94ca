import Figures

/// A small HTML table of results, with a caption: `<table class="results">`.
///
/// Every cell and the caption are escaped; cells in `numericColumns` get `class="num"` so the stylesheet
/// aligns them right in tabular figures.
public struct HTMLTable: Sendable {
    /// What the table shows (plain text).
    public var caption: String
    /// The column titles (plain text).
    public var header: [String]
    /// The cells, row by row (plain text).
    public var rows: [[String]]
    /// Indices of the columns holding numbers.
    public var numericColumns: Set<Int>

    /// A table of `rows` under `header`, captioned `caption`.
    public init(caption: String, header: [String], rows: [[String]], numericColumns: Set<Int> = []) {
        self.caption = caption
        self.header = header
        self.rows = rows
        self.numericColumns = numericColumns
    }

    /// Whether the table is estimated wider than the 343 px text column of a 375 px phone: each column as wide as
    /// its longest word (header or cell) at a generous 9.5 px a character, plus the cells' padding. Such a table
    /// gets the class `wide`, and each cell its column title in `data-label`, so that on a phone the style sheet
    /// shows each row as a small card of "title: value" lines instead of a table cut off at the screen's edge.
    public var isWideForPhones: Bool {
        func longestWord(_ text: String) -> Int {
            text.split(whereSeparator: { $0 == " " }).map(\.count).max() ?? 0
        }
        let columns = max(header.count, rows.map(\.count).max() ?? 0)
        let width = (0..<columns).map { column -> Double in
            let texts = (column < header.count ? [header[column]] : []) + rows.compactMap { column < $0.count ? $0[column] : nil }
            return Double(texts.map(longestWord).max() ?? 0) * 9.5 + 22
        }.reduce(0, +)
        return width > 343
    }

    /// The table as HTML, wrapped so that a wide table scrolls inside its own box (on a phone, a wide one is drawn as
    /// cards instead; see `isWideForPhones`).
    public var html: String {
        let wide = isWideForPhones
        func cell(_ tag: String, _ text: String, _ column: Int) -> String {
            var attributes = numericColumns.contains(column) ? " class=\"num\"" : ""
            if wide, tag == "td", column < header.count { attributes += " data-label=\"\(HTML.escape(header[column]))\"" }
            return "<\(tag)\(attributes)>\(HTML.escape(text))</\(tag)>"
        }
        let head = header.enumerated().map { cell("th", $1, $0) }.joined()
        let body = rows.map { row in "<tr>" + row.enumerated().map { cell("td", $1, $0) }.joined() + "</tr>" }
        return "<div class=\"table-wrap\"><table class=\"results\(wide ? " wide" : "")\">"
            + "<caption>\(HTML.escape(caption))</caption>"
            + "<thead><tr>\(head)</tr></thead><tbody>" + body.joined(separator: "\n") + "</tbody></table></div>"
    }
}
