import Foundation
import Testing
import CourseSite

@Test func writesHeaderRowsAndTrailingNewline() throws {
    let table = CSVTable(header: ["x", "y"], rows: [[.number(1), .number(2.5)], [.number(-3), .number(nil)]])
    #expect(try table.text() == "x,y\n1,2.5\n-3,\n")
}

@Test func quotesFieldsThatNeedItPerRFC4180() throws {
    let table = CSVTable(header: ["name", "note"], rows: [
        [.text("plain"), .text("a,b")],
        [.text("say \"hi\""), .text("two\nlines")],
        [.text(" spaced "), .text("cr\rhere")],
    ])
    #expect(try table.text()
        == "name,note\nplain,\"a,b\"\n\"say \"\"hi\"\"\",\"two\nlines\"\n spaced ,\"cr\rhere\"\n")
}

@Test func numbersUseShortestRoundTripWithoutTrailingZeroFraction() {
    #expect(CSVTable.format(0.1) == "0.1")
    #expect(CSVTable.format(5) == "5")
    #expect(CSVTable.format(-0.0) == "0")
    #expect(CSVTable.format(1e-300) == "1e-300")
    #expect(CSVTable.format(1.2345678901234568e20) == "1.2345678901234568e+20")
    #expect(CSVTable.format(1e15) == "1000000000000000")
    #expect(CSVTable.format(-1e15) == "-1000000000000000")
    #expect(CSVTable.format(1e16) == "1e+16")
    #expect(CSVTable.format(0.1 + 0.2) == "0.30000000000000004")
}

@Test func nonFiniteNumbersThrowNamingRowAndColumn() {
    for value in [Double.nan, .infinity, -.infinity] {
        let table = CSVTable(header: ["x", "y"], rows: [[.number(1), .number(2)], [.number(3), .number(value)]])
        #expect(throws: CSVTableError.nonFiniteNumber(row: 2, column: "y")) { try table.text() }
        #expect(CSVTable.format(value) == nil)
    }
    #expect(CSVTableError.nonFiniteNumber(row: 2, column: "y").description
        == "CSV row 2, column y: number is NaN or infinite")
}

@Test func raggedRowsThrow() {
    let table = CSVTable(header: ["x", "y"], rows: [[.number(1), .number(2)], [.number(3)]])
    #expect(throws: CSVTableError.raggedRow(row: 2, cells: 1, expected: 2)) { try table.text() }
    #expect(CSVTableError.raggedRow(row: 2, cells: 1, expected: 2).description == "CSV row 2 has 1 cells, expected 2")
}

@Test func headerOnlyTableIsOneLine() throws {
    #expect(try CSVTable(header: ["a,b", "c"], rows: []).text() == "\"a,b\",c\n")
}

@Test func columnsOfNumbersWriteTheSameTextAsRowsOfCells() throws {
    let columns: [[Double?]] = [[1, -0.0, 2.5e-300, nil], [0.1, nil, 1e20], [7]]
    let rows: [[CSVCell]] = (0..<4).map { row in columns.map { .number(row < $0.count ? $0[row] : nil) } }
    let header = ["x", "y,z", "w"]
    let bytes = try CSVTable.data(header: header, counts: columns.map(\.count)) { columns[$0][$1] }
    #expect(String(decoding: bytes, as: UTF8.self) == (try CSVTable(header: header, rows: rows).text()))
    // Enough rows to be written in several pieces.
    let long = (0..<20_000).map { Double($0) / 7 }
    let longBytes = try CSVTable.data(header: ["x"], counts: [long.count]) { long[$1] }
    #expect(String(decoding: longBytes, as: UTF8.self)
                == (try CSVTable(header: ["x"], rows: long.map { [.number($0)] }).text()))
    #expect(throws: CSVTableError.nonFiniteNumber(row: 2, column: "x")) {
        try CSVTable.data(header: ["x"], counts: [2]) { [1, .nan][$1] }
    }
    #expect(throws: CSVTableError.raggedRow(row: 1, cells: 1, expected: 2)) {
        try CSVTable.data(header: ["x", "y"], counts: [1]) { _, _ in 1 }
    }
}
