import Foundation
import Testing
import CourseCLI

/// A fresh directory under the system temporary directory, removed by `remove()`.
private struct ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("numeric-csv-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String, _ contents: String) throws -> String {
        try file(name, Data(contents.utf8))
    }

    func file(_ name: String, _ contents: Data) throws -> String {
        let path = url.appendingPathComponent(name).path
        try contents.write(to: URL(fileURLWithPath: path))
        return path
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// The file's data rows (`NumericCSV.read` returns columns).
private func read(_ path: String, minimumRows: Int = 1, maximumRows: Int = 100, byteLimit: Int = 1000,
                  header: [String] = ["x", "y"])
    throws(CSVInputError) -> [[Double]]
{
    let (columns, rowCount) = try NumericCSV.read(path: path, header: header, minimumRows: minimumRows,
                                                  maximumRows: maximumRows, byteLimit: byteLimit)
    #expect(columns.count == header.count && columns.allSatisfy { $0.count == rowCount })
    return (0..<rowCount).map { i in columns.map { $0[i] } }
}

private func failure(_ path: String, minimumRows: Int = 1, maximumRows: Int = 100) -> CSVInputError? {
    do {
        _ = try read(path, minimumRows: minimumRows, maximumRows: maximumRows)
        return nil
    } catch {
        return error
    }
}

@Test func readsPlainRows() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let path = try scratch.file("points.csv", "x,y\n1,2\n-2.5,1e-3\n.5,0\n")
    #expect(try read(path) == [[1, 2], [-2.5, 0.001], [0.5, 0]])
}

@Test func acceptsBOMCRLFSpacesBlankLinesAndNoFinalNewline() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let path = try scratch.file("points.csv", "\u{FEFF} x , y \r\n\r\n 1 ,\t2\r\n   \r\n3,4")
    #expect(try read(path) == [[1, 2], [3, 4]])
}

@Test func missingFileAndDirectoryAreNamed() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let missing = scratch.url.appendingPathComponent("nope.csv").path
    #expect(failure(missing) == .fileMissing(path: missing))
    #expect(failure(missing)?.description == "\(missing): no such file")
    #expect(failure(scratch.url.path) == .isDirectory(path: scratch.url.path))
}

@Test func unreadableFileIsReported() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let path = try scratch.file("locked.csv", "x,y\n1,2\n")
    try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: path)
    defer { try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path) }
    if FileManager.default.isReadableFile(atPath: path) {
        #expect(try read(path) == [[1, 2]])  // running as root, which reads every file
    } else {
        #expect(failure(path) == .unreadable(path: path, reason: "permission denied"))
        #expect(failure(path)?.description == "\(path): cannot be read (permission denied)")
    }
}

@Test func fileOverTheLimitIsRejected() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let path = try scratch.file("big.csv", "x,y\n" + String(repeating: "1,2\n", count: 300))
    #expect(throws: CSVInputError.tooLarge(path: path, bytes: 1204, limit: 1000)) { try read(path) }
}

@Test func emptyAndWhitespaceOnlyFilesAreEmpty() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    for (name, contents) in [("empty.csv", ""), ("blank.csv", " \n\r\n\t\n"), ("bom.csv", "\u{FEFF}\n")] {
        let path = try scratch.file(name, contents)
        #expect(failure(path) == .empty(path: path))
    }
}

@Test func binaryFilesAreRejected() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let withNUL = try scratch.file("nul.csv", Data("x,y\n1,\u{0}2\n".utf8))
    let latin1 = try scratch.file("latin1.csv", Data([0x78, 0x2C, 0x79, 0x0A, 0xE9, 0x2C, 0x31, 0x0A]))
    #expect(failure(withNUL) == .binary(path: withNUL))
    #expect(failure(latin1) == .binary(path: latin1))
    #expect(failure(latin1)?.description == "\(latin1): not a text file (contains NUL bytes or is not UTF-8)")
}

@Test func wrongHeaderSaysWhatWasExpectedAndFound() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let path = try scratch.file("h.csv", "\n  a,b\n1,2\n")
    #expect(failure(path) == .wrongHeader(path: path, expected: ["x", "y"], found: "  a,b"))
    #expect(failure(path)?.description == "\(path): expected header \"x,y\", found \"  a,b\"")
}

@Test func raggedRowsNameLineAndColumn() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let long = try scratch.file("long.csv", "x,y\n1,2\n\n3,4,5\n")
    let short = try scratch.file("short.csv", "x,y\n1\n")
    #expect(failure(long) == .tooManyCells(path: long, line: 4, found: 3, expected: 2))
    #expect(failure(long)?.description == "\(long): line 4, column 3: row has 3 cells, expected 2")
    #expect(failure(short) == .tooFewCells(path: short, line: 2, column: 2, columnName: "y", found: 1, expected: 2))
    #expect(failure(short)?.description == "\(short): line 2, column 2 (y): row has 1 cell, expected 2")
}

@Test func nonNumbersAreQuotedAndTruncated() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    for text in ["abc", "0x10", "1_000", "", "1,5e", "--1"] where !text.contains(",") {
        let path = try scratch.file("n.csv", "x,y\n1,2\n3,\(text)\n")
        #expect(failure(path) == .notANumber(path: path, line: 3, column: 2, columnName: "y", text: text))
    }
    let path = try scratch.file("long.csv", "x,y\nthis cell is far too long to show,1\n")
    #expect(failure(path)?.description == "\(path): line 2, column 1 (x): \"this cell is far too…\" is not a number")
    let empty = try scratch.file("empty-cell.csv", "x,y\n1,\n")
    #expect(failure(empty)?.description == "\(empty): line 2, column 2 (y): empty cell is not a number")
}

