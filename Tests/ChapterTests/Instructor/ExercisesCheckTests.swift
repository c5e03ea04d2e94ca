import ExerciseChecks
import Foundation
import Testing

// What `exercises check` tells a student about points: visible out of visible, the hidden checks' points on a line
// of their own, never a total mixing the two. Run against the reference solutions, so the student edition leaves
// this folder out.

@Test func checkCountsVisiblePointsAndNamesTheHiddenOnesApart() throws {
    let exercise = try #require(ExerciseCatalogue.all.first { $0.id == "11.2-E3" })
    let visible = GradescopeResults.format(exercise.checks.filter { $0.visibility == .visible }.map(\.points)
        .reduce(0, +))
    let hidden = try #require(ExerciseCatalogue.hiddenPoints["11.2-E3"])
    let mixed = GradescopeResults.format(exercise.maximumPoints)
    #expect(mixed != visible)

    let run = try ChapterRunner.run(["check", "11.2-E3", "11.1-4"], chapter: "exercises")
    #expect(run.status == 0, "\(run.standardError)")
    let lines = run.standardOutput.components(separatedBy: "\n")
    let row = try #require(lines.first { $0.hasPrefix("11.2-E3 ") })
    #expect(row.contains("\(visible) / \(visible)") && row.hasSuffix("passed"))
    #expect(lines.first { $0.hasPrefix("11.1-4 ") }?.contains("—") == true)
    #expect(lines.contains("visible checks: \(visible) / \(visible) points"))
    #expect(lines.contains("Hidden checks carry \(GradescopeResults.format(hidden)) more points: they run only when "
        + "your work is graded, so they are not in the points above."))
    #expect(!run.standardOutput.contains("/ \(mixed)") && !run.standardOutput.contains("total"))

    // The instructor's view runs the hidden checks too, and still keeps the two totals apart.
    let all = try ChapterRunner.run(["check", "11.2-E3", "--include-hidden"], chapter: "exercises")
    #expect(all.status == 0, "\(all.standardError)")
    let allLines = all.standardOutput.components(separatedBy: "\n")
    #expect(allLines.contains("visible checks: \(visible) / \(visible) points"))
    #expect(allLines.contains("hidden checks: \(GradescopeResults.format(hidden)) / \(GradescopeResults.format(hidden)) points"))
    #expect(!all.standardOutput.contains("/ \(mixed)") && !all.standardOutput.contains("Hidden checks carry"))
}

/// The package: this file is `Tests/ChapterTests/Instructor/ExercisesCheckTests.swift`.
private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

@Test(slowTest) func gradeWithOutputShownToStudentsCountsVisiblePointsOnly() throws {
    let visible = GradescopeResults.format(ExerciseCatalogue.all.flatMap(\.checks).filter { $0.visibility == .visible }
        .map(\.points).reduce(0, +))
    let hidden = GradescopeResults.format(ExerciseCatalogue.hiddenPoints.values.reduce(0, +))
    let total = GradescopeResults.format(ExerciseCatalogue.all.map(\.maximumPoints).reduce(0, +))
    let folder = try TemporaryFolder()
    let run = try ChapterRunner.run(["grade", "--submission", packageRoot.path, "--scratch", folder.path("scratch"),
                                     "--results", folder.path("results.json"), "--show-output"], chapter: "exercises")
    #expect(run.status == 0, "\(run.standardError)")
    let lines = run.standardOutput.components(separatedBy: "\n")
    #expect(lines.contains("visible checks: \(visible) / \(visible) points"))
    #expect(lines.contains("Hidden checks carry \(hidden) more points: they are shown when grades are published."))
    #expect(lines.contains { $0.hasPrefix("Score on the visible checks: \(visible) / \(visible). Results: ") })
    #expect(!run.standardOutput.contains("hidden points") && !run.standardOutput.contains("/ \(total)"))
}
