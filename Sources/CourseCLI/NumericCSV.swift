import Foundation

/// Reads a CSV file of numbers with a known header, such as user-supplied training points.
///
/// Accepted: an optional UTF-8 byte-order mark, `\n` or `\r\n` line endings, spaces or tabs around cells, blank lines
/// anywhere (skipped), and a missing or present final newline. Not accepted: quoted cells, other separators.
/// A cell must be a plain decimal number as `Double(String)` reads it after trimming — optional sign, digits, optional
/// fraction and exponent (`-2.5`, `1e-3`, `.5`); hexadecimal (`0x10`), underscores (`1_000`), NaN and infinities
/// (including overflow such as `1e999`) are rejected.
///
/// The path may be a symbolic link to a regular file; devices, pipes and sockets are refused by what they are.
/// The file is read in chunks and cut into lines and cells on its bytes, so a file past the row limit is refused as
/// soon as its first extra row is read, and a million rows read in well under a second (release build).
public enum NumericCSV {
    /// The bytes a file may hold per allowed row, on average: `%.18e` numbers, numpy's default, take 25 bytes a
    /// cell, so 128 leaves room for a few columns and for blank lines and spaces.
    public static let bytesPerRow = 128

    /// The largest file accepted for `maximumRows` data rows: `bytesPerRow` for each, and for the header
    /// (128,000,128 bytes for 1,000,000 rows).
    public static func byteLimit(maximumRows: Int) -> Int {
        (maximumRows + 1) * bytesPerRow
    }

    /// Reads the file at `path` and returns its numbers by column: `columns[j][i]` is column j of data row i, one
    /// column per header name, in the header's order.
    ///
    /// - Parameters:
    ///   - header: the exact column names expected on the first non-blank line (compared after trimming each cell).
    ///   - minimumRows: the fewest data rows accepted (0 allows a header-only file).
    ///   - maximumRows: the most data rows accepted.
    ///   - byteLimit: the largest file accepted, in bytes; by default `byteLimit(maximumRows:)`.
    public static func read(
        path: String, header: [String], minimumRows: Int, maximumRows: Int, byteLimit: Int? = nil
    ) throws(CSVInputError) -> (columns: [[Double]], rowCount: Int) {
        let limit = byteLimit ?? Self.byteLimit(maximumRows: maximumRows)
        let descriptor = try open(path, byteLimit: limit)
        defer { close(descriptor) }
        var parser = Parser(path: path, header: header, maximumRows: maximumRows)
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var pending = 0  // bytes of an unfinished line at the start of `buffer`
        var total = 0
        while true {
            if pending == buffer.count { buffer += [UInt8](repeating: 0, count: buffer.count) }
            let count = buffer.withUnsafeMutableBytes { bytes in
                Foundation.read(descriptor, bytes.baseAddress! + pending, bytes.count - pending)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            total += count
            guard total <= limit else { throw .tooLarge(path: path, bytes: total, limit: limit) }
            let end = pending + count
            let consumed = try buffer.withUnsafeBufferPointer { bytes throws(CSVInputError) in
                try parser.feed(UnsafeBufferPointer(rebasing: bytes[..<end]), final: count == 0)
            }
            buffer.withUnsafeMutableBufferPointer { bytes in
                bytes.baseAddress!.update(from: bytes.baseAddress! + consumed, count: end - consumed)
            }
            pending = end - consumed
            if count == 0 { break }
        }
        guard parser.headerSeen else { throw .empty(path: path) }
        guard parser.rowCount >= minimumRows else {
            throw .tooFewRows(path: path, found: parser.rowCount, minimum: minimumRows)
        }
        return (parser.columns, parser.rowCount)
    }

    /// Opens `path` for reading, following links, and checks what it is and its size.
    private static func open(_ path: String, byteLimit: Int) throws(CSVInputError) -> Int32 {
        // Non-blocking, so that opening a pipe with no writer does not hang; refused below anyway.
        let descriptor = Foundation.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            switch errno {
            case ENOENT: throw .fileMissing(path: path)
            case EACCES: throw .unreadable(path: path, reason: "permission denied")
            default: throw .unreadable(path: path, reason: String(cString: strerror(errno)))
            }
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw .unreadable(path: path, reason: reason)
        }
        let kind = status.st_mode & S_IFMT
        guard kind == S_IFREG else {
            close(descriptor)
            if kind == S_IFDIR { throw .isDirectory(path: path) }
            throw .notRegularFile(path: path, kind: kind == S_IFCHR ? "a character device"
                : kind == S_IFBLK ? "a block device" : kind == S_IFIFO ? "a named pipe" : "a socket")
        }
        guard Int(status.st_size) <= byteLimit else {
            close(descriptor)
            throw .tooLarge(path: path, bytes: Int(status.st_size), limit: byteLimit)
        }
        _ = fcntl(descriptor, F_SETFL, O_RDONLY)
        return descriptor
    }

    /// Cuts lines and cells on bytes and checks them, row by row, appending each row's numbers to the columns: no
    /// array or string per row or cell, so a million rows parse faster than numpy's `loadtxt` reads them.
    private struct Parser {
        let path: String
        let header: [String]
        let maximumRows: Int
        var columns: [[Double]]
        var rowCount = 0
        var headerSeen = false
        var line = 0
        var atStart = true

