import Foundation
import Testing

/// Each kind of bad input gets one clear line on standard error, a non-zero exit, and no output written.
@Suite(.serialized) struct ChapterInputErrorTests {
    static let badCSVs: [(name: String, contents: String?, message: String)] = [
        ("missing.csv", nil, "missing.csv"),
        ("empty.csv", "", "empty"),
        ("header.csv", "a,b\n1,2\n3,4\n", "header"),
        ("ragged.csv", "x,y\n1,2\n3,4,5\n", "line 3"),
        ("short.csv", "x,y\n1,2\n3\n", "line 3"),
        ("letters.csv", "x,y\n1,2\n3,abc\n", "abc"),
        ("infinite.csv", "x,y\n1,2\n3,inf\n", "line 3"),
        ("one-row.csv", "x,y\n1,2\n", "2"),
        ("flat.csv", "x,y\n1,2\n1,3\n", "equal"),
        // Valid numbers the experiments cannot use: refused right after reading, naming the file.
        ("wide.csv", "x,y\n-1e308,1\n1e308,2\n", "the x values span more than a number can hold"),
        ("narrow.csv", "x,y\n0,1\n1e-320,2\n", "the x values span too little"),
        ("near-largest.csv", "x,y\n1e308,1\n1.7976931348623157e308,2\n1.5e308,0\n", "the largest number"),
        ("huge-labels.csv", "x,y\n0,1e300\n1,2\n2,3\n", "the y values are too large"),
    ]

    static let badArguments: [(arguments: [String], message: String)] = [
        (["--sed", "3"], "--sed"),
        (["--seed"], "--seed"),
        (["--seed", "abc"], "abc"),
        (["--seed", "-1"], "--seed"),
        (["--seed", "4294967296"], "--seed"),
        (["--samples", "0"], "--samples"),
        (["--samples", "1"], "--samples"),  // leave-one-out needs two pairs: refused when parsing, before any work
        (["--samples", "1001"], "--samples"),
        (["extra"], "extra"),
    ]

    private func expectCleanFailure(_ run: ChapterRun, mentioning fragment: String) {
        #expect(run.status != 0)
        let lines = run.standardError.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(run.standardError)")
        #expect(run.standardError.hasPrefix("chapter-11-2: error:"))
        #expect(run.standardError.contains(fragment), "stderr: \(run.standardError)")
        #expect(!run.standardError.contains("Fatal error") && !run.standardError.contains("Stack"))
    }

    @Test(arguments: badArguments)
    func badArgumentsAreRefused(arguments: [String], message: String) throws {
        let folder = try TemporaryFolder()
        let run = try ChapterRunner.run(arguments + ["--out", folder.path("Site")])
        expectCleanFailure(run, mentioning: message)
        #expect(run.status == 2, "a command-line mistake exits 2")
        #expect(!FileManager.default.fileExists(atPath: folder.path("Site")))
    }

    @Test(arguments: badCSVs.map(\.name))
    func badDataFilesAreRefusedNamingTheProblem(name: String) throws {
        let folder = try TemporaryFolder()
        let bad = try #require(Self.badCSVs.first { $0.name == name })
        let path = try bad.contents.map { try folder.write(name, $0) } ?? folder.path(name)
        let run = try ChapterRunner.run(["--data", path, "--out", folder.path("Site")])
        expectCleanFailure(run, mentioning: bad.message)
        #expect(run.standardError.contains(name))
        #expect(!FileManager.default.fileExists(atPath: folder.path("Site")))
    }

    @Test func binaryAndFolderDataAreRefused() throws {
        let folder = try TemporaryFolder()
        let binary = folder.path("image.csv")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0xFF]).write(to: URL(fileURLWithPath: binary))
        expectCleanFailure(try ChapterRunner.run(["--data", binary, "--out", folder.path("Site")]), mentioning: "image.csv")
        expectCleanFailure(try ChapterRunner.run(["--data", folder.url.path, "--out", folder.path("Site")]),
                           mentioning: "director")
        #expect(!FileManager.default.fileExists(atPath: folder.path("Site")))
    }

    @Test func outputThatIsAFileOrUnderAFileIsRefused() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("not-a-folder", "hello")
        expectCleanFailure(try ChapterRunner.run(["--out", file]), mentioning: "not-a-folder")
        expectCleanFailure(try ChapterRunner.run(["--out", file + "/Site"]), mentioning: "not-a-folder")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "hello")
    }

    @Test func aFailedRunLeavesAGoodSiteAsItWas() throws {
        let folder = try TemporaryFolder()
        #expect(try ChapterRunner.run(["--out", folder.path("Site")]).status == 0)
        let before = try folder.snapshot(of: folder.path("Site"))
        let bad = try folder.write("bad.csv", "x,y\n1,2\n3,nan\n")
        expectCleanFailure(try ChapterRunner.run(["--data", bad, "--out", folder.path("Site")]), mentioning: "bad.csv")
        expectCleanFailure(try ChapterRunner.run(["--samples", "0", "--out", folder.path("Site")]), mentioning: "--samples")
        #expect(try folder.snapshot(of: folder.path("Site")) == before)
    }

    @Test func someoneElsesWebPageIsNeverOverwritten() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path("www"), withIntermediateDirectories: true)
        let page = try folder.write("www/index.html", "<!doctype html><title>my homepage</title>")
        expectCleanFailure(try ChapterRunner.run(["--out", folder.path("www")]), mentioning: "index.html")
        #expect(try String(contentsOfFile: page, encoding: .utf8) == "<!doctype html><title>my homepage</title>")
        #expect(!FileManager.default.fileExists(atPath: folder.path("www", "chapter-11-2")))
    }

    @Test func seedWithDataIsAContradiction() throws {
        let folder = try TemporaryFolder()
        let good = try folder.write("good.csv", "x,y\n1,2\n3,4\n")
        expectCleanFailure(try ChapterRunner.run(["--data", good, "--seed", "4", "--out", folder.path("Site")]),
                           mentioning: "--seed")
    }
}
