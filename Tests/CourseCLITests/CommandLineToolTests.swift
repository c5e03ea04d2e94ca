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

@Test func errorLinesShowControlCharactersInsteadOfObeyingThem() {
    let line = CommandLineTool.errorLine(
        name: "chapter-11-2", for: CSVInputError.fileMissing(path: "data\n# \u{1B}[31mred\r.csv"))
    #expect(line == "chapter-11-2: error: data\\n# \\u{1B}[31mred\\r.csv: no such file")
}

@Test func titleAndAuthorRefuseControlCharacters() throws {
    let parser = CommandLineParser(command: "chapter-11-1", summary: "s", options: SiteOptions.specs)
    for (option, text) in [("--title", "Attention\rCourse"), ("--author", "Ada\u{1B}]0;pwned\u{7}"),
                           ("--title", "line\u{2028}break"), ("--author", "evil\u{202E}lmth.exe")] {
        guard case .run(let parsed) = try parser.parse([option, text]) else { Issue.record("help"); continue }
        #expect(throws: CLIError.self) { try SiteOptions(parsed) }
    }
    guard case .run(let fine) = try parser.parse(["--title", "Attention — σ, ü, 注意", "--author", "A. Smola"])
    else { Issue.record("help"); return }
    #expect(try SiteOptions(fine).title == "Attention — σ, ü, 注意")
}

@Test func typoSuggestionsNameARealCandidate() {
    let commands = ["check", "release", "grade", "site"]
    #expect(CommandLineParser.closest(to: "grde", among: commands) == "grade")
    #expect(CommandLineParser.closest(to: "chek", among: commands) == "check")
    #expect(CommandLineParser.closest(to: "publish", among: commands) == nil)
    #expect(CLIError.unknownCommand("grde", suggestion: "grade", known: commands).description
        == "unknown command \"grde\" (did you mean grade?): use check, release, grade, site")
}

@Test func conflictingOptionsAreACommandLineMistake() {
    var lines: [String] = []
    let status = CommandLineTool.exitStatus(name: "chapter-11-2", report: { lines.append($0) }) {
        throw CLIError.conflictingOptions("--seed", "--data", reason: "your file fixes the examples")
    }
    #expect(status == 2)
    #expect(lines == ["chapter-11-2: error: --seed cannot be used with --data: your file fixes the examples "
        + "(see chapter-11-2 --help)"])
}
