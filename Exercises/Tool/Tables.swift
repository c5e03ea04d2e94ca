import CourseCLI
import ExerciseChecks

/// The terminal tables of `check` and `grade`.
enum Tables {
    /// One row per exercise (id, title, points / maximum, status), then one line per lost check:
    /// `  ID · check name: message`, and the exercise's message for a crash, time-out or compile error.
    /// With `showHidden` false, hidden checks that failed are left out of "What to fix" (the points still count).
    static func results(_ results: [ExerciseResult], showHidden: Bool = true) -> String {
        let rows = results.map { result in
            [result.id, result.title,
             result.status == .writtenAnswer ? "—" : "\(GradescopeResults.format(result.points)) / "
                + GradescopeResults.format(result.maximumPoints),
             result.status.label]
        }
        var lines = [TextTable(header: ["exercise", "title", "points", "status"], rows: rows, rightAligned: [2]).text]
        let total = results.map(\.points).reduce(0, +)
        let maximum = results.map(\.maximumPoints).reduce(0, +)
        lines.append("total: \(GradescopeResults.format(total)) / \(GradescopeResults.format(maximum))")
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
}
