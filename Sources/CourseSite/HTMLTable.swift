/// A small HTML table of results, with a caption: `<table class="results">`.
///
/// Every cell and the caption are escaped; cells in `numericColumns` get `class="num"` so the stylesheet
/// aligns them right in tabular figures.
public struct HTMLTable: Sendable {
    public var caption: String
    public var header: [String]
    public var rows: [[String]]
    public var numericColumns: Set<Int>

    public init(caption: String, header: [String], rows: [[String]], numericColumns: Set<Int> = []) {
        self.caption = caption
        self.header = header
        self.rows = rows
        self.numericColumns = numericColumns
    }

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
