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
    "Tests/Mutation/mutants.tsv": "Workspace.swift\treturn 1\treturn 2\tquotes a solution\n",
    "Tests/ExercisesTests/Unit.swift": "// unit tests\n",
]

@Test func releaseCopiesThePackageWithoutSolutionsBuildFoldersOrCI() throws {
    let folder = try TemporaryFolder()
    try folder.write(instructorFiles, under: "course")
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
    try folder.write(instructorFiles, under: "course")
    try folder.write(["keep.txt": "mine"], under: "taken")
    let course = folder.url.appendingPathComponent("course")
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
    try folder.write(files, under: "course")
    #expect(throws: ExerciseToolError.markers(file: "Exercises/Checks/Checks.swift", line: 2,
                                              problem: "// BEGIN HIDDEN CHECKS is never closed")) {
        try Release.write(packageRoot: folder.url.appendingPathComponent("course"),
                          to: folder.url.appendingPathComponent("student"))
    }
    let left = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
    #expect(left == ["course"])
}

@Test func submissionIsAPackageOrAnExercisesFolder() throws {
    let folder = try TemporaryFolder()
    try folder.write(["Package.swift": "", "Exercises/Workspace/A.swift": ""], under: "package")
    try folder.write(["Workspace/A.swift": ""], under: "Exercises")
    try folder.write(["notes.txt": ""], under: "other")
    #expect(try Grader.workspace(ofSubmission: folder.url.appendingPathComponent("package"))
        == folder.url.appendingPathComponent("package/Exercises/Workspace"))
    #expect(try Grader.workspace(ofSubmission: folder.url.appendingPathComponent("Exercises"))
        == folder.url.appendingPathComponent("Exercises/Workspace"))
    #expect(throws: ExerciseToolError.notASubmission(folder.url.appendingPathComponent("other").path)) {
        try Grader.workspace(ofSubmission: folder.url.appendingPathComponent("other"))
    }
    #expect(throws: ExerciseToolError.missingFolder(folder.url.appendingPathComponent("absent").path)) {
        try Grader.workspace(ofSubmission: folder.url.appendingPathComponent("absent"))
    }
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
    try folder.write(instructorFiles, under: "course")
    let course = folder.url.appendingPathComponent("course")
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
