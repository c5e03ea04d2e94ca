import ExerciseChecks
import Foundation
import Testing

// Finding the exercise files in an upload of any layout: loose, nested, a whole package, a zip with or without a
// top-level folder; and what is refused, ignored or ambiguous.

private let expected = ["Exercise11_2_1.swift", "Exercise11_2_2.swift", "ExerciseError.swift"]

private func texts(_ found: SubmissionFiles) -> [String: String] {
    Dictionary(uniqueKeysWithValues: found.files.map { ($0.path, String(decoding: $0.contents, as: UTF8.self)) })
}

@Test func looseFilesAreFound() throws {
    let folder = try TemporaryFolder()
    try folder.write(["Exercise11_2_1.swift": "one", "Exercise11_2_2.swift": "two", "readme.txt": "hi"])
    let found = try SubmissionFiles(upload: folder.url, expected: expected)
    #expect(texts(found) == ["Exercise11_2_1.swift": "one", "Exercise11_2_2.swift": "two"])
    #expect(found.missing == ["ExerciseError.swift"])
}

@Test func filesNestedAtAnyDepthAreFoundAndStrayFilesBesideThemAreNamedAsIgnored() throws {
    let folder = try TemporaryFolder()
    try folder.write(["submission/MyWork/Exercises/Workspace/Exercise11_2_1.swift": "one",
                      "submission/MyWork/Exercises/Workspace/main.swift": "print(1)",
                      "submission/MyWork/.build/Exercise11_2_2.swift": "build output, skipped",
                      "submission/MyWork/Sources/Other.swift": "elsewhere"])
    let found = try SubmissionFiles(upload: folder.url, expected: expected)
    #expect(texts(found) == ["Exercise11_2_1.swift": "one"])
    #expect(found.missing == ["Exercise11_2_2.swift", "ExerciseError.swift"])
    #expect(found.notes == ["Ignored (not exercise files, not built): submission/MyWork/Exercises/Workspace/main.swift"])
}

@Test func twoCopiesOfAFileGradeTheWorkspaceOneAndSaySo() throws {
    let folder = try TemporaryFolder()
    try folder.write(["backup/Exercise11_2_1.swift": "old", "Exercise11_2_1.swift": "loose",
                      "pkg/Exercises/Workspace/Exercise11_2_1.swift": "current",
                      "a/Exercise11_2_2.swift": "first by path", "b/Exercise11_2_2.swift": "second"])
    let found = try SubmissionFiles(upload: folder.url, expected: expected)
    #expect(texts(found) == ["Exercise11_2_1.swift": "current", "Exercise11_2_2.swift": "first by path"])
    #expect(found.notes.contains("Exercise11_2_1.swift: 3 copies in the upload (pkg/Exercises/Workspace/"
                                 + "Exercise11_2_1.swift, Exercise11_2_1.swift, backup/Exercise11_2_1.swift); graded "
                                 + "pkg/Exercises/Workspace/Exercise11_2_1.swift"))
    #expect(found.notes.contains { $0.hasPrefix("Exercise11_2_2.swift: 2 copies") && $0.hasSuffix("graded a/Exercise11_2_2.swift") })
}

@Test func aZipWithATopLevelFolderIsReadAndSoIsAZipInsideAnUploadFolder() throws {
    let folder = try TemporaryFolder()
    var writer = ZipWriter()
    try writer.add(path: "alice/Exercises/Workspace/Exercise11_2_1.swift", contents: Array("zipped".utf8), permissions: 0o644)
    try writer.add(path: "__MACOSX/alice/._Exercise11_2_2.swift", contents: [0, 1], permissions: 0o644)
    try writer.add(path: "alice/ExerciseError.swift", contents: Array("errors".utf8), permissions: 0o644)
    let zip = folder.url.appendingPathComponent("alice.zip")
    try Data(writer.bytes).write(to: zip)
    let direct = try SubmissionFiles(upload: zip, expected: expected)
    #expect(texts(direct) == ["Exercise11_2_1.swift": "zipped", "ExerciseError.swift": "errors"])
    #expect(direct.missing == ["Exercise11_2_2.swift"])
    let inFolder = try SubmissionFiles(upload: folder.url, expected: expected)
    #expect(texts(inFolder) == texts(direct))
}

