import CourseCLI
import ExerciseChecks

/// The terminal tables of `check` and `grade`.
enum Tables {
    /// One row per exercise (id, title, visible points / visible maximum, hidden points / hidden maximum when hidden
    /// checks ran and `showHidden`, status), a total for the visible checks and one for the hidden checks (never a
    /// sum of the two), then one line per lost check: `  ID · check name: message`, and the exercise's message for a
    /// crash, time-out or compile error. With `showHidden` false (what students may read), nothing tells how a hidden
    /// check went: a line gives only how many points the hidden checks carry. `hiddenPointsNotRun` is what the hidden
    /// checks that did not run carry (`exercises check`): when above 0, a line says they exist, how many points they
    /// carry, and that only grading runs them.
    static func results(_ results: [ExerciseResult], showHidden: Bool = true, hiddenPointsNotRun: Double = 0) -> String {
        let hiddenChecks = results.flatMap(\.checks).filter { $0.visibility == Visibility.hidden.rawValue }
        let hiddenRan = showHidden && !hiddenChecks.isEmpty
        let hiddenPoints = hiddenPointsNotRun + (showHidden ? 0 : hiddenChecks.map(\.maximumPoints).reduce(0, +))
        let rows = results.map { result in
            [result.id, result.title, points(result, .visible)] + (hiddenRan ? [points(result, .hidden)] : [])
                + [result.status.label]
        }
        let header = ["exercise", "title", "visible points"] + (hiddenRan ? ["hidden points"] : []) + ["status"]
        var lines = [TextTable(header: header, rows: rows, rightAligned: hiddenRan ? [2, 3] : [2]).text]
        lines.append("visible checks: \(total(results, .visible)) points")
        if hiddenRan {
            lines.append("hidden checks: \(total(results, .hidden)) points")
        } else if hiddenPointsNotRun > 0 {
            lines.append("Hidden checks carry \(GradescopeResults.format(hiddenPoints)) more points: they run only "
                         + "when your work is graded, so they are not in the points above.")
        } else if hiddenPoints > 0 {
            lines.append("Hidden checks carry \(GradescopeResults.format(hiddenPoints)) more points: they are shown when "
                         + "grades are published.")
        }
        var details: [String] = []
        for result in results {
            if !result.message.isEmpty {
                details.append("  \(result.id): \(result.message)")
                continue
            }
            for check in result.checks where check.outcome != .passed && (showHidden || check.visibility != "hidden") {
                let hidden = check.visibility == "hidden" ? " (hidden)" : ""
                details.append("  \(result.id) · \(check.name)\(hidden): \(check.message)")
            }
        }
        if !details.isEmpty { lines += ["", "What to fix:"] + details }
        return lines.joined(separator: "\n")
    }

    /// "earned / maximum" over `result`'s checks of `visibility`; "—" for a written answer or when it has none.
    private static func points(_ result: ExerciseResult, _ visibility: Visibility) -> String {
        let checks = result.checks.filter { $0.visibility == visibility.rawValue }
        guard result.status != .writtenAnswer, !checks.isEmpty else { return "—" }
        return fraction(checks)
    }

    /// "earned / maximum" over every result's checks of `visibility`.
    private static func total(_ results: [ExerciseResult], _ visibility: Visibility) -> String {
        fraction(results.flatMap(\.checks).filter { $0.visibility == visibility.rawValue })
    }

    private static func fraction(_ checks: [CheckResult]) -> String {
        GradescopeResults.format(checks.map(\.points).reduce(0, +)) + " / "
            + GradescopeResults.format(checks.map(\.maximumPoints).reduce(0, +))
    }
}
