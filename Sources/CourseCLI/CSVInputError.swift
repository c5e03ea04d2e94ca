/// Why a numeric CSV file given on the command line could not be used.
///
/// Each message is one line starting with the file's path; content errors add `line L, column C (NAME)` (1-based,
/// counting every physical line including the header and blank lines).
public enum CSVInputError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Nothing exists at the path.
    case fileMissing(path: String)
    /// The path names a directory.
    case isDirectory(path: String)
    /// The path names a device, a pipe or a socket (`kind`, such as "a character device"), not a file.
    case notRegularFile(path: String, kind: String)
    /// The data can be read but not used (`problem` says why, such as inputs that all have the same value).
    case unusable(path: String, problem: String)
    /// The file exists but could not be read; `reason` is the system's explanation.
    case unreadable(path: String, reason: String)
    /// The file is larger than the reader accepts.
    case tooLarge(path: String, bytes: Int, limit: Int)
    /// The file has no content, or only whitespace.
    case empty(path: String)
    /// The file contains NUL bytes or is not valid UTF-8.
    case binary(path: String)
    /// The first non-blank line is not the expected header.
    case wrongHeader(path: String, expected: [String], found: String)
    /// A data row has more cells than the header.
    case tooManyCells(path: String, line: Int, found: Int, expected: Int)
    /// A data row has fewer cells than the header; `column` is the first missing one.
    case tooFewCells(path: String, line: Int, column: Int, columnName: String, found: Int, expected: Int)
    /// A cell that is not a plain decimal number.
    case notANumber(path: String, line: Int, column: Int, columnName: String, text: String)
    /// A cell holding NaN or an infinity, or a number too large for a `Double` (such as `1e999`).
    case nonFinite(path: String, line: Int, column: Int, columnName: String, text: String)
    /// Fewer data rows than required.
    case tooFewRows(path: String, found: Int, minimum: Int)
    /// More data rows than allowed; `line` is where the first extra row starts.
    case tooManyRows(path: String, line: Int, maximum: Int)

    /// One line describing the problem, naming the file and, for content errors, line, column and column name.
    public var description: String {
        switch self {
        case .fileMissing(let path):
            return "\(path): no such file"
        case .isDirectory(let path):
            return "\(path): is a directory, expected a CSV file"
        case .notRegularFile(let path, let kind):
            return "\(path): is \(kind), expected a CSV file"
        case .unusable(let path, let problem):
            return "\(path): \(problem)"
        case .unreadable(let path, let reason):
            return "\(path): cannot be read (\(reason))"
        case .tooLarge(let path, let bytes, let limit):
            return "\(path): file is \(bytes) bytes, larger than the limit of \(limit) bytes"
        case .empty(let path):
            return "\(path): file is empty, expected a header line and data rows"
        case .binary(let path):
            return "\(path): not a text file (contains NUL bytes or is not UTF-8)"
        case .wrongHeader(let path, let expected, let found):
            return "\(path): expected header \(expected.joined(separator: ",").debugDescription), "
                + "found \(quotedForMessage(found, limit: 40))"
        case .tooManyCells(let path, let line, let found, let expected):
            return "\(path): line \(line), column \(expected + 1): row has \(found) cells, expected \(expected)"
        case .tooFewCells(let path, let line, let column, let columnName, let found, let expected):
            return "\(path): line \(line), column \(column) (\(columnName)): row has \(cells(found)), "
                + "expected \(expected)"
        case .notANumber(let path, let line, let column, let columnName, let text):
            let what = text.isEmpty ? "empty cell" : quotedForMessage(text)
            return "\(path): line \(line), column \(column) (\(columnName)): \(what) is not a number"
        case .nonFinite(let path, let line, let column, let columnName, let text):
            return "\(path): line \(line), column \(column) (\(columnName)): \(quotedForMessage(text)) "
                + "is not a finite number"
        case .tooFewRows(let path, let found, let minimum):
            return "\(path): has \(found) data \(found == 1 ? "row" : "rows"), needs at least \(minimum)"
        case .tooManyRows(let path, let line, let maximum):
            return "\(path): line \(line): too many data rows, at most \(maximum) allowed"
        }
    }

    private func cells(_ count: Int) -> String {
        count == 1 ? "1 cell" : "\(count) cells"
    }
}
