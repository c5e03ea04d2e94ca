import Testing
@testable import CourseCLI

private struct DiskFull: Error, CustomStringConvertible {
    var description: String { "Site/index.html: cannot write (no space left)" }
}

@Test func successExitsZeroAndReportsNothing() {
    var lines: [String] = []
    let status = CommandLineTool.exitStatus(name: "chapter-11-2", report: { lines.append($0) }) {}
    #expect(status == 0)
    #expect(lines.isEmpty)
}

@Test func commandLineMistakeExitsTwoWithHelpPointer() {
    var lines: [String] = []
    let status = CommandLineTool.exitStatus(name: "chapter-11-2", report: { lines.append($0) }) {
        throw CLIError.repeatedOption("--seed")
    }
    #expect(status == 2)
    #expect(lines == ["chapter-11-2: error: --seed given more than once (see chapter-11-2 --help)"])
}

@Test func otherErrorExitsOneWithItsDescription() {
    var lines: [String] = []
    let status = CommandLineTool.exitStatus(name: "chapter-11-2", report: { lines.append($0) }) {
        throw DiskFull()
    }
    #expect(status == 1)
    #expect(lines == ["chapter-11-2: error: Site/index.html: cannot write (no space left)"])
}

@Test func csvInputErrorIsNotACommandLineMistake() {
    let line = CommandLineTool.errorLine(name: "chapter-11-2", for: CSVInputError.fileMissing(path: "points.csv"))
    #expect(line == "chapter-11-2: error: points.csv: no such file")
}
