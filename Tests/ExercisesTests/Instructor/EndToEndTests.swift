import ExerciseChecks
import Foundation
import Testing

// End to end: these build packages (the release, and scratch copies for grading), so they run one at a time and
// share build folders kept next to the test bundle: the first run builds everything, later ones only what changed.
// They need the reference solutions, so the student edition leaves this folder out.

/// The instructor's package: this file is `Tests/ExercisesTests/Instructor/EndToEndTests.swift`.
private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

/// A folder kept inside the build folder (next to the test bundle), so each scratch path has its own.
private func keptFolder(_ name: String) -> URL {
    Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("exercises-e2e-\(name)")
}

/// Three tiny exercises standing in for the real ones, so the grader's handling of crashes, loops and compile errors
/// is tested whatever the catalogue holds: exercise N asks for `fixtureShiftN(x) = x + N`.
private enum Fixture {
    static let ids = ["11.1-1", "11.1-2", "11.1-3"]

    static var exercises: [Exercise] {
        ids.enumerated().map { index, id in
            Exercise(id: id, title: "Shift by \(index + 1)", checks: [
                Check("shifts 0", points: 6) {},
                Check("shifts -5", points: 4, visibility: .hidden) {},
            ])
        }
    }

    static var workspace: String {
        (1...3).map { n in
            """
            /// Returns x + \(n).
            public func fixtureShift\(n)(_ x: Int) throws -> Int {
                // BEGIN SOLUTION
                return x + \(n)
                // END SOLUTION
            }

            """
        }.joined()
    }

    static var checks: String {
        let exercises = ids.enumerated().map { index, id in
            let n = index + 1
            return """
                    Exercise(id: "\(id)", title: "Shift by \(n)", checks: [
                        Check("shifts 0", points: 6) {
                            let got = try fixtureShift\(n)(0)
                            try expect(got == \(n), "expected \(n), got \\(got)")
                        },
                        Check("shifts -5", points: 4, visibility: .hidden) {
                            let got = try fixtureShift\(n)(-5)
                            try expect(got == \(n - 5), "expected \(n - 5), got \\(got)")
                        },
                    ]),
            """
        }
        return """
            import Exercises

            extension ExerciseCatalogue {
                static var chapter11_1: [Exercise] {
                    [
            \(exercises.joined(separator: "\n"))
                    ]
                }
                static var chapter11_2: [Exercise] { [] }
                static var earlierEdition11_2: [Exercise] { [] }
                static var figures11_1: [String: FigureMaker] { [:] }
                static var figures11_2: [String: FigureMaker] { [:] }
                static var figuresEarlierEdition11_2: [String: FigureMaker] { [:] }
            }

            """
    }

    /// The instructor's package with the fixture in place of the real exercises, written to a kept folder.
    static func package() throws -> URL {
        let infrastructure: Set<String> = [
            "Catalogue", "Check", "ChildProcess", "ExerciseToolError", "ExercisesSite", "Grader", "PackageFiles",
            "Release", "ReleaseTransform", "Results", "ResultsGradescope", "Runner", "RunnerIsolated", "WorkedFigure",
        ].reduce(into: []) { $0.insert("Exercises/Checks/\($1).swift") }
        var files = try PackageFiles(root: packageRoot) { path in
            PackageCopy.leavesOut(path) || ["Site", ".ci", "Exercises/Pages"].contains(path)
        }
        files.files.removeAll { file in
            (file.path.hasPrefix("Exercises/Checks/") && !infrastructure.contains(file.path))
                || (file.path.hasPrefix("Exercises/Workspace/") && file.path != "Exercises/Workspace/ExerciseError.swift")
        }
        files.files += [
            PackageFiles.File(path: "Exercises/Checks/Fixture.swift", contents: Data(checks.utf8), permissions: 0o644),
            PackageFiles.File(path: "Exercises/Workspace/Fixture.swift", contents: Data(workspace.utf8),
                              permissions: 0o644),
        ]
        let root = keptFolder("fixture-package")
        try files.write(to: root, removingOthers: true)
        return root
    }

    /// A student's `Exercises` folder whose workspace is the fixture's with `edit` applied.
    static func submission(in folder: TemporaryFolder, _ edit: (String) -> String) throws -> URL {
        try folder.write(["Workspace/Fixture.swift": edit(workspace), "Workspace/ExerciseError.swift":
            String(decoding: try Data(contentsOf: packageRoot.appendingPathComponent(
                "Exercises/Workspace/ExerciseError.swift")), as: UTF8.self)], under: "Exercises")
        return folder.url.appendingPathComponent("Exercises")
    }
}

/// Grades `submission` against `package` in the shared scratch folder and writes results.json, as the tool does.
private func grade(_ submission: URL, package: URL, exercises: [Exercise], timeout: Double = 20,
                   results: URL) throws -> (Grader.Report, [String: Any]) {
    let grader = Grader(packageRoot: package, exercises: exercises, timeout: timeout, scratch: keptFolder("scratch"))
    let report = try grader.grade(submission: submission)
    try GradescopeResults(report).json().write(to: results)
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: results)) as? [String: Any]
    return (report, json ?? [:])
}

