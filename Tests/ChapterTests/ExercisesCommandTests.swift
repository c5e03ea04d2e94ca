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