@Test func nonFiniteNumbersAreRejected() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    for text in ["nan", "inf", "-infinity", "1e999"] {
        let path = try scratch.file("f.csv", "x,y\n\(text),2\n")
        #expect(failure(path) == .nonFinite(path: path, line: 2, column: 1, columnName: "x", text: text))
    }
    let path = try scratch.file("g.csv", "x,y\n1,NaN\n")
    #expect(failure(path)?.description == "\(path): line 2, column 2 (y): \"NaN\" is not a finite number")
}

@Test func rowCountLimitsAreEnforced() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let path = try scratch.file("rows.csv", "x,y\n1,2\n3,4\n\n5,6\n")
    #expect(failure(path, minimumRows: 4) == .tooFewRows(path: path, found: 3, minimum: 4))
    #expect(failure(path, minimumRows: 4)?.description == "\(path): has 3 data rows, needs at least 4")
    #expect(failure(path, maximumRows: 2) == .tooManyRows(path: path, line: 5, maximum: 2))
    #expect(failure(path, maximumRows: 2)?.description == "\(path): line 5: too many data rows, at most 2 allowed")
    #expect(try read(path, minimumRows: 3, maximumRows: 3).count == 3)
}

@Test func devicesAndPipesAreCalledWhatTheyAre() throws {
    #expect(throws: CSVInputError.notRegularFile(path: "/dev/zero", kind: "a character device")) {
        try NumericCSV.read(path: "/dev/zero", header: ["x", "y"], minimumRows: 1, maximumRows: 10)
    }
    #expect(CSVInputError.notRegularFile(path: "/dev/zero", kind: "a character device").description
        == "/dev/zero: is a character device, expected a CSV file")
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let pipe = scratch.url.appendingPathComponent("pipe.csv").path
    #expect(mkfifo(pipe, 0o600) == 0)
    #expect(failure(pipe) == .notRegularFile(path: pipe, kind: "a named pipe"))  // refused without waiting for a writer
}

@Test func symbolicLinksToFilesAreFollowed() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let target = try scratch.file("points.csv", "x,y\n1,2\n3,4\n")
    let link = scratch.url.appendingPathComponent("link.csv").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
    #expect(try read(link) == [[1, 2], [3, 4]])
    let folderLink = scratch.url.appendingPathComponent("folder.csv").path
    try FileManager.default.createSymbolicLink(atPath: folderLink, withDestinationPath: scratch.url.path)
    #expect(failure(folderLink) == .isDirectory(path: folderLink))
    let dangling = scratch.url.appendingPathComponent("dangling.csv").path
    try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: "/nonexistent/points.csv")
    #expect(failure(dangling) == .fileMissing(path: dangling))
}

@Test func theByteLimitFollowsFromTheRowLimitAndFitsNumpysDefaultFormat() throws {
    // numpy.savetxt's default "%.18e": 25 bytes a cell with its sign, so 52 bytes a row of two.
    let row = String(format: "%.18e,%.18e\n", -1.234, -5.678)
    #expect(row.utf8.count == 52)
    #expect(NumericCSV.byteLimit(maximumRows: 1_000_000) == 128_000_128)
    #expect(NumericCSV.byteLimit(maximumRows: 1_000_000) >= "x,y\n".utf8.count + 1_000_000 * row.utf8.count)
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let path = try scratch.file("numpy.csv", "x,y\n" + String(repeating: row, count: 1000))
    let rows = try read(path, minimumRows: 2, maximumRows: 1000, byteLimit: NumericCSV.byteLimit(maximumRows: 1000))
    #expect(rows.count == 1000 && rows[999] == [-1.234, -5.678])
    let over = try scratch.file("over.csv", "x,y\n" + String(repeating: row, count: 1000) + String(repeating: " ", count: 80_000))
    #expect(throws: CSVInputError.tooLarge(path: over, bytes: 132_004, limit: 128_128)) {
        try NumericCSV.read(path: over, header: ["x", "y"], minimumRows: 2, maximumRows: 1000)
    }
}

@Test func aFilePastTheRowLimitIsRefusedAtItsFirstExtraRow() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    // What follows the extra row is never read: were it parsed, its NUL bytes would make the file "binary".
    let path = try scratch.file("long.csv", Data(("x,y\n1,2\n3,4\n5,6\n" + String(repeating: "\u{0}", count: 100)).utf8))
    #expect(failure(path, maximumRows: 2) == .tooManyRows(path: path, line: 4, maximum: 2))
}

@Test func linesAcrossChunkBoundariesReadWhole() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let rows = (0..<60_000).map { [Double($0) * 0.25, -Double($0)] }
    let text = "\u{FEFF}x,y\r\n" + rows.map { "\($0[0]),\($0[1])\r\n" }.joined()
    let path = try scratch.file("many.csv", text)
    #expect(try read(path, minimumRows: 2, maximumRows: 60_000, byteLimit: NumericCSV.byteLimit(maximumRows: 60_000))
                == rows)
}