@Suite(.serialized) struct EndToEnd {
    @Test func releaseBuildsOnItsOwnAndItsUntouchedWorkspaceScoresZero() throws {
        let folder = try TemporaryFolder()
        let release = folder.url.appendingPathComponent("student")
        _ = try Release.write(packageRoot: packageRoot, to: release)
        let workspace = try PackageFiles(root: release.appendingPathComponent("Exercises/Workspace")) { _ in false }
        #expect(!workspace.files.contains { String(decoding: $0.contents, as: UTF8.self).contains("BEGIN SOLUTION") })
        #expect(!FileManager.default.fileExists(atPath: release.appendingPathComponent(".ci").path))

        // Build the release in a kept copy, so a second run rebuilds only what changed.
        let kept = keptFolder("release")
        try PackageFiles(root: release) { _ in false }.write(to: kept, removingOthers: true, keeping: [".build"])
        let swift = try #require(ChildProcess.onPath("swift"))
        let log = folder.url.appendingPathComponent("build.log")
        let build = try ChildProcess.run(swift, ["build", "--package-path", kept.path], output: .file(log),
                                         errorFile: log.appendingPathExtension("err"), timeout: 900)
        #expect(build.status == 0 && !build.signalled, "\(ChildProcess.tail(of: log, limit: 3000))")

        let (report, json) = try grade(release, package: packageRoot, exercises: ExerciseCatalogue.all,
                                       results: folder.url.appendingPathComponent("results.json"))
        #expect(report.buildFeedback.isEmpty)
        #expect(report.score == 0)
        #expect(report.results.allSatisfy { [.notImplemented, .writtenAnswer, .failed].contains($0.status) })
        #expect(json["score"] as? Double == 0)
    }

    @Test func theReferenceSolutionsScoreFullMarks() throws {
        let folder = try TemporaryFolder()
        let (report, json) = try grade(packageRoot, package: packageRoot, exercises: ExerciseCatalogue.all,
                                       results: folder.url.appendingPathComponent("results.json"))
        #expect(report.buildFeedback.isEmpty)
        for result in report.results {
            #expect(result.points == result.maximumPoints, "\(result.id): \(result.status.label) \(result.message)")
        }
        #expect(json["score"] as? Double == report.maximumScore)
        #expect((json["tests"] as? [Any])?.count == ExerciseCatalogue.all.map(\.checks.count).reduce(0, +))
    }

    @Test func aCompileErrorScoresZeroWithTheCompilersMessage() throws {
        let folder = try TemporaryFolder()
        let submission = try Fixture.submission(in: folder) {
            $0.replacingOccurrences(of: "return x + 2", with: "return x + undefinedName")
        }
        let (report, json) = try grade(submission, package: try Fixture.package(), exercises: Fixture.exercises,
                                       results: folder.url.appendingPathComponent("results.json"))
        #expect(report.score == 0 && report.maximumScore == 30)
        #expect(report.results.allSatisfy { $0.status == .compileError })
        #expect(report.buildFeedback.contains("Exercises/Workspace/Fixture.swift:10:"))
        #expect(report.buildFeedback.contains("error: cannot find 'undefinedName' in scope"))
        #expect(!report.buildFeedback.contains(folder.url.path))
        #expect((json["output"] as? String)?.contains("undefinedName") == true)
        #expect((json["tests"] as? [[String: Any]])?.allSatisfy { $0["score"] as? Double == 0 } == true)
    }

    @Test func aCrashAndAnEndlessLoopCostOnlyTheirOwnExercises() throws {
        let folder = try TemporaryFolder()
        let submission = try Fixture.submission(in: folder) {
            $0.replacingOccurrences(of: "return x + 1", with: "let none: [Int] = []\n    return none[x]")
                .replacingOccurrences(of: "return x + 3", with: "while x < Int.max { }\n    return x + 3")
        }
        let (report, json) = try grade(submission, package: try Fixture.package(), exercises: Fixture.exercises,
                                       timeout: 5, results: folder.url.appendingPathComponent("results.json"))
        #expect(report.results.map(\.status) == [.crashed, .passed, .timedOut])
        #expect(report.results.map(\.points) == [0, 10, 0])
        #expect(report.results[0].message.contains("Index out of range"), "\(report.results[0].message)")
        #expect(report.results[2].message.contains("timed out"))
        let tests = try #require(json["tests"] as? [[String: Any]])
        #expect(tests.map { $0["name"] as? String } == Fixture.ids.flatMap { ["\($0) · shifts 0", "\($0) · shifts -5"] })
        #expect(tests.map { $0["visibility"] as? String } == Array(repeating: ["visible", "after_published"], count: 3)
            .flatMap { $0 })
        #expect(json["score"] as? Double == 10)
    }
}
