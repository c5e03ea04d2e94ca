import ExerciseChecks
import Foundation
import Testing

/// A tiny instructor package (not a buildable one: release only copies and transforms text).
private let instructorFiles = [
    "Package.swift": "// swift-tools-version:6.0\n",
    "README.md": "Course.\n",
    ".gitignore": ".build/\n",
    ".ci/run": "swift test\n",
    ".build/debug/thing": "binary\n",
    ".build-mine/x": "binary\n",
    "Site/README.md": "Generated site.\n",
    "Site/index.html": "<html>\n",
    "notes.tmp": "scratch\n",
    "Exercises/README.md": "How to work.\n",
    "Exercises/Workspace/Exercise.swift": "public func f() throws -> Int {\n    // BEGIN SOLUTION\n    return 1\n    // END SOLUTION\n}\n",
    "Exercises/Checks/Checks.swift": "let a = 1\n// BEGIN HIDDEN CHECKS\nlet b = 2\n// END HIDDEN CHECKS\n",
    "Exercises/Pages/11.2/1-p.md": "Statement.\n<!-- BEGIN SOLUTION -->\nSecret.\n<!-- END SOLUTION -->\n",
    "Tests/ExercisesTests/Instructor/EndToEnd.swift": "// needs the solutions\n",
    "Tests/ChapterTests/Instructor/Publishing.swift": "// reads the worked solutions\n",
    "Tests/Mutation/mutants.tsv": "Workspace.swift\treturn 1\treturn 2\tquotes a solution\n",
    "Tests/ExercisesTests/Unit.swift": "// unit tests\n",
]

/// Makes `folder` a git checkout with every file not ignored staged, as a course's own files are.
private func track(_ folder: URL) throws {
    for arguments in [["init", "-q"], ["add", "-A"]] {
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "-C", folder.path] + arguments
        try git.run()
        git.waitUntilExit()
        try #require(git.terminationStatus == 0, "git \(arguments) failed")
    }
}

/// The tiny instructor package under `folder/course`, tracked in git.
private func trackedCourse(in folder: TemporaryFolder, files: [String: String] = instructorFiles) throws -> URL {
    try folder.write(files, under: "course")
    let course = folder.url.appendingPathComponent("course")
    try track(course)
    return course
}

@Test func releaseCopiesThePackageWithoutSolutionsBuildFoldersOrCI() throws {
    let folder = try TemporaryFolder()
    _ = try trackedCourse(in: folder)
    let summary = try Release.write(packageRoot: folder.url.appendingPathComponent("course"),
                                    to: folder.url.appendingPathComponent("student"))
    let released = try PackageFiles(root: folder.url.appendingPathComponent("student")) { _ in false }
    #expect(released.files.map(\.path) == [
        ".gitignore", "Exercises/Checks/Checks.swift", "Exercises/Pages/11.2/1-p.md", "Exercises/README.md",
        "Exercises/Workspace/Exercise.swift", "Package.swift", "README.md", "Site/README.md",
        "Tests/ExercisesTests/Unit.swift",
    ])
    #expect(summary == Release.Summary(fileCount: 9, stubCount: 1))
    #expect(folder.read("student/Exercises/Workspace/Exercise.swift")
        == "public func f() throws -> Int {\n    throw ExerciseError.notImplemented(\"f\")\n}\n")
    #expect(folder.read("student/Exercises/Checks/Checks.swift") == "let a = 1\n")
    #expect(folder.read("student/Exercises/Pages/11.2/1-p.md") == "Statement.\n")
    #expect(folder.read("student/Exercises/README.md") == Release.studentNote + "\nHow to work.\n")
}

@Test func releaseRefusesAFolderThatIsNotEmptyOrInsideThePackage() throws {
    let folder = try TemporaryFolder()
    let course = try trackedCourse(in: folder)
    try folder.write(["keep.txt": "mine"], under: "taken")
    #expect(throws: ExerciseToolError.outputNotEmpty(folder.url.appendingPathComponent("taken").path)) {
        try Release.write(packageRoot: course, to: folder.url.appendingPathComponent("taken"))
    }
    #expect(throws: ExerciseToolError.outputInsidePackage(course.appendingPathComponent("student").path)) {
        try Release.write(packageRoot: course, to: course.appendingPathComponent("student"))
    }
    #expect(folder.read("taken/keep.txt") == "mine")
}

