import Foundation

/// Grades a student's submission in two processes. The submission's files are built, with the harness and nothing
/// else, into a package of their own; each exercise then runs that harness in a sandbox while this process — which
/// never links or loads the submission — sends the checks' inputs, reads the outputs back as data, computes every
/// expected value and decides every verdict.
public struct Grader: Sendable {
    /// What grading produced: a result for every exercise, in catalogue order, and the build's feedback.
    public struct Report: Sendable, Equatable {
        public let results: [ExerciseResult]
        /// The trimmed compiler errors when the submission did not compile, refused files, or why nothing was built;
        /// empty when all went well.
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

    /// The instructor's package: where the harness's sources and the maths library the workspace uses are copied
    /// from. Only those are copied; the checks, hidden or not, the reference solutions and the pages never are.
    public let packageRoot: URL
    /// The exercises to grade: the instructor's catalogue, which is the authority on checks and points.
    public let exercises: [Exercise]
    /// The time limit per exercise in seconds.
    public let timeout: Double
    /// The time limit of the build in seconds.
    public let buildTimeout: Double
    /// A folder to build in, kept between gradings so that only the submission is recompiled (one grading at a
    /// time per folder); nil for a fresh temporary folder removed afterwards. It must be new, empty or one the tool
    /// made (see `ScratchFolder`): any other folder is refused, never cleared.
    public let scratch: URL?
    /// More folders the sandboxed harness must not see (the results' folder, say); the package and the scratch
    /// folder are always hidden.
    public let hiddenFolders: [String]
    /// How each harness is confined; nil for `SandboxPolicy.grading(hidden:)` with the folders above.
    public let sandbox: SandboxPolicy?

    /// A grader of `exercises` with the package at `packageRoot`.
    public init(packageRoot: URL, exercises: [Exercise], timeout: Double = 20, buildTimeout: Double = 900,
                scratch: URL? = nil, hiddenFolders: [String] = [], sandbox: SandboxPolicy? = nil) {
        self.sandbox = sandbox
        self.packageRoot = packageRoot
        self.exercises = exercises
        self.timeout = timeout
        self.buildTimeout = buildTimeout
        self.scratch = scratch
        self.hiddenFolders = hiddenFolders
    }

    /// The workspace folder of a submission: `DIR/Exercises/Workspace` for a whole student package (`DIR` holds
    /// `Package.swift`), `DIR/Workspace` for a student's `Exercises` folder. Neither may be a symbolic link.
    /// - Throws: `ExerciseToolError.missingFolder` or `.notASubmission`.
    public static func workspace(ofSubmission submission: URL) throws(ExerciseToolError) -> URL {
        guard FileManager.default.fileExists(atPath: submission.path) else { throw .missingFolder(submission.path) }
        guard isFolder(submission.path, followingLinks: true) else { throw .notAFolder(submission.path) }
        let isPackage = FileManager.default.fileExists(atPath: submission.appendingPathComponent("Package.swift").path)
        let parts = isPackage ? ["Exercises", "Workspace"] : ["Workspace"]
        var candidate = submission
        for part in parts {
            candidate = candidate.appendingPathComponent(part)
            guard isFolder(candidate.path, followingLinks: false) else { throw .notASubmission(submission.path) }
        }
        return candidate
    }

