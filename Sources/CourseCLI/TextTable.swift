/// A plain-text table for the terminal: a header, a rule, and columns padded to their widest cell.
///
///     TextTable(header: ["kernel", "MSE"], rows: [["Gaussian", "0.31"]], rightAligned: [1]).text
///     // kernel    MSE
///     // --------  ----
///     // Gaussian  0.31
///
/// Widths count Characters, so "σ" is one column wide. Rows shorter than the header are padded with empty cells.
public struct TextTable: Sendable {
    /// The column titles.
    public var header: [String]
    /// The cells, row by row.
    public var rows: [[String]]
    /// Indices of the columns aligned right (numbers).
    public var rightAligned: Set<Int>

    /// A table of `rows` under `header`, with the columns in `rightAligned` aligned right.
    public init(header: [String], rows: [[String]], rightAligned: Set<Int> = []) {
        self.header = header
        self.rows = rows
        self.rightAligned = rightAligned
    }

    /// The table as lines joined by newlines, without a trailing newline.
    public var text: String {
        let columns = max(header.count, rows.map(\.count).max() ?? 0)
        let cell = { (row: [String], column: Int) in column < row.count ? row[column] : "" }
        let widths = (0..<columns).map { column in
            ([header] + rows).map { cell($0, column).count }.max() ?? 0
        }
        func line(_ row: [String]) -> String {
            (0..<columns).map { column in
                let text = cell(row, column)
                let padding = String(repeating: " ", count: widths[column] - text.count)
                return rightAligned.contains(column) ? padding + text : text + padding
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
