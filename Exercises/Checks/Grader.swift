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

    /// Grades the upload at `submission`: a folder or a zip holding the exercise files in any layout (see
    /// `SubmissionFiles`). Only the course's workspace files, by name, are built, with the harness; everything else
    /// the student sent is ignored (and the feedback says so).
    ///
    /// One exercise, one blast radius: an exercise whose file is missing scores 0 ("file missing"); when the build
    /// fails, each file the compiler's errors point at (directly, or through the harness's call of one of its
    /// functions) is replaced by the course's stub and the build is tried again, so that exercise alone scores 0 with
    /// its first errors, and the others are graded. Only errors that point at no file of the submission zero every
    /// exercise. An upload with no exercise file at all scores 0, with a message naming the files expected.
    /// - Throws: `ExerciseToolError` only when grading itself cannot run: nothing at `submission`, a scratch folder
    ///   the tool did not make, a package that cannot be copied, `swift` missing, or a build that failed without any
    ///   compiler error.
    public func grade(submission: URL) throws(ExerciseToolError) -> Report {
        // A scratch folder that is not the tool's is refused before anything else happens.
        if let scratch { try ScratchFolder.prepare(scratch) }
        let course = try CourseWorkspace(packageRoot: packageRoot)
        let upload = try SubmissionFiles(upload: submission, expected: course.names)
        let notes = upload.notes.isEmpty ? "" : upload.notes.prefix(30).joined(separator: "\n")
        guard !upload.files.isEmpty else {
            return zero([notes, "no exercise file found in the upload; expected "
                         + course.names.filter { CourseWorkspace.exerciseID(ofFile: $0) != nil }.joined(separator: ", ")
                         + " (loose, in a folder at any depth, or in a .zip)"]
                .filter { !$0.isEmpty }.joined(separator: "\n"), status: .missing)
        }
        guard let swift = ChildProcess.onPath("swift") else { throw .cannotRun("swift", reason: "not found on the PATH") }
        let manager = FileManager.default
        // The scratch folder by its real path: the build records the path it was built at (its module cache does), so
        // the same folder reached through another link would not build.
        let folder = scratch?.resolvingSymlinksInPath()
            ?? manager.temporaryDirectory.appendingPathComponent("exercises-grade-\(getpid())-\(UUID().uuidString)")
        defer { if scratch == nil { try? manager.removeItem(at: folder) } }
        if scratch == nil { try ScratchFolder.prepare(folder) }
        let package = folder.appendingPathComponent("submission")
        let student = Dictionary(uniqueKeysWithValues: upload.files.map { ($0.path, $0.contents) })
        // Files built from the course's stub instead of the student's, and why (their compiler errors).
        var replaced: [String: [String]] = [:]
        var built = false
        var rebuiltFromNothing = false
        for _ in 0..<Self.maximumBuildRounds {
            let workspace = course.names.map { name in
                PackageFiles.File(path: name, contents: replaced[name] == nil ? student[name] ?? course.stubs[name] ?? Data()
                                  : course.stubs[name] ?? Data(), permissions: 0o644)
            }
            try HarnessPackage.files(from: packageRoot, workspace: workspace)
                .write(to: package, removingOthers: true, keeping: [".build"])
            let log = folder.appendingPathComponent("build.log")
            let errorLog = folder.appendingPathComponent("build-errors.log")
            let build = try ChildProcess.run(
                swift, ["build", "--package-path", package.path, "--scratch-path", package.appendingPathComponent(".build").path,
                        "--product", HarnessPackage.product],
                output: .file(log), errorFile: errorLog, timeout: buildTimeout)
            if build.timedOut {
                return zero("the build did not finish within \(IsolatedRunner.seconds(buildTimeout)) s")
            }
            if build.status == 0 && !build.signalled {
                built = true
                break
            }
            let output = ChildProcess.tail(of: log, limit: 1_000_000) + ChildProcess.tail(of: errorLog, limit: 100_000)
            let errors = Self.errorLines(output, root: package)
            guard !errors.isEmpty else {
                throw .cannotRun("swift build", reason: "the submission's package failed to build without a compiler "
                                 + "error; see \(log.path)")
            }
            let blamed = Self.blame(errors, harness: package.appendingPathComponent(Self.studentFunctionsPath), course: course)
                .filter { replaced[$0.key] == nil && student[$0.key] != nil }
            guard !blamed.isEmpty else {
                // Errors at no line of any source file (a module cache, the linker, the toolchain) are not the
                // student's: grading could not run.
                guard errors.contains(where: { $0.range(of: #"\.swift:[0-9]+:[0-9]+: error:"#, options: .regularExpression) != nil })
                else {
                    // A kept build folder gone stale (moved, or built by another toolchain) is rebuilt from nothing once.
                    if !rebuiltFromNothing {
                        rebuiltFromNothing = true
                        try? manager.removeItem(at: package.appendingPathComponent(".build"))
                        continue
                    }
                    throw .cannotRun("swift build", reason: "the build failed outside the submission's files: "
                                     + (errors.first ?? "") + " (see \(log.path))")
                }
                return zero([notes, "the submission does not compile:\n" + errors.prefix(20).joined(separator: "\n")]
                    .filter { !$0.isEmpty }.joined(separator: "\n"))
            }
            replaced.merge(blamed) { first, _ in first }
        }
        guard built else {
            return zero([notes, "the submission does not compile even with its failing files replaced: "
                         + replaced.keys.sorted().joined(separator: ", ")].filter { !$0.isEmpty }.joined(separator: "\n"))
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
            if let file = course.file(of: exercise.id), student[file] == nil {
                results.append(.zero(exercise, status: .missing, message: "\(file) was not found in the upload, so "
                                     + "this exercise scores 0 (the others are graded)"))
            } else if let file = course.file(of: exercise.id), let errors = replaced[file] {
                results.append(.zero(exercise, status: .compileError, message: "\(file) does not compile, so this "
                                     + "exercise scores 0 (the others are graded):\n"
                                     + errors.prefix(5).joined(separator: "\n")))
            } else {
                results.append(try runner.run(exercise, visibility: nil).result)
            }
        }
        var feedback = notes.isEmpty ? [] : [notes]
        let missing = upload.missing
        if !missing.isEmpty {
            feedback.append("Not in the upload (the course's stubs were built instead): " + missing.joined(separator: ", "))
        }
        for name in replaced.keys.sorted() {
            feedback.append("\(name) does not compile; the course's stub was built instead:\n"
                            + (replaced[name] ?? []).prefix(5).joined(separator: "\n"))
        }
        return Report(results: results, buildFeedback: feedback.joined(separator: "\n"))
    }

    /// How many times a failing build is retried with the files its errors blame replaced by stubs.
    static let maximumBuildRounds = 6
    /// The harness's table of the student's functions, relative to the submission's package.
    static let studentFunctionsPath = "Exercises/Harness/StudentFunctions.swift"

    /// The submission's files that `errors` (relative `error:` lines) point at, with their own errors: a workspace
    /// file named in an error, or the file of the exercise whose entry of the harness's function table an error is
    /// in (the table's entries sit under `// ID` comment lines, such as `// 11.2-1`).
    static func blame(_ errors: [String], harness: URL, course: CourseWorkspace) -> [String: [String]] {
        let table = (try? String(contentsOf: harness, encoding: .utf8))?.split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init) ?? []
        var blamed: [String: [String]] = [:]
        for error in errors {
            let workspacePrefix = "Exercises/Workspace/"
            if error.hasPrefix(workspacePrefix) {
                let name = String(error.dropFirst(workspacePrefix.count).prefix { $0 != ":" })
                if course.stubs[name] != nil { blamed[name, default: []].append(error) }
            } else if error.hasPrefix(studentFunctionsPath + ":"),
                      let line = Int(error.dropFirst(studentFunctionsPath.count + 1).prefix { $0 != ":" }),
                      line >= 1, line <= table.count {
                let label = table[..<line].last { $0.trimmingCharacters(in: .whitespaces).hasPrefix("// 11.") }
                let id = label.map { String($0.trimmingCharacters(in: .whitespaces).dropFirst(3).prefix { $0 != ":" && $0 != " " }) }
                if let id, let file = course.file(of: id) {
                    blamed[file, default: []].append(error.replacingOccurrences(of: studentFunctionsPath, with: "(a changed signature: the grader calls it here) " + studentFunctionsPath))
                }
            }
        }
        return blamed
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
        Array(errorLines(log, root: root).prefix(20))
    }

    /// The distinct `error:` lines of a build log (at most 500), with the grading folder's path removed.
    static func errorLines(_ log: String, root: URL) -> [String] {
        let prefixes = [root.path, root.resolvingSymlinksInPath().path].map { $0 + "/" }
        var seen: Set<String> = []
        var errors: [String] = []
        for line in log.split(whereSeparator: \.isNewline) where line.contains("error:") {
            var text = String(line)
            for prefix in prefixes { text = text.replacingOccurrences(of: prefix, with: "") }
            guard seen.insert(text).inserted else { continue }
            errors.append(text)
            if errors.count == 500 { break }
        }
        return errors
    }

    private func zero(_ message: String, status: ExerciseStatus = .compileError) -> Report {
        let summary = "not graded: " + (message.split(separator: "\n").last.map(String.init) ?? message)
        return Report(results: exercises.map { ExerciseResult.zero($0, status: status, message: summary) },
                      buildFeedback: message)
    }
}

/// The package a submission is built in: the student's workspace, the maths library it may use (with its C kernel),
/// the wire format and the harness. No check, reference solution or page is in it.
public enum HarnessPackage {
    /// The executable it builds.
    public static let product = "exercise-harness"

    /// The instructor's folders copied as they are (all of them also in the student edition).
    static let copiedFolders = ["Sources/AttentionPooling", "Sources/DenseKernels", "Exercises/Wire",
                                "Exercises/Harness", "Exercises/HarnessMain"]

    static let manifest = """
        // swift-tools-version:6.0
        // Written by `exercises grade`: a submission's workspace and the harness that calls it, nothing else.
        import PackageDescription

        let package = Package(
            name: "Submission",
            products: [.executable(name: "\(product)", targets: ["\(product)"])],
            targets: [
                .target(name: "AttentionPooling", dependencies: ["DenseKernels"]),
                .target(name: "DenseKernels"),
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