    private static func isFolder(_ path: String, followingLinks: Bool) -> Bool {
        var info = stat()
        let found = followingLinks ? stat(path, &info) : lstat(path, &info)
        return found == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// Grades the submission at `submission` (see `workspace(ofSubmission:)`). The student's Swift files in the
    /// workspace are built with the harness; everything else the student sent is ignored. A submission that does
    /// not compile (or has no Swift file) scores 0 on every check, with the compiler's first errors as feedback.
    /// - Throws: `ExerciseToolError` only when grading itself cannot run: a missing or foreign folder (a scratch
    ///   folder the tool did not make, say), a package that cannot be copied, `swift` missing, or a build that
    ///   failed without any compiler error.
    public func grade(submission: URL) throws(ExerciseToolError) -> Report {
        // A scratch folder that is not the tool's is refused before anything else happens.
        if let scratch { try ScratchFolder.prepare(scratch) }
        let workspace = try Self.workspace(ofSubmission: submission)
        let student = SubmissionFiles(workspace: workspace)
        let refused = student.refused.isEmpty ? ""
            : "Refused in the submission (not graded):\n" + student.refused.prefix(20).joined(separator: "\n")
        guard let swift = ChildProcess.onPath("swift") else { throw .cannotRun("swift", reason: "not found on the PATH") }
        guard !student.files.isEmpty else {
            return zero([refused, "the submission's workspace holds no .swift file: nothing to grade"]
                .filter { !$0.isEmpty }.joined(separator: "\n"))
        }
        let manager = FileManager.default
        let folder = scratch ?? manager.temporaryDirectory.appendingPathComponent("exercises-grade-\(getpid())")
        defer { if scratch == nil { try? manager.removeItem(at: folder) } }
        if scratch == nil { try ScratchFolder.prepare(folder) }
        let package = folder.appendingPathComponent("submission")
        try HarnessPackage.files(from: packageRoot, workspace: student.files)
            .write(to: package, removingOthers: true, keeping: [".build"])
        let log = folder.appendingPathComponent("build.log")
        let build = try ChildProcess.run(
            swift, ["build", "--package-path", package.path, "--scratch-path", package.appendingPathComponent(".build").path,
                    "--product", HarnessPackage.product],
            output: .file(log), errorFile: folder.appendingPathComponent("build-errors.log"), timeout: buildTimeout)
        if build.timedOut {
            return zero("the build did not finish within \(IsolatedRunner.seconds(buildTimeout)) s")
        }
        if build.status != 0 || build.signalled {
            let output = ChildProcess.tail(of: log, limit: 1_000_000)
                + ChildProcess.tail(of: folder.appendingPathComponent("build-errors.log"), limit: 100_000)
            let errors = Self.compilerErrors(output, root: package)
            guard !errors.isEmpty else {
                throw .cannotRun("swift build", reason: "the submission's package failed to build without a compiler "
                                 + "error; see \(log.path)")
            }
            return zero([refused, "the submission does not compile:\n" + errors.joined(separator: "\n")]
                .filter { !$0.isEmpty }.joined(separator: "\n"))
        }
        let hidden = ([packageRoot.path, folder.path, "/autograder"] + hiddenFolders).filter(Self.mayHide)
        var policy = sandbox ?? .grading(hidden: [])
        policy.hidden += hidden
        if policy.ownUser, !policy.isolate, let readable = Self.readableByOthers(packageRoot) {
            // Without namespaces nothing covers the package: only its permissions keep the harness's user out.
            FileHandle.standardError.write(Data((
                "warning: this kernel or container allows no namespaces, and \(readable) can be read by other users, "
                + "so the harness's user could read the hidden checks: run chmod -R o-rwx \(packageRoot.path) "
                + "(on Gradescope, in setup.sh)\n").utf8))
        }
        let runner = IsolatedRunner(
            executable: package.appendingPathComponent(".build/debug/\(HarnessPackage.product)"), arguments: [],
            policy: policy, timeout: timeout)
        var results: [ExerciseResult] = []
        for exercise in exercises {
            results.append(try runner.run(exercise, visibility: nil).result)
        }
        return Report(results: results, buildFeedback: refused)
    }

    /// The first of the package's `Exercises/Checks` folder and its ancestors that every user may enter (all of
    /// them) and read (the folder itself): nil when another user cannot reach the checks.
    public static func readableByOthers(_ packageRoot: URL) -> String? {
        var path = packageRoot.appendingPathComponent("Exercises/Checks").standardizedFileURL.path
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & 0o004 != 0 else { return nil }
        let checks = path
        while path != "/" && !path.isEmpty {
            path = (path as NSString).deletingLastPathComponent
            guard stat(path, &info) == 0, info.st_mode & 0o001 != 0 else { return nil }
        }
        return checks
    }

    /// Whether a folder may be covered in the sandbox: an absolute path at least two levels deep (or /autograder)
    /// that holds neither the Swift toolchain nor the system's libraries.
    static func mayHide(_ path: String) -> Bool {
        let standard = URL(fileURLWithPath: path).standardizedFileURL.path
        let depth = standard.split(separator: "/").count
        guard depth >= 2 || standard == "/autograder" else { return false }
        let needed = [ChildProcess.onPath("swift")?.resolvingSymlinksInPath().path ?? "/usr/bin/swift", "/usr/lib",
                      "/lib", "/usr/bin", "/bin"]
        return !needed.contains { ($0 + "/").hasPrefix(standard + "/") }
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
        let summary = "not graded: " + (message.split(separator: "\n").last.map(String.init) ?? message)
        return Report(results: exercises.map { ExerciseResult.zero($0, status: .compileError, message: summary) },
                      buildFeedback: message)
    }
}

/// The package a submission is built in: the student's workspace, the maths library it may use, the wire format
/// and the harness. No check, reference solution or page is in it.
public enum HarnessPackage {
    /// The executable it builds.
    public static let product = "exercise-harness"

    /// The instructor's folders copied as they are (all of them also in the student edition).
    static let copiedFolders = ["Sources/AttentionPooling", "Exercises/Wire", "Exercises/Harness",
                                "Exercises/HarnessMain"]

    static let manifest = """
        // swift-tools-version:6.0
        // Written by `exercises grade`: a submission's workspace and the harness that calls it, nothing else.
        import PackageDescription

        let package = Package(
            name: "Submission",
            products: [.executable(name: "\(product)", targets: ["\(product)"])],
            targets: [
                .target(name: "AttentionPooling"),
                .target(name: "Exercises", dependencies: ["AttentionPooling"], path: "Exercises/Workspace"),
                .target(name: "ExerciseWire", path: "Exercises/Wire"),
                .target(name: "ExerciseHarness", dependencies: ["Exercises", "ExerciseWire"], path: "Exercises/Harness"),
                .executableTarget(name: "\(product)", dependencies: ["ExerciseHarness"], path: "Exercises/HarnessMain"),
            ],
            swiftLanguageModes: [.v6]
        )

        """

    /// The package's files: `workspace` (paths relative to the workspace) under `Exercises/Workspace/`.
    public static func files(from packageRoot: URL, workspace: [PackageFiles.File]) throws(ExerciseToolError)
        -> PackageFiles
    {
        var files: [PackageFiles.File] = [PackageFiles.File(path: "Package.swift", contents: Data(manifest.utf8),
                                                            permissions: 0o644)]
        for folder in copiedFolders {
            let copied = try PackageFiles(root: packageRoot.appendingPathComponent(folder)) { path in
                PackageCopy.leavesOut(path) || path.hasPrefix(".")
            }
            files += copied.files.map { file in
                var moved = file
                moved.path = folder + "/" + file.path
                return moved
            }
        }
        files += workspace.map { file in
            var moved = file
            moved.path = "Exercises/Workspace/" + file.path
            return moved
        }
        return PackageFiles(files: files)
    }
}
