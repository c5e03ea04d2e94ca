import Foundation

/// Grades a student's submission with the instructor's checks, public and hidden: builds it in a scratch copy of
/// the instructor's package and runs each exercise in its own process with a time limit.
public struct Grader: Sendable {
    /// What grading produced: a result for every exercise, in catalogue order, and the build's feedback.
    public struct Report: Sendable, Equatable {
        public let results: [ExerciseResult]
        /// The trimmed compiler errors when the submission did not compile (or why nothing was built), else empty.
        public let buildFeedback: String
        /// The points earned.
        public var score: Double { results.map(\.points).reduce(0, +) }
        /// The most points the checks give.
        public var maximumScore: Double { results.map(\.maximumPoints).reduce(0, +) }

        /// A report of `results` with `buildFeedback` (empty when the submission compiled).
        public init(results: [ExerciseResult], buildFeedback: String) {
            self.results = results
            self.buildFeedback = buildFeedback
        }
    }

    /// The instructor's package (with the reference solutions, the hidden checks and the real checks).
    public let packageRoot: URL
    /// The exercises to grade: the instructor's catalogue, which is the authority on checks and points.
    public let exercises: [Exercise]
    /// The time limit per exercise in seconds.
    public let timeout: Double
    /// The time limit of the build in seconds.
    public let buildTimeout: Double
    /// A folder to build in, kept between gradings so that only the submission is recompiled (one grading at a
    /// time per folder); nil for a fresh temporary folder removed afterwards.
    public let scratch: URL?

    /// A grader of `exercises` with the package at `packageRoot`.
    public init(packageRoot: URL, exercises: [Exercise], timeout: Double = 20, buildTimeout: Double = 900,
                scratch: URL? = nil) {
        self.packageRoot = packageRoot
        self.exercises = exercises
        self.timeout = timeout
        self.buildTimeout = buildTimeout
        self.scratch = scratch
    }

    /// The workspace folder of a submission: `DIR/Exercises/Workspace` for a whole student package (`DIR` holds
    /// `Package.swift`), `DIR/Workspace` for a student's `Exercises` folder.
    /// - Throws: `ExerciseToolError.missingFolder` or `.notASubmission`.
    public static func workspace(ofSubmission submission: URL) throws(ExerciseToolError) -> URL {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: submission.path, isDirectory: &isDirectory) else {
            throw .missingFolder(submission.path)
        }
        guard isDirectory.boolValue else { throw .notAFolder(submission.path) }
        let candidates = manager.fileExists(atPath: submission.appendingPathComponent("Package.swift").path)
            ? [submission.appendingPathComponent("Exercises/Workspace")]
            : [submission.appendingPathComponent("Workspace")]
        for candidate in candidates where manager.fileExists(atPath: candidate.path, isDirectory: &isDirectory)
            && isDirectory.boolValue {
            return candidate
        }
        throw .notASubmission(submission.path)
    }

    /// Grades the submission at `submission` (see `workspace(ofSubmission:)`). The student's Swift files in the
    /// workspace replace the instructor's; everything else the student sent is ignored. A submission that does not
    /// compile (or has no Swift file) scores 0 on every check, with the compiler's first errors as feedback.
    /// - Throws: `ExerciseToolError` only when grading itself cannot run: a missing or foreign folder, a package
    ///   that cannot be copied, `swift` missing, or a build that failed without any compiler error.
    public func grade(submission: URL) throws(ExerciseToolError) -> Report {
        let workspace = try Self.workspace(ofSubmission: submission)
        let studentFiles = try PackageFiles(root: workspace) { path in
            PackageCopy.leavesOut(path) || path.hasPrefix(".")
        }.files.filter { $0.path.hasSuffix(".swift") }
        guard let swift = ChildProcess.onPath("swift") else {
            throw .cannotRun("swift", reason: "not found on the PATH")
        }
        var package = try PackageFiles(root: packageRoot) { path in
            PackageCopy.leavesOut(path) || path == "Site" || path == ".ci"
        }
        guard !studentFiles.isEmpty else {
            return zero("the submission's workspace (\(workspace.path)) holds no .swift file: nothing to grade")
        }
        package.files.removeAll { $0.path.hasPrefix("Exercises/Workspace/") }
        package.files += studentFiles.map { file in
            var copy = file
            copy.path = "Exercises/Workspace/" + file.path
            return copy
        }
        package.files.sort { $0.path < $1.path }

        let manager = FileManager.default
        let folder = scratch ?? manager.temporaryDirectory.appendingPathComponent("exercises-grade-\(getpid())")
        defer { if scratch == nil { try? manager.removeItem(at: folder) } }
        do { try manager.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw .fileSystem(path: folder.path, reason: "cannot create the grading folder")
        }
        try package.write(to: folder, removingOthers: true, keeping: [".build", "build.log"])
        let log = folder.appendingPathComponent("build.log")
        let build = try ChildProcess.run(
            swift, ["build", "--package-path", folder.path, "--scratch-path", folder.appendingPathComponent(".build").path,
                    "--product", "exercises"],
            output: .file(log), errorFile: folder.appendingPathComponent("build-errors.log"), timeout: buildTimeout)
        if build.timedOut {
            return zero("the build did not finish within \(IsolatedRunner.seconds(buildTimeout)) s")
        }
        if build.status != 0 || build.signalled {
            let output = ChildProcess.tail(of: log, limit: 1_000_000)
                + ChildProcess.tail(of: folder.appendingPathComponent("build-errors.log"), limit: 100_000)
            let errors = Self.compilerErrors(output, root: folder)
            guard !errors.isEmpty else {
                throw .cannotRun("swift build", reason: "the grading package failed to build without a compiler "
                                 + "error; see \(log.path)")
            }
            return zero("the submission does not compile:\n" + errors.joined(separator: "\n"))
        }
        let runner = IsolatedRunner(
            executable: folder.appendingPathComponent(".build/debug/exercises"), timeout: timeout, showOutput: false)
        var results: [ExerciseResult] = []
        for exercise in exercises {
            results.append(try runner.run(exercise, visibility: nil))
        }
        return Report(results: results, buildFeedback: "")
    }

    /// The first 20 distinct `error:` lines of a build log, with the grading folder's path removed.
    public static func compilerErrors(_ log: String, root: URL) -> [String] {
        let prefixes = [root.path, root.resolvingSymlinksInPath().path].map { $0 + "/" }
        var seen: Set<String> = []
        var errors: [String] = []
        for line in log.split(whereSeparator: \.isNewline) where line.contains("error:") {
            var text = String(line)
            for prefix in prefixes { text = text.replacingOccurrences(of: prefix, with: "") }
            guard seen.insert(text).inserted else { continue }
            errors.append(text)
            if errors.count == 20 { break }
        }
        return errors
    }

    private func zero(_ message: String) -> Report {
        let summary = "not graded: " + (message.split(separator: "\n").first.map(String.init) ?? message)
        return Report(results: exercises.map { ExerciseResult.zero($0, status: .compileError, message: summary) },
                      buildFeedback: message)
    }
}