@Test func linksAndSpecialFilesAreRefusedAndNeverRead() throws {
    let folder = try TemporaryFolder()
    try folder.write(["secret.txt": "the hidden checks"])
    try FileManager.default.createSymbolicLink(at: folder.url.appendingPathComponent("Exercise11_2_1.swift"),
                                               withDestinationURL: folder.url.appendingPathComponent("secret.txt"))
    #expect(mkfifo(folder.url.appendingPathComponent("Exercise11_2_2.swift").path, 0o644) == 0)
    let found = try SubmissionFiles(upload: folder.url, expected: expected)
    #expect(found.files.isEmpty)
    #expect(found.notes.contains("Exercise11_2_1.swift: a symbolic link, refused (submit the file itself)"))
    #expect(found.notes.contains("Exercise11_2_2.swift: a FIFO, refused"))
}

@Test func anEmptyUploadFindsNothingAndANonexistentOneThrows() throws {
    let folder = try TemporaryFolder()
    let found = try SubmissionFiles(upload: folder.url, expected: expected)
    #expect(found.files.isEmpty && found.missing == expected)
    let absent = folder.url.appendingPathComponent("absent")
    #expect(throws: ExerciseToolError.missingFolder(absent.path)) { try SubmissionFiles(upload: absent, expected: expected) }
    try folder.write(["junk.zip": "not a zip"])
    let junk = try SubmissionFiles(upload: folder.url, expected: expected)
    #expect(junk.files.isEmpty && junk.notes == ["junk.zip: not a zip archive (no central directory)"])
}

@Test func filesAreMappedToTheirExercises() {
    #expect(CourseWorkspace.exerciseID(ofFile: "Exercise11_2_1.swift") == "11.2-1")
    #expect(CourseWorkspace.exerciseID(ofFile: "Exercise11_1_3.swift") == "11.1-3")
    #expect(CourseWorkspace.exerciseID(ofFile: "ExerciseEarlier_4.swift") == "11.2-E4")
    #expect(CourseWorkspace.exerciseID(ofFile: "Exercise11_2_Errors.swift") == nil)
    #expect(CourseWorkspace.exerciseID(ofFile: "ExerciseError.swift") == nil)
    #expect(CourseWorkspace.exerciseID(ofFile: "main.swift") == nil)
}

@Test func everyGradedExerciseHasAWorkspaceFileAndEveryHarnessEntryNamesItsExercise() throws {
    let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let course = try CourseWorkspace(packageRoot: packageRoot)
    for exercise in ExerciseCatalogue.all where !exercise.checks.isEmpty {
        #expect(course.file(of: exercise.id) != nil, "\(exercise.id) has no Exercise file")
    }
    // A compile error in the harness's call of a function is blamed on the file of the `// ID` comment above it.
    let table = try String(contentsOf: packageRoot.appendingPathComponent("Exercises/Harness/StudentFunctions.swift"),
                           encoding: .utf8).split(separator: "\n").map(String.init)
    var current: String?
    var entries = 0
    for line in table {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("// 11.") {
            current = String(trimmed.dropFirst(3).prefix { $0 != ":" && $0 != " " })
        } else if trimmed.hasPrefix("\""), trimmed.contains("{ a in") {
            entries += 1
            #expect(current.flatMap(course.file(of:)) != nil, "\(trimmed) sits under no // ID of a file")
        }
    }
    #expect(entries > 10)
}

@Test func oneSwiftFileIsAnUploadAndAnotherFileThatIsNoZipIsRefused() throws {
    let folder = try TemporaryFolder()
    try folder.write(["Exercise11_2_1.swift": "one", "report.pdf": "%PDF"])
    let single = try SubmissionFiles(upload: folder.url.appendingPathComponent("Exercise11_2_1.swift"), expected: expected)
    #expect(texts(single) == ["Exercise11_2_1.swift": "one"])
    let pdf = folder.url.appendingPathComponent("report.pdf")
    #expect(throws: ExerciseToolError.notAnUpload(pdf.path, reason: "not a zip archive (no central directory)")) {
        try SubmissionFiles(upload: pdf, expected: expected)
    }
}