@Test func releaseWithABadMarkerWritesNothing() throws {
    let folder = try TemporaryFolder()
    var files = instructorFiles
    files["Exercises/Checks/Checks.swift"] = "let a = 1\n// BEGIN HIDDEN CHECKS\n"
    _ = try trackedCourse(in: folder, files: files)
    #expect(throws: ExerciseToolError.markers(file: "Exercises/Checks/Checks.swift", line: 2,
                                              problem: "// BEGIN HIDDEN CHECKS is never closed")) {
        try Release.write(packageRoot: folder.url.appendingPathComponent("course"),
                          to: folder.url.appendingPathComponent("student"))
    }
    let left = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
    #expect(left == ["course"])
}

@Test func compilerErrorsAreTrimmedDeduplicatedAndRelative() {
    let root = URL(fileURLWithPath: "/tmp/grading")
    let log = (0..<30).map { "/tmp/grading/Exercises/Workspace/E.swift:\($0):5: error: cannot find 'x' in scope" }
        .flatMap { [$0, $0, "note: something"] }.joined(separator: "\n")
    let errors = Grader.compilerErrors(log, root: root)
    #expect(errors.count == 20)
    #expect(errors[0] == "Exercises/Workspace/E.swift:0:5: error: cannot find 'x' in scope")
}

@Test func gradescopeResultsFollowTheAutograderSchemaAndKeepHiddenThingsHidden() throws {
    let result = ExerciseResult(id: "11.2-1", title: "Parzen", status: .failed, checks: [
        CheckResult(name: "agrees", points: 4, maximumPoints: 4, visibility: "visible", outcome: .passed, message: ""),
        CheckResult(name: "ties", points: 0, maximumPoints: 2.5, visibility: "hidden", outcome: .failed,
                    message: "expected 1, got -1 for query 3"),
        CheckResult(name: "loud", points: 0, maximumPoints: 1, visibility: "visible", outcome: .failed,
                    message: "got \u{1B}[31mred\u{7}\u{202E}" + String(repeating: "x", count: 20_000)),
    ])
    let json = try GradescopeResults(Grader.Report(results: [result], buildFeedback: ""), seconds: 2.2).json()
    let object = try #require(JSONSerialization.jsonObject(with: json) as? [String: Any])
    #expect(object["score"] as? Double == 4)
    #expect(object["execution_time"] as? Int == 3)
    #expect(object["stdout_visibility"] as? String == "hidden")
    #expect(object["output_format"] as? String == "text")
    // The top-level output counts visible points only: nothing in it tells how the hidden check went.
    #expect(object["output"] as? String == "4 of 5 points on the visible checks. Hidden checks (2.5 points) are shown "
        + "when grades are published.")
    let tests = try #require(object["tests"] as? [[String: Any]])
    #expect(tests.count == 3)
    #expect(tests[1]["name"] as? String == "11.2-1 · ties")
    #expect(tests[1]["max_score"] as? Double == 2.5)
    #expect(tests[1]["score"] as? Double == 0)
    #expect(tests[1]["status"] as? String == "failed")
    #expect(tests[1]["visibility"] as? String == "after_published")
    #expect(tests[1]["output"] as? String == "expected 1, got -1 for query 3")
    #expect(tests.allSatisfy { $0["output_format"] as? String == "text" })
    #expect(tests[0]["status"] as? String == "passed" && tests[0]["visibility"] as? String == "visible")
    let loud = try #require(tests[2]["output"] as? String)
    #expect(loud.hasPrefix("got [31mred" + String(repeating: "x", count: 10)))
    #expect(loud.hasSuffix(" … (cut at \(Feedback.testOutputLimit) characters)"))
    #expect(loud.count < Feedback.testOutputLimit + 40)
    #expect(!loud.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x202E })
    let opened = GradescopeResults(Grader.Report(results: [result], buildFeedback: ""), seconds: 1,
                                       showStandardOutput: true)
    #expect(opened.stdoutVisibility == "visible")
}

@Test func resultsReplaceWhateverASubmissionPutAtTheirPath() throws {
    let folder = try TemporaryFolder()
    let path = folder.url.appendingPathComponent("results.json")
    try FileManager.default.createDirectory(at: path.appendingPathComponent("inside"), withIntermediateDirectories: true)
    try GradescopeResults(failure: "no swift", seconds: 0).write(to: path)
    let text = try #require(folder.read("results.json"))
    #expect(text.contains("\"score\" : 0") && text.contains("could not grade this submission: no swift"))
}

