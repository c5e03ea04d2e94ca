import Foundation

/// Reads a small CSV file of numbers with a known header, such as user-supplied training points.
///
/// Accepted: an optional UTF-8 byte-order mark, `\n` or `\r\n` line endings, spaces or tabs around cells, blank lines
/// anywhere (skipped), and a missing or present final newline. Not accepted: quoted cells, other separators.
/// A cell must be a plain decimal number as `Double(String)` reads it after trimming — optional sign, digits, optional
/// fraction and exponent (`-2.5`, `1e-3`, `.5`); hexadecimal (`0x10`), underscores (`1_000`), NaN and infinities
/// (including overflow such as `1e999`) are rejected.
public enum NumericCSV {
    /// The default size limit: 50 MB.
    public static let defaultByteLimit = 50_000_000

    /// Reads the file at `path` and returns its data rows, each with one number per header column.
    ///
    /// - Parameters:
    ///   - header: the exact column names expected on the first non-blank line (compared after trimming each cell).
    ///   - minimumRows: the fewest data rows accepted (0 allows a header-only file).
    ///   - maximumRows: the most data rows accepted.
    ///   - byteLimit: the largest file accepted, in bytes.
    public static func read(
        path: String, header: [String], minimumRows: Int, maximumRows: Int, byteLimit: Int = defaultByteLimit
    ) throws(CSVInputError) -> [[Double]] {
        let data = try contents(of: path, byteLimit: byteLimit)
        guard !data.contains(0), var text = String(validating: data, as: UTF8.self) else {
            throw .binary(path: path)
        }
        if text.hasPrefix("\u{FEFF}") {
            text.removeFirst()
        }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .enumerated().map { (number: $0.offset + 1, text: $0.element) }
            .filter { !isBlank($0.text) }
        guard let headerLine = lines.first else {
            throw .empty(path: path)
        }
        guard cells(of: headerLine.text) == header else {
            throw .wrongHeader(path: path, expected: header, found: String(headerLine.text))
        }
        var rows: [[Double]] = []
        for line in lines.dropFirst() {
            guard rows.count < maximumRows else {
                throw .tooManyRows(path: path, line: line.number, maximum: maximumRows)
            }
            rows.append(try numbers(in: cells(of: line.text), line: line.number, path: path, header: header))
        }
        guard rows.count >= minimumRows else {
            throw .tooFewRows(path: path, found: rows.count, minimum: minimumRows)
        }
        return rows
    }

    private static func contents(of path: String, byteLimit: Int) throws(CSVInputError) -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .fileMissing(path: path)
        }
        guard !isDirectory.boolValue else {
            throw .isDirectory(path: path)
        }
        let size: Int
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            // A device, pipe or socket (/dev/zero, say) has no end to read up to: only plain files are data.
            guard attributes[.type] as? FileAttributeType == .typeRegular else {
                throw CSVInputError.unreadable(path: path, reason: "not a regular file")
            }
            size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        } catch let error as CSVInputError {
            throw error
        } catch {
            throw .unreadable(path: path, reason: reason(for: error, path: path))
        }
        guard size <= byteLimit else {
            throw .tooLarge(path: path, bytes: size, limit: byteLimit)
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: reason(for: error, path: path))
        }
        guard data.count <= byteLimit else {
            throw .tooLarge(path: path, bytes: data.count, limit: byteLimit)
        }
        guard data.contains(where: { !isWhitespaceByte($0) }) else {
            throw .empty(path: path)
        }
        return data
    }

    private static func numbers(
        in cells: [String], line: Int, path: String, header: [String]
    ) throws(CSVInputError) -> [Double] {
        guard cells.count <= header.count else {
            throw .tooManyCells(path: path, line: line, found: cells.count, expected: header.count)
        }
        guard cells.count == header.count else {
            throw .tooFewCells(
                path: path, line: line, column: cells.count + 1, columnName: header[cells.count],
                found: cells.count, expected: header.count)
        }
        var numbers: [Double] = []
        for (index, cell) in cells.enumerated() {
            let column = index + 1
            guard cell.allSatisfy({ "0123456789+-.eE".contains($0) }), let number = Double(cell) else {
                if let special = Double(cell), !special.isFinite {
                    throw .nonFinite(path: path, line: line, column: column, columnName: header[index], text: cell)
                }
                throw .notANumber(path: path, line: line, column: column, columnName: header[index], text: cell)
            }
            guard number.isFinite else {
                throw .nonFinite(path: path, line: line, column: column, columnName: header[index], text: cell)
            }
            numbers.append(number)
        }
        return numbers
    }

    private static func cells(of line: Substring) -> [String] {
        line.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
    }

    private static func isBlank(_ line: Substring) -> Bool {
        line.allSatisfy { $0 == " " || $0 == "\t" }
    }

    private static func isWhitespaceByte(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func reason(for error: any Error, path: String) -> String {
        FileManager.default.isReadableFile(atPath: path) ? error.localizedDescription : "permission denied"
    }
}
