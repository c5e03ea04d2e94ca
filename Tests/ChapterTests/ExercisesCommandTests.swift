import Foundation
import Testing

// The `exercises` command end to end: what an instructor types, what comes back.

@Test func gradeRefusesAScratchFolderItDidNotMakeInOneLineAndLeavesItAlone() throws {
    let folder = try TemporaryFolder()
    let notes = folder.url.appendingPathComponent("notes")
    try FileManager.default.createDirectory(at: notes.appendingPathComponent(".git"), withIntermediateDirectories: true)
    let note = try folder.write("notes/todo.md", "grade the class\n")
    let run = try ChapterRunner.run(["grade", "--submission", folder.path("submission"), "--scratch", notes.path,
                                     "--results", folder.path("results.json")], chapter: "exercises")
    #expect(run.status == 1)
    #expect(run.standardError == "exercises grade: error: \(notes.path) is not empty and was not made by exercises "
        + "grade (it has no .exercises-scratch): give --scratch a new or empty folder\n")
    #expect(try String(contentsOfFile: note, encoding: .utf8) == "grade the class\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: notes.path).sorted() == [".git", "todo.md"])
}

@Test func gradingAClassNeedsOutAndRefusesMixingItWithOneUploadsOptionsInOneLine() throws {
    let folder = try TemporaryFolder()
    let cases: [([String], String)] = [
        (["--submissions", folder.url.path],
         "exercises grade: error: --out needs a value (--out DIR) (see exercises grade --help)\n"),
        (["--submission", folder.url.path, "--submissions", folder.url.path, "--out", folder.path("out")],
         "exercises grade: error: --submission cannot be used with --submissions: grade one upload or a class "
            + "(see exercises grade --help)\n"),
        (["--submissions", folder.url.path, "--out", folder.path("out"), "--results", folder.path("r.json")],
         "exercises grade: error: --submissions cannot be used with --results: a class's results go under --out "
            + "(see exercises grade --help)\n"),
        (["--submission", folder.url.path, "--out", folder.path("out")],
         "exercises grade: error: --submission cannot be used with --out: --out and --jobs are for a class "
            + "(--submissions) (see exercises grade --help)\n"),
    ]
    for (arguments, message) in cases {
        let run = try ChapterRunner.run(["grade"] + arguments, chapter: "exercises")
        #expect(run.status == 2)
        #expect(run.standardError == message)
    }
    #expect(!FileManager.default.fileExists(atPath: folder.path("out")))
}

@Test func gradingAClassRefusesAnEmptyClassAndAnOutputFolderItDidNotMake() throws {
    let folder = try TemporaryFolder()
    try FileManager.default.createDirectory(atPath: folder.path("class"), withIntermediateDirectories: true)
    let empty = try ChapterRunner.run(["grade", "--submissions", folder.path("class"), "--out", folder.path("out")],
                                      chapter: "exercises")
    #expect(empty.status == 1)
    #expect(empty.standardError == "exercises grade: error: \(folder.path("class")): holds no submission (a folder or "
        + "a .zip per student)\n")
    try FileManager.default.createDirectory(atPath: folder.path("class/ada"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: folder.path("notes"), withIntermediateDirectories: true)
    let note = try folder.write("notes/todo.md", "keep me\n")
    let foreign = try ChapterRunner.run(["grade", "--submissions", folder.path("class"), "--out", folder.path("notes")],
                                        chapter: "exercises")
    #expect(foreign.status == 1)
    #expect(foreign.standardError == "exercises grade: error: \(folder.path("notes")) is not empty and was not made by "
        + "exercises grade --submissions (it has no .exercises-grades): give --out a new or empty folder\n")
    #expect(try String(contentsOfFile: note, encoding: .utf8) == "keep me\n")
}

@Test func theAutograderCommandNeedsAFileToWrite() throws {
    let folder = try TemporaryFolder()
    let missing = try ChapterRunner.run(["autograder"], chapter: "exercises")
    #expect(missing.status == 2)
    #expect(missing.standardError == "exercises autograder: error: --out needs a value (--out FILE) (see exercises "
        + "autograder --help)\n")
    let onFolder = try ChapterRunner.run(["autograder", "--out", folder.url.path], chapter: "exercises")
    #expect(onFolder.status == 1)
    #expect(onFolder.standardError == "exercises autograder: error: \(folder.url.path): is a folder: --out needs a file "
        + "name such as autograder.zip\n")
}