@Test func releaseRemovesWhatAKilledReleaseLeftAndCallsAFileAFile() throws {
    let folder = try TemporaryFolder()
    let course = try trackedCourse(in: folder)
    let finished = Process()
    finished.executableURL = URL(fileURLWithPath: "/bin/sh")
    finished.arguments = ["-c", "exit 0"]
    try finished.run()
    finished.waitUntilExit()
    // A release killed outright leaves its staging folder under a name carrying its (now dead) process id.
    try folder.write(["Package.swift": "half\n"], under: ".course-staging-\(finished.processIdentifier)-student")
    _ = try Release.write(packageRoot: course, to: folder.url.appendingPathComponent("student"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == ["course", "student"])
    try folder.write(["release.zip": "a file"], under: "")
    #expect(throws: ExerciseToolError.notAFolder(folder.url.appendingPathComponent("release.zip").path)) {
        try Release.write(packageRoot: course, to: folder.url.appendingPathComponent("release.zip"))
    }
}

@Test func releaseShipsOnlyTrackedFilesNeverLeftovers() throws {
    let folder = try TemporaryFolder()
    let course = try trackedCourse(in: folder)
    // Leftovers of grading and work in progress: untracked, so never released.
    try folder.write(["results.json": "{\"score\" : 104}\n", "Exercises/results.json": "{}\n",
                      "Exercises/Workspace/Scratch.swift": "let answer = 42\n", "notes/todo.md": "grade\n"],
                     under: "course")
    _ = try Release.write(packageRoot: course, to: folder.url.appendingPathComponent("student"))
    let released = try PackageFiles(root: folder.url.appendingPathComponent("student")) { _ in false }
    #expect(!released.files.contains { $0.path.contains("results.json") || $0.path.contains("Scratch")
        || $0.path.hasPrefix("notes") })
    #expect(released.files.count == 9)
}

@Test func releaseRefusesAPackageThatIsNotAGitCheckout() throws {
    let folder = try TemporaryFolder()
    try folder.write(instructorFiles, under: "course")
    let course = folder.url.appendingPathComponent("course")
    #expect(throws: ExerciseToolError.notTracked(course.standardizedFileURL.resolvingSymlinksInPath().path)) {
        try Release.write(packageRoot: course, to: folder.url.appendingPathComponent("student"))
    }
    #expect(!folder.exists("student"))
}

@Test func scratchIsCreatedAndMarkedOrMustBeEmptyOrMarked() throws {
    let folder = try TemporaryFolder()
    let fresh = folder.url.appendingPathComponent("new/scratch")
    try ScratchFolder.prepare(fresh)
    #expect(folder.exists("new/scratch/\(ScratchFolder.markerName)"))
    try folder.write(["submission/Package.swift": "built\n"], under: "new/scratch")
    try ScratchFolder.prepare(fresh)  // marked: accepted again, contents kept for the next grading
    #expect(folder.read("new/scratch/submission/Package.swift") == "built\n")
    try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("empty"),
                                            withIntermediateDirectories: true)
    try ScratchFolder.prepare(folder.url.appendingPathComponent("empty"))
    #expect(folder.exists("empty/\(ScratchFolder.markerName)"))
}

@Test func scratchRefusesAFolderTheToolDidNotMake() throws {
    let folder = try TemporaryFolder()
    try folder.write(["notes.md": "mine\n", ".git/HEAD": "ref: refs/heads/main\n"], under: "notes")
    let notes = folder.url.appendingPathComponent("notes")
    #expect(throws: ExerciseToolError.foreignScratch(notes.path)) { try ScratchFolder.prepare(notes) }
    try folder.write([ScratchFolder.markerName + "/inside": "a folder, not the marker\n"], under: "fake")
    #expect(throws: ExerciseToolError.foreignScratch(folder.url.appendingPathComponent("fake").path)) {
        try ScratchFolder.prepare(folder.url.appendingPathComponent("fake"))
    }
    try folder.write(["file": "x"])
    #expect(throws: ExerciseToolError.notAFolder(folder.url.appendingPathComponent("file").path)) {
        try ScratchFolder.prepare(folder.url.appendingPathComponent("file"))
    }
    // The grader refuses it before anything in it is touched, whatever the submission.
    let grader = Grader(packageRoot: notes, exercises: [], scratch: notes)
    #expect(throws: ExerciseToolError.foreignScratch(notes.path)) {
        try grader.grade(submission: folder.url.appendingPathComponent("absent"))
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: notes.path).sorted() == [".git", "notes.md"])
    #expect(folder.read("notes/notes.md") == "mine\n" && folder.read("notes/.git/HEAD") == "ref: refs/heads/main\n")
    #expect(ExerciseToolError.foreignScratch(notes.path).description == "\(notes.path) is not empty and was not made "
        + "by exercises grade (it has no .exercises-scratch): give --scratch a new or empty folder")
}
