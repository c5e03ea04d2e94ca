import Figures
import Foundation

/// Gradescope's autograder `results.json`: the total score, one test per check with its score, maximum, status,
/// feedback and visibility (hidden checks `after_published`), and the build feedback as the top-level output.
public struct GradescopeResults: Codable, Equatable, Sendable {
    /// One check, as Gradescope lists it.
    public struct Test: Codable, Equatable, Sendable {
        public let name: String
        public let score: Double
        public let maxScore: Double
        /// `passed` or `failed`.
        public let status: String
        public let output: String
        /// `visible`, or `after_published` for a hidden check.
        public let visibility: String

        enum CodingKeys: String, CodingKey {
            case name, score, status, output, visibility
            case maxScore = "max_score"
        }
    }

    public let score: Double
    /// Text shown above the tests: the compiler's errors when the submission did not compile, else a summary.
    public let output: String
    public let tests: [Test]
    public let stdoutVisibility: String

    enum CodingKeys: String, CodingKey {
        case score, output, tests
        case stdoutVisibility = "stdout_visibility"
    }

    /// The results of a grading: tests named `ID · check name`, in catalogue order.
    public init(_ report: Grader.Report) {
        score = report.score
        tests = report.results.flatMap { exercise in
            exercise.checks.map { check in
                Test(name: "\(exercise.id) · \(check.name)", score: check.points, maxScore: check.maximumPoints,
                     status: check.outcome == .passed ? "passed" : "failed",
                     output: check.outcome == .passed ? "" : check.message,
                     visibility: check.visibility == Visibility.hidden.rawValue ? "after_published" : "visible")
            }
        }
        let total = "\(Self.format(report.score)) of \(Self.format(report.maximumScore)) points"
        output = report.buildFeedback.isEmpty ? total : "\(total).\n\(report.buildFeedback)"
        stdoutVisibility = "visible"
    }

    /// The JSON, pretty-printed with sorted keys and a final newline: the same grading gives the same bytes.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// A number of points without a needless `.0`: `7`, `2.5`.
    public static func format(_ points: Double) -> String {
        points.shortest ?? String(points)
    }
}
