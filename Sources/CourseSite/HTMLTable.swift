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

    /// The table as HTML, wrapped so that a wide table scrolls inside its own box.
    public var html: String {
        func cell(_ tag: String, _ text: String, _ column: Int) -> String {
            let attribute = numericColumns.contains(column) ? " class=\"num\"" : ""
            return "<\(tag)\(attribute)>\(HTML.escape(text))</\(tag)>"
        }
        let head = header.enumerated().map { cell("th", $1, $0) }.joined()
        let body = rows.map { row in "<tr>" + row.enumerated().map { cell("td", $1, $0) }.joined() + "</tr>" }
        return "<div class=\"table-wrap\"><table class=\"results\">"
            + "<caption>\(HTML.escape(caption))</caption>"
            + "<thead><tr>\(head)</tr></thead><tbody>" + body.joined(separator: "\n") + "</tbody></table></div>"
    }
}
