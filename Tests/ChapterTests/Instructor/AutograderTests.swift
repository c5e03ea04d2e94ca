import ExerciseChecks
import Foundation
import Testing

// The Gradescope bundle end to end: `exercises autograder` writes it, and its own `run_autograder` grades a correct,
// a broken and an empty upload in a temporary root standing in for /autograder. The grader inside is this package's
// (built already); what Gradescope's setup.sh would build is the same code. It needs the reference solutions, so the
// student edition leaves it out.

/// The instructor's package: this file is `Tests/ChapterTests/Instructor/AutograderTests.swift`.
private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

/// The reference workspace's files, by name.
private func referenceWorkspace() throws -> [String: String] {
    let files = try PackageFiles(root: packageRoot.appendingPathComponent("Exercises/Workspace")) { _ in false }.files
    return Dictionary(uniqueKeysWithValues: files.map { ($0.path, String(decoding: $0.contents, as: UTF8.self)) })
}

/// What `name` (found on the PATH) prints on standard output and error, run with `arguments`.
private func runTool(_ name: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [name] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

/// Runs `run_autograder` with `AUTOGRADER_ROOT=root`; its exit status and the results it wrote.
private func runAutograder(root: URL) throws -> (Int32, GradescopeResults, String) {
    let process = Process()
    process.executableURL = root.appendingPathComponent("source/run_autograder")
    process.environment = ["AUTOGRADER_ROOT": root.path, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    let data = try Data(contentsOf: root.appendingPathComponent("results/results.json"))
    return (process.terminationStatus, try JSONDecoder().decode(GradescopeResults.self, from: data),
            String(decoding: data, as: UTF8.self))
}

@Test(slowTest) func theBundlesRunAutograderGradesACorrectABrokenAndAnEmptyUploadInATemporaryRoot() throws {
    let folder = try TemporaryFolder()
    let bundle = folder.url.appendingPathComponent("autograder.zip")
    let made = try ChapterRunner.run(["autograder", "--out", bundle.path], chapter: "exercises")
    #expect(made.status == 0, "\(made.standardError)")

    // Unpacked as Gradescope does, into ROOT/source, with the scripts' permissions.
    let root = folder.url.appendingPathComponent("autograder")
    let source = root.appendingPathComponent("source")
    let archive = try ZipReader(contentsOf: bundle)
    let names = archive.entries.map { $0.components.joined(separator: "/") }
    #expect(names.prefix(2) == ["setup.sh", "run_autograder"])
    #expect(archive.entries.prefix(2).allSatisfy { $0.permissions == 0o755 })
    var shipped: [String: String] = [:]
    var budget = 0
    for entry in archive.entries where !entry.isFolder {
        var limits = ZipReader.Limits()
        limits.totalBytes = 64 << 20
        let bytes = try ZipReader(contentsOf: bundle, limits: limits).data(of: entry, alreadyRead: budget)
        budget += bytes.count
        let path = entry.components.joined(separator: "/")
        shipped[path] = String(decoding: bytes, as: UTF8.self)
        let file = source.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: entry.permissions], ofItemAtPath: file.path)
    }
    // What the bundle holds: every check (hidden ones too), no reference solution, no worked solution, no
    // instructor's test; setup.sh pins this toolchain and checks its signature.
    #expect(shipped["course/Exercises/Checks/Checks11_2.swift"]?.contains("// BEGIN HIDDEN CHECKS") == true)
    #expect(shipped.filter { $0.key.hasPrefix("course/Exercises/Workspace/") }
        .allSatisfy { !$0.value.contains("// BEGIN SOLUTION") && !$0.value.contains("previous[j + 1] + 1") })
    #expect(!shipped.keys.contains { $0.contains("/Instructor/") || $0.hasPrefix("course/Tests/Mutation") })
    #expect(!shipped.filter { $0.key.hasPrefix("course/Exercises/Pages/") }.values.contains { $0.contains(ReleaseTransform.pageBegin) })
    let setup = try #require(shipped["setup.sh"])
    #expect(setup.contains("SWIFT_VERSION=\(Autograder.swiftVersion)") && setup.contains("gpg --batch --verify"))
    let version = try runTool("swift", ["--version"])
    #expect(version.contains("Swift version \(Autograder.swiftVersion) "), "\(version)")
    #expect(try runTool("bash", ["-n", source.appendingPathComponent("setup.sh").path]).isEmpty)

    // What setup.sh builds: the grader, here this package's own; the scratch folder kept between test runs.
    let tool = source.appendingPathComponent("course/.build/debug/exercises")
    try FileManager.default.createDirectory(at: tool.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(at: tool, withDestinationURL: try ChapterRunner.executable("exercises"))
    let kept = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("exercises-autograder-scratch")
    try FileManager.default.createDirectory(at: kept, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(at: source.appendingPathComponent("scratch"), withDestinationURL: kept)
    let submission = root.appendingPathComponent("submission")
    let maximum = ExerciseCatalogue.all.map(\.maximumPoints).reduce(0, +)

    // Correct: the reference, loose.
    try FileManager.default.createDirectory(at: submission, withIntermediateDirectories: true)
    for (name, text) in try referenceWorkspace() {
        try text.write(to: submission.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    let (correctStatus, correct, _) = try runAutograder(root: root)
    #expect(correctStatus == 0)
    #expect(correct.score == maximum, "\(correct.output)")
    #expect(correct.tests.count == ExerciseCatalogue.all.map(\.checks.count).reduce(0, +))

    // Broken: nested in a folder, one file that does not compile, and one function that tries to read the bundle's
    // hidden checks through the root's path and throws what it found.
    try FileManager.default.removeItem(at: submission)
    var broken = try referenceWorkspace()
    let checks = source.appendingPathComponent("course/Exercises/Checks/Checks11_2.swift").path
    broken["Exercise11_2_4.swift"] = broken["Exercise11_2_4.swift"]?.replacingOccurrences(of: "return c * pow(",
                                                                                          with: "return nope * pow(")
    broken["Exercise11_1_1.swift"] = broken["Exercise11_1_1.swift"].map {
        $0.replacingOccurrences(
            of: "public func nameSimilarity(query: String, key: String) throws -> Double {\n",
            with: "public func nameSimilarity(query: String, key: String) throws -> Double {\n"
                + "    if query != \"\" { throw Loot(description: (try? String(contentsOfFile: \"\(checks)\", encoding: .utf8))"
                + ".map { \"LOOTED \" + $0.prefix(200) } ?? \"nothing to loot\") }\n")
            + "\nstruct Loot: Error, CustomStringConvertible { let description: String }\n"
    }
    for (name, text) in broken {
        let file = submission.appendingPathComponent("my-work/Exercises/Workspace/\(name)")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
    }
    let (brokenStatus, brokenResults, brokenJSON) = try runAutograder(root: root)
    #expect(brokenStatus == 0)
    #expect(brokenResults.score > 0 && brokenResults.score < maximum)
    #expect(brokenResults.tests.filter { $0.name.hasPrefix("11.2-4 ·") }
        .allSatisfy { $0.score == 0 && $0.output.contains("Exercise11_2_4.swift does not compile") })
    #expect(brokenResults.tests.filter { $0.name.hasPrefix("11.2-3 ·") }.allSatisfy { $0.status == "passed" })
    #expect(brokenJSON.contains("nothing to loot"))
    #expect(!brokenJSON.contains("LOOTED") && !brokenJSON.contains("BEGIN HIDDEN"))

    // Empty: nothing uploaded.
    try FileManager.default.removeItem(at: submission)
    try FileManager.default.createDirectory(at: submission, withIntermediateDirectories: true)
    let (emptyStatus, empty, _) = try runAutograder(root: root)
    #expect(emptyStatus == 0)
    #expect(empty.score == 0 && empty.output.contains("no exercise file found in the upload; expected Exercise11_1_1.swift"))
    #expect(empty.tests.count == correct.tests.count)
}