        init(path: String, header: [String], maximumRows: Int) {
            (self.path, self.header, self.maximumRows) = (path, header, maximumRows)
            columns = Array(repeating: [], count: header.count)
        }

        /// Reads the complete lines of `bytes` (and the rest too when `final`); returns how many bytes it used.
        mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, final: Bool) throws(CSVInputError) -> Int {
            var start = 0
            if atStart, bytes.count >= 3 || final {
                atStart = false
                if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
            } else if atStart {
                return 0
            }
            var index = start
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "\n") {
                    try take(UnsafeBufferPointer(rebasing: bytes[start..<index]))
                    start = index + 1
                }
                index += 1
            }
            if final, start < bytes.count {
                try take(UnsafeBufferPointer(rebasing: bytes[start...]))
                start = bytes.count
            }
            return start
        }

        private mutating func take(_ raw: UnsafeBufferPointer<UInt8>) throws(CSVInputError) {
            line += 1
            let text = raw.last == UInt8(ascii: "\r") ? UnsafeBufferPointer(rebasing: raw.dropLast()) : raw
            var blank = true
            var ascii = true
            var commas = 0
            for byte in text {
                if byte == 0 { throw .binary(path: path) }
                if byte >= 0x80 { ascii = false }
                if byte == UInt8(ascii: ",") { commas += 1 }
                if byte != UInt8(ascii: " "), byte != UInt8(ascii: "\t"), byte != UInt8(ascii: "\r") { blank = false }
            }
            if !ascii, String(validating: text, as: UTF8.self) == nil { throw .binary(path: path) }
            guard !blank else { return }
            guard headerSeen else {
                var names: [String] = []
                Self.forEachCell(text) { names.append(String(decoding: $0, as: UTF8.self)) }
                guard names == header else {
                    throw .wrongHeader(path: path, expected: header, found: String(decoding: text, as: UTF8.self))
                }
                headerSeen = true
                return
            }
            guard rowCount < maximumRows else {
                throw .tooManyRows(path: path, line: line, maximum: maximumRows)
            }
            let cellCount = commas + 1
            guard cellCount <= header.count else {
                throw .tooManyCells(path: path, line: line, found: cellCount, expected: header.count)
            }
            guard cellCount == header.count else {
                throw .tooFewCells(path: path, line: line, column: cellCount + 1, columnName: header[cellCount],
                                   found: cellCount, expected: header.count)
            }
            var column = 0
            var failure: CSVInputError?
            Self.forEachCell(text) { cell in
                guard failure == nil else { return }
                switch number(cell, column: column) {
                case .success(let value): columns[column].append(value)
                case .failure(let error): failure = error
                }
                column += 1
            }
            if let failure { throw failure }
            rowCount += 1
        }

        /// Calls `body` with each cell of a line, without the spaces and tabs around it.
        private static func forEachCell(_ text: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
            var start = 0
            for index in 0...text.count where index == text.count || text[index] == UInt8(ascii: ",") {
                var first = start
                var last = index
                while first < last, text[first] == UInt8(ascii: " ") || text[first] == UInt8(ascii: "\t") { first += 1 }
                while last > first, text[last - 1] == UInt8(ascii: " ") || text[last - 1] == UInt8(ascii: "\t") {
                    last -= 1
                }
                body(UnsafeBufferPointer(rebasing: text[first..<last]))
                start = index + 1
            }
        }

        /// The number in `cell`: plain decimal syntax (digits, sign, point, exponent), read entirely by the C
        /// library's `strtod` (correctly rounded, in the C locale a Swift program keeps: what `Double(String)` reads),
        /// and finite.
        private func number(_ cell: UnsafeBufferPointer<UInt8>, column: Int) -> Result<Double, CSVInputError> {
            var plain = !cell.isEmpty
            for byte in cell where !(byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) {
                if byte != UInt8(ascii: "+"), byte != UInt8(ascii: "-"), byte != UInt8(ascii: "."),
                   byte != UInt8(ascii: "e"), byte != UInt8(ascii: "E") { plain = false }
            }
            let parsed: Double? = !plain ? nil : withUnsafeTemporaryAllocation(of: CChar.self, capacity: cell.count + 1) {
                copy in
                for (index, byte) in cell.enumerated() { copy[index] = CChar(bitPattern: byte) }
                copy[cell.count] = 0
                var end: UnsafeMutablePointer<CChar>?
                let value = strtod(copy.baseAddress!, &end)
                return end == copy.baseAddress! + cell.count ? value : nil
            }
            guard let parsed, parsed.isFinite else {
                let text = String(decoding: cell, as: UTF8.self)
                if parsed != nil || Double(text).map({ !$0.isFinite }) == true {
                    return .failure(.nonFinite(path: path, line: line, column: column + 1, columnName: header[column],
                                               text: text))
                }
                return .failure(.notANumber(path: path, line: line, column: column + 1, columnName: header[column],
                                            text: text))
            }
            return .success(parsed)
        }
    }
}
