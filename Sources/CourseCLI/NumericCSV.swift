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
        // Lines and cells are cut on the UTF-8 bytes, without building a String per line or per cell: a million rows
        // read in well under a second.
        var rows: [[Double]] = []
        var headerSeen = false
        for (index, rawLine) in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.last == UInt8(ascii: "\r") ? rawLine.dropLast() : rawLine
            guard line.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) else { continue }
            let cells = line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map(trimmed)
            guard headerSeen else {
                guard cells.map({ String(Substring($0)) }) == header else {
                    throw .wrongHeader(path: path, expected: header, found: String(Substring(line)))
                }
                headerSeen = true
                continue
            }
            guard rows.count < maximumRows else {
                throw .tooManyRows(path: path, line: index + 1, maximum: maximumRows)
            }
            rows.append(try numbers(in: cells, line: index + 1, path: path, header: header))
        }
        guard headerSeen else {
            throw .empty(path: path)
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
        in cells: [Substring.UTF8View], line: Int, path: String, header: [String]
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
        numbers.reserveCapacity(cells.count)
        for (index, cell) in cells.enumerated() {
            let column = index + 1
            let plain = cell.allSatisfy { byte in
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "+")
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
                    || byte == UInt8(ascii: "E")
            }
            let text = Substring(cell)
            guard plain, let number = Double(text) else {
                if let special = Double(text), !special.isFinite {
                    throw .nonFinite(path: path, line: line, column: column, columnName: header[index], text: String(text))
                }
                throw .notANumber(path: path, line: line, column: column, columnName: header[index], text: String(text))
            }
            guard number.isFinite else {
                throw .nonFinite(path: path, line: line, column: column, columnName: header[index], text: String(text))
            }
            numbers.append(number)
        }
        return numbers
    }

    /// A cell without the spaces and tabs around it.
    private static func trimmed(_ cell: Substring.UTF8View) -> Substring.UTF8View {
        let blank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = cell.firstIndex(where: { !blank($0) }), let last = cell.lastIndex(where: { !blank($0) }) else {
            return cell[cell.startIndex..<cell.startIndex]
        }
        return cell[first...last]
    }

    private static func isWhitespaceByte(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func reason(for error: any Error, path: String) -> String {
        FileManager.default.isReadableFile(atPath: path) ? error.localizedDescription : "permission denied"
    }
}
