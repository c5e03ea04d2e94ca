import Figures
import Foundation

/// Gradescope's autograder `results.json` (https://gradescope-autograders.readthedocs.io/en/latest/specs/): the
/// total score, the run's `execution_time`, one test per check with its score, maximum, `status`, feedback and
/// `visibility` (hidden checks `after_published`), and a top-level output that counts visible points only, so that
/// before grades are published nothing in it tells a student how the hidden checks went.
///
/// Every text in it that a student's code can influence (a check's message quoting their output, their error's
/// description, a crash report, compiler errors) is cleaned by `Feedback.clean`: control characters stripped, cut to
/// `Feedback.testOutputLimit` or `Feedback.outputLimit` characters. All of it is `output_format: "text"`.
public struct GradescopeResults: Codable, Equatable, Sendable {
    /// One check, as Gradescope lists it.
    public struct Test: Codable, Equatable, Sendable {
        public let name: String
        public let score: Double
        public let maxScore: Double
        /// `passed` or `failed`.
        public let status: String
        public let output: String
        public let outputFormat: String
        /// `visible`, or `after_published` for a hidden check.
        public let visibility: String

        enum CodingKeys: String, CodingKey {
            case name, score, status, output, visibility
            case maxScore = "max_score"
            case outputFormat = "output_format"
        }
    }

    public let score: Double
    /// Seconds the grading took.
    public let executionTime: Int
    /// Text shown above the tests: the visible points, then compiler errors or refused files if any.
    public let output: String
    public let outputFormat: String
    public let tests: [Test]
    /// Whether students see what the grader printed (`hidden` unless the instructor opts in).
    public let stdoutVisibility: String

    enum CodingKeys: String, CodingKey {
        case score, output, tests
        case executionTime = "execution_time"
        case outputFormat = "output_format"
        case stdoutVisibility = "stdout_visibility"
    }

    /// The results of a grading that took `seconds`: tests named `ID · check name`, in catalogue order.
    public init(_ report: Grader.Report, seconds: Double, showStandardOutput: Bool = false) {
        score = report.score
        executionTime = Int(seconds.rounded(.up))
        tests = report.results.flatMap { exercise in
            exercise.checks.map { check in
                Test(name: "\(exercise.id) · \(check.name)", score: check.points, maxScore: check.maximumPoints,
                     status: check.outcome == .passed ? "passed" : "failed",
                     output: check.outcome == .passed ? "" : Feedback.clean(check.message, limit: Feedback.testOutputLimit),
                     outputFormat: "text",
                     visibility: check.visibility == Visibility.hidden.rawValue ? "after_published" : "visible")
            }
        }
        let visible = tests.filter { $0.visibility == "visible" }
        let hiddenMaximum = tests.filter { $0.visibility != "visible" }.map(\.maxScore).reduce(0, +)
        var summary = "\(Self.format(visible.map(\.score).reduce(0, +))) of \(Self.format(visible.map(\.maxScore).reduce(0, +))) "
            + "points on the visible checks."
        if hiddenMaximum > 0 {
            summary += " Hidden checks (\(Self.format(hiddenMaximum)) points) are shown when grades are published."
        }
        output = report.buildFeedback.isEmpty ? summary
            : summary + "\n" + Feedback.clean(report.buildFeedback, limit: Feedback.outputLimit)
        outputFormat = "text"
        stdoutVisibility = showStandardOutput ? "visible" : "hidden"
    }

    /// The results when grading itself failed (`reason`): no points, and the reason for the instructor.
    public init(failure reason: String, seconds: Double) {
        score = 0
        executionTime = Int(seconds.rounded(.up))
        output = "The autograder could not grade this submission: "
            + Feedback.clean(reason, limit: Feedback.outputLimit) + " Please tell your instructor."
        outputFormat = "text"
        tests = []
        stdoutVisibility = "hidden"
    }

    /// The JSON, pretty-printed with sorted keys and a final newline.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// Writes the JSON to `url` atomically, first removing whatever else a submission may have put at that path
    /// (a folder or a link where the file goes).
    public func write(to url: URL) throws {
        var info = stat()
        if lstat(url.path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            try FileManager.default.removeItem(at: url)
        }
        try json().write(to: url, options: .atomic)
    }

    /// A number of points without a needless `.0`: `7`, `2.5`.
    public static func format(_ points: Double) -> String {
        points.shortest ?? String(points)
    }
}

/// Cleaning text that a student's code influenced before it is shown to anyone.
public enum Feedback {
    /// The most characters of one test's output, and of the top-level output.
    public static let testOutputLimit = 1_000
    public static let outputLimit = 4_000

    /// `text` without control characters (a newline is kept, a tab becomes a space; bidirectional overrides
    /// are removed too), cut to `limit` characters with a note saying so.
    public static func clean(_ text: String, limit: Int) -> String {
        var kept = String.UnicodeScalarView()
        var count = 0
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let replacement: Unicode.Scalar?
            switch value {
            case 0x0A: replacement = scalar
            case 0x09: replacement = " "
            case 0x00..<0x20, 0x7F..<0xA0, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: replacement = nil
            default: replacement = scalar
            }
            guard let replacement else { continue }
            if count == limit {
                return String(kept) + " … (cut at \(limit) characters)"
            }
            kept.append(replacement)
            count += 1
        }
        return String(kept)
    }
}
