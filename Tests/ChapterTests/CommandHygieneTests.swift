import Foundation
import Testing

/// The promises about messages and exit statuses, with the real binaries: errors get out whatever standard error
/// is, a lost write to standard output is an error, every command-line mistake exits 2, and user text reaches the
/// terminal and the page only escaped.
@Suite(.serialized) struct CommandHygieneTests {
    /// Runs `command` with `arguments`, standard output and error sent to `/dev/full` when asked.
    static func run(_ command: String, _ arguments: [String], outputFull: Bool = false,
                    errorFull: Bool = false) throws -> ChapterRun {
        guard outputFull || errorFull else { return try ChapterRunner.run(arguments, chapter: command) }
        let process = Process()
        process.executableURL = try ChapterRunner.executable(command)
        process.arguments = arguments
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = outputFull ? full : output
        process.standardError = errorFull ? full : error
        try process.run()
        let outputData = outputFull ? Data() : output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errorFull ? Data() : error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "\(command) died by a signal")
        return ChapterRun(status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
                          standardError: String(decoding: errorData, as: UTF8.self))
    }

    @Test func anErrorWithStandardErrorFullStillExitsWithItsStatus() throws {
        #expect(try Self.run("chapter-11-2", ["--sed", "3"], errorFull: true).status == 2)
        #expect(try Self.run("chapter-11-1", ["--data", "x"], errorFull: true).status == 2)
        #expect(try Self.run("chapter-11-2", ["--data", "/nonexistent.csv"], errorFull: true).status == 1)
        #expect(try Self.run("exercises", ["grde"], errorFull: true).status == 2)
        #expect(try Self.run("benchmarks", ["--jsn"], errorFull: true).status == 2)
    }

    @Test func aLostWriteToStandardOutputIsAnError() throws {
        let folder = try TemporaryFolder()
        let run = try Self.run("chapter-11-1", ["--out", folder.path("Site")], outputFull: true)
        #expect(run.status == 1)
        #expect(run.standardError == "chapter-11-1: error: standard output: cannot write (No space left on device)\n")
        let help = try Self.run("chapter-11-2", ["--help"], outputFull: true)
        #expect(help.status == 1 && help.standardError.contains("standard output"))
    }

    @Test func conflictingOptionsExitTwo() throws {
        let folder = try TemporaryFolder()
        let data = try folder.write("points.csv", "x,y\n1,2\n2,3\n3,5\n")
        for option in ["--seed", "--samples"] {
            let run = try Self.run("chapter-11-2", ["--data", data, option, "5", "--out", folder.path("Site")])
            #expect(run.status == 2)
            #expect(run.standardError == "chapter-11-2: error: \(option) cannot be used with --data: your file fixes "
                + "the examples (see chapter-11-2 --help)\n")
        }
    }

    @Test func typosOfSubcommandsSuggestARealOne() throws {
        let run = try Self.run("exercises", ["grde"])
        #expect(run.status == 2)
        #expect(run.standardError == "exercises: error: unknown command \"grde\" (did you mean grade?): use check, "
            + "release, grade, site, autograder (see exercises --help)\n")
    }

    @Test func aFileGivenForAFolderIsCalledAFile() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("submission.zip", "not a folder")
        let run = try Self.run("exercises", ["grade", "--submission", file, "--results", folder.path("r.json")])
        #expect(run.status == 1)
        #expect(run.standardError == "exercises grade: error: \(file) is a file, not a folder or a zip archive (not a "
            + "zip archive (no central directory))\n")
    }

    @Test func controlCharactersInPathsAreShownEscaped() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("data\n\u{1B}[31mred.csv")
        let run = try Self.run("chapter-11-2", ["--data", path, "--out", folder.path("Site")])
        #expect(run.status == 1)
        #expect(run.standardError == "chapter-11-2: error: \(folder.path("data"))\\n\\u{1B}[31mred.csv: no such file\n")
    }

    @Test func aDataPathWithMarkupIsShownLiterallyOnThePage() throws {
        let folder = try TemporaryFolder()
        let name = "my `data` $x$ *a*\n# b.csv"
        let data = try folder.write(name, "x,y\n" + (0..<20).map { "\($0),\(($0 * 7) % 5)" }.joined(separator: "\n"))
        let run = try Self.run("chapter-11-2", ["--data", data, "--out", folder.path("Site")])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.hasPrefix("Your data from \(folder.path("my `data` $x$ *a*"))\\n# b.csv:"))
        let page = try String(contentsOfFile: folder.path("Site", "chapter-11-2", "index.html"), encoding: .utf8)
        let shown = folder.path("my `data` $x$ *a*") + "\\n# b.csv"
        #expect(page.contains("your own data (<code>\(shown)</code>, 20 examples)"))
    }
}
