import Figures
import Foundation

/// One cell of a `CSVTable`.
public enum CSVCell: Sendable, Equatable {
    /// Text, quoted in the output when it contains a comma, a double quote or a line break.
    case text(String)
    /// A number (see `CSVTable.format(_:)`); `nil` gives an empty cell, NaN and infinities are errors.
    case number(Double?)
}

/// Why a `CSVTable` could not be rendered. Row numbers count data rows from 1 (the header is row 0).
public enum CSVTableError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A row with a different number of cells than the header.
    case raggedRow(row: Int, cells: Int, expected: Int)
    /// A NaN or infinite number, which a CSV file cannot hold meaningfully.
    case nonFiniteNumber(row: Int, column: String)

    /// One line naming the row and, for numbers, the column.
    public var description: String {
        switch self {
        case .raggedRow(let row, let cells, let expected):
            return "CSV row \(row) has \(cells) cells, expected \(expected)"
        case .nonFiniteNumber(let row, let column):
            return "CSV row \(row), column \(column): number is NaN or infinite"
        }
    }
}

/// A table written as RFC 4180 CSV: a header line, then one line per row, `\n` line endings and a final newline.
public struct CSVTable: Sendable, Equatable {
    /// The column names.
    public var header: [String]
    /// The data rows; each must have exactly `header.count` cells.
    public var rows: [[CSVCell]]

    /// Creates a table.
    public init(header: [String], rows: [[CSVCell]]) {
        self.header = header
        self.rows = rows
    }

    /// The CSV text. Throws for a ragged row or a non-finite number, naming the first offending row.
    public func text() throws(CSVTableError) -> String {
        var text = Self.headerLine(header)
        for (index, row) in rows.enumerated() {
            guard row.count == header.count else {
                throw .raggedRow(row: index + 1, cells: row.count, expected: header.count)
            }
            for (column, cell) in row.enumerated() {
                if column > 0 { text += "," }
                switch cell {
                case .text(let field):
                    text += Self.quoted(field)
                case .number(let number):
                    try Self.append(number, to: &text, row: index + 1, column: header[column])
                }
            }
            text += "\n"
        }
        return text
    }

    /// The CSV bytes of columns of numbers under `header`, as `CSVTable(header:rows:)` with `.number` cells would
    /// write them: column j has `counts[j]` cells, `value(j, i)` each (nil: an empty cell), a shorter column padded
    /// with empty cells. Written a few thousand rows at a time into the bytes, so a million rows never exist as
    /// cells or as one string besides.
    public static func data(header: [String], counts: [Int], value: (Int, Int) -> Double?) throws(CSVTableError)
        -> Data
    {
        let rowCount = counts.max() ?? 0
        guard counts.count == header.count || rowCount == 0 else {
            throw .raggedRow(row: 1, cells: counts.count, expected: header.count)
        }
        var data = Data(capacity: rowCount * counts.count * 20 + 100)
        var text = headerLine(header)
        for row in 0..<rowCount {
            for column in counts.indices {
                if column > 0 { text += "," }
                try append(row < counts[column] ? value(column, row) : nil, to: &text, row: row + 1,
                           column: header[column])
            }
            text += "\n"
            if text.utf8.count > 1 << 16 {
                data.append(contentsOf: Array(text.utf8))
                text = ""
            }
        }
        data.append(contentsOf: Array(text.utf8))
        return data
    }

    private static func headerLine(_ header: [String]) -> String {
        header.map(quoted).joined(separator: ",") + "\n"
    }

    /// Appends a number cell (empty for nil); throws for NaN and infinities.
    private static func append(_ number: Double?, to text: inout String, row: Int, column: String)
        throws(CSVTableError)
    {
        guard let number else { return }
        guard let formatted = format(number) else { throw .nonFiniteNumber(row: row, column: column) }
        text += formatted
    }

    /// A number as CSV text: whole numbers in [−1e15, 1e15] without a fraction (`5`, and `0` for −0), anything else
    /// as Swift's shortest round-trip form (`0.1`, `1e-300`, `1.2345678901234568e+20`); `nil` for NaN and infinities.
    public static func format(_ number: Double) -> String? {
        number.shortest
    }

    /// A field quoted per RFC 4180 when it contains a comma, double quote, CR or LF (inner quotes doubled).
    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return field
        }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
