import ExerciseChecks
import Foundation
import Testing

// End to end: these build packages (the release, and submissions with the harness), so they run one at a time and
// share build folders kept next to the test bundle: the first run builds everything, later ones only what changed.
// Each grading is one submission that carries several cases at once (one attack or accident per exercise), so the
// suite grades only a handful of submissions. They need the reference solutions, so the student edition leaves this
// folder out.

/// The instructor's package: this file is `Tests/ExercisesTests/Instructor/EndToEndTests.swift`.
private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

/// A folder kept inside the build folder (next to the test bundle), so each scratch path has its own.
private func keptFolder(_ name: String) -> URL {
    Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("exercises-e2e-\(name)")
}

/// The reference workspace's files, by name.
private func referenceWorkspace() throws -> [String: String] {
    let files = try PackageFiles(root: packageRoot.appendingPathComponent("Exercises/Workspace")) { _ in false }.files
    return Dictionary(uniqueKeysWithValues: files.map { ($0.path, String(decoding: $0.contents, as: UTF8.self)) })
}

/// The student edition's workspace: every solution a stub.
private func stubWorkspace() throws -> [String: String] {
    try referenceWorkspace().mapValues { try ReleaseTransform.stubSolutions($0, file: "Workspace") }
}

/// `text` with `old` (which must occur exactly once) replaced by `new`.
private func replacing(_ text: String, _ old: String, _ new: String) throws -> String {
    let parts = text.components(separatedBy: old)
    try #require(parts.count == 2, "\(old) occurs \(parts.count - 1) times")
    return parts.joined(separator: new)
}

/// Writes `files` as an `Exercises/Workspace` submission under `folder` and returns its `Exercises` folder.
private func submission(_ files: [String: String], in folder: TemporaryFolder) throws -> URL {
    try folder.write(files, under: "Exercises/Workspace")
    return folder.url.appendingPathComponent("Exercises")
}

/// Grades `submission` in the shared scratch folder and writes results.json as the tool does.
private func grade(_ submission: URL, timeout: Double = 20, results: URL, sandbox: SandboxPolicy? = nil) throws
    -> (Grader.Report, String)
{
    let grader = Grader(packageRoot: packageRoot, exercises: ExerciseCatalogue.all, timeout: timeout,
                        scratch: keptFolder("scratch"), hiddenFolders: [results.deletingLastPathComponent().path],
                        sandbox: sandbox)
    let report = try grader.grade(submission: submission)
    try GradescopeResults(report, seconds: 1).write(to: results)
    return (report, String(decoding: try Data(contentsOf: results), as: UTF8.self))
}

/// Progress lines collected from the class grading's workers.
private final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}

/// Processes whose command line contains `marker` (read from /proc; empty where there is none).
private func processes(containing marker: String) -> [String] {
    let ids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.filter { Int($0) != nil } ?? []
    return ids.compactMap { id in
        guard let data = FileManager.default.contents(atPath: "/proc/\(id)/cmdline") else { return nil }
        let line = String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
        return line.contains(marker) && !line.contains("swift-testing") && !line.contains("xctest") ? "\(id): \(line)" : nil
    }
}

/// Removes a file the sandbox's user left in a shared folder (without namespaces /tmp is the machine's own).
private func removeLitter(_ path: String) {
    var info = stat()
    if lstat(path, &info) == 0, info.st_uid >= 61_000, info.st_uid < 64_000 { unlink(path) }
}

/// The student's code of the attacks: one call tampers with every channel it can find, then the stub throws.
private let tamperSource = #"""
    import Foundation
    #if canImport(Glibc)
    import Glibc
    #endif

    // Overloads that would change how an unqualified check compares, were the checks compiled with this module.
    public func abs(_ x: Double) -> Double { 0 }
    public func max(_ a: Double, _ b: Double) -> Double { 0 }

    let forgedResults = #"{"score": 104, "output": "TAMPERED", "tests": [], "stdout_visibility": "visible"}"#

    func forgedTargets() -> [String] {
        var targets = CommandLine.arguments + Array(ProcessInfo.processInfo.environment.values)
        targets += ["results.json", "result.json", "../results.json", "../../results.json",
                    "/autograder/results/results.json", "/tmp/results.json", NSHomeDirectory() + "/results.json"]
        for pid in [getppid(), 1, getpid()] {
            if let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") {
                targets += data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            }
        }
        return targets + targets.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path + "/results.json" }
    }

    func forgeEverything() {
        for target in forgedTargets() { try? forgedResults.write(toFile: target, atomically: false, encoding: .utf8) }
    }

    nonisolated(unsafe) var tampered = false

    struct Loot: Error, CustomStringConvertible { let description: String }

    /// Whatever instructor's text it can find: the package's checks, pages and reference solutions, found from the
    /// paths a student who read the grader's source would try, and from where this file was compiled.
    func loot() -> String {
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        var roots = ["PACKAGE_ROOT", "/autograder/source", "/proc/1/cwd", "/proc/self/cwd", "/proc/\(getppid())/cwd",
                     here.path + "/../../.."]
        roots += roots.map { $0 + "/.." }
        var found: [String] = []
        for root in roots {
            for file in ["Exercises/Checks/Checks11_1.swift", "Exercises/Checks/Checks11_2.swift",
                         "Exercises/Pages/11.2/2-learning-the-width.md", "Exercises/Workspace/Exercise11_1_1.swift"] {
                if let text = try? String(contentsOfFile: root + "/" + file, encoding: .utf8) {
                    found.append(String(text.suffix(2000).prefix(100)))
                }
            }
        }
        return found.isEmpty ? "nothing to loot" : found.joined(separator: " | ")
    }

    /// Called by every stub before it throws.
    func tamper() {
        if tampered { return }
        tampered = true
        forgeEverything()
        atexit { forgeEverything() }
        // Answers forged on every descriptor: a full score's worth of "ok".
        let answer = #"{"ok":1,"v":1}"# + "\n"
        for descriptor in Int32(0)..<64 { _ = answer.withCString { Glibc.write(descriptor, $0, strlen($0)) } }
        print("TAMPERED on standard output")
        FileHandle.standardError.write(Data("TAMPERED on standard error\n".utf8))
        // A rewriter that outlives the harness, in a session of its own.
        let late = Process()
        late.executableURL = URL(fileURLWithPath: "/bin/sh")
        late.arguments = ["-c", "setsid sh -c 'sleep 3.77; echo TAMPERED > /tmp/results.json' &"]
        try? late.run()
        // Signals for everyone it can reach, the grader included.
        kill(getppid(), SIGKILL)
        kill(-1, SIGTERM)
    }
    """#

/// The student edition's stubs, each tampering first, then throwing what it looted (or, for one file in two,
/// "not implemented").
private func tamperedStubs() throws -> [String: String] {
    var files: [String: String] = [:]
    for (index, (name, text)) in try stubWorkspace().sorted(by: { $0.key < $1.key }).enumerated() {
        files[name] = text.replacingOccurrences(
            of: "throw ExerciseError.notImplemented(",
            with: index % 2 == 0 ? "tamper(); throw Loot(description: loot()); _ = (" : "tamper(); throw ExerciseError.notImplemented(")
    }
    // In a file the grader builds (a helper file of its own would be ignored, as any extra file is).
    files["ExerciseError.swift"] = tamperSource.replacingOccurrences(of: "PACKAGE_ROOT", with: packageRoot.path) + "\n"
        + (files["ExerciseError.swift"] ?? "")
    return files
}

/// Text of the instructor's files that must never reach a results.json: hidden checks, worked solutions, references.
private func secrets() throws -> [String] {
    let files = ["Exercises/Checks/Checks11_1.swift", "Exercises/Checks/Checks11_2.swift",
                 "Exercises/Pages/11.2/2-learning-the-width.md", "Exercises/Workspace/Exercise11_1_1.swift"]
    return try files.map { file in
        let text = String(decoding: try Data(contentsOf: packageRoot.appendingPathComponent(file)), as: UTF8.self)
        return String(text.suffix(2000).prefix(40))
    } + ["BEGIN HIDDEN CHECKS", "BEGIN SOLUTION", "Levenshtein"]
}

/// The reference with an accident or an attack in five exercises: a crash (11.1-1), an endless loop (11.1-3), a
/// forked `sleep 600.11` left running (11.2-3), a `setsid` child and a daemonised grandchild (11.2-E3).
private func mixedSubmission() throws -> [String: String] {
    var files = try referenceWorkspace()
    files["Exercise11_1_1.swift"] = try replacing(
        files["Exercise11_1_1.swift"]!, "    let (a, b) = (Array(query.lowercased()), Array(key.lowercased()))",
        "    let none: [Int] = []\n    _ = none[query.count + 1]\n    let (a, b) = (Array(query.lowercased()), Array(key.lowercased()))")
    files["Exercise11_1_3.swift"] = try replacing(
        files["Exercise11_1_3.swift"]!, "    guard !vocabulary.isEmpty else { throw SearchError.emptyVocabulary }",
        "    var spin = 0\n    while spin >= 0 { spin = (spin + 1) % 1000 }\n"
            + "    guard !vocabulary.isEmpty else { throw SearchError.emptyVocabulary }")
    files["Exercise11_2_3.swift"] = try replacing(
        files["Exercise11_2_3.swift"]!, "    guard !vectors.isEmpty else { return [] }",
        "    if !spawned11 { spawned11 = true\n    let child = Process()\n    child.executableURL = URL(fileURLWithPath: \"/bin/sleep\")\n"
            + "    child.arguments = [\"600.11\"]\n    guard (try? child.run()) != nil else { return [] } }\n    guard !vectors.isEmpty else { return [] }")
    files["Exercise11_2_3.swift"]! += "\nnonisolated(unsafe) var spawned11 = false\n"
    files["ExerciseEarlier_3.swift"] = try replacing(
        files["ExerciseEarlier_3.swift"]!, "    guard folds >= 2 else {",
        "    if !spawned { spawned = true\n    let shell = Process()\n    shell.executableURL = URL(fileURLWithPath: \"/bin/sh\")\n"
            + "    shell.arguments = [\"-c\", \"setsid sleep 600.22 & (sleep 600.33 &) ; exit 0\"]\n"
            + "    guard (try? shell.run()) != nil else { return .nan }\n    usleep(200_000) }\n    guard folds >= 2 else {")
    files["ExerciseEarlier_3.swift"]! += "\nnonisolated(unsafe) var spawned = false\n"
    return files
}

/// `text` with the solution block of `function` (the first `// BEGIN SOLUTION` … `// END SOLUTION` after the line
/// declaring `func NAME(`) replaced by `body`.
private func replacingSolution(of function: String, in text: String, with body: String) throws -> String {
    var lines = text.components(separatedBy: "\n")
    let declaration = try #require(lines.firstIndex { $0.contains("func \(function)(") }, "no func \(function)")
    let begin = try #require(lines[declaration...].firstIndex { $0.contains("// BEGIN SOLUTION") })
    let end = try #require(lines[begin...].firstIndex { $0.contains("// END SOLUTION") })
    lines.replaceSubrange(begin...end, with: body.components(separatedBy: "\n").map { "    " + $0 })
    return lines.joined(separator: "\n")
}

/// The reference workspace with every exercise's answer taken from what the course already gives where it gives one:
/// the library's public functions (11.1-1, 11.2-3, 11.2-E2, 11.2-E3, 11.2-E4), or the chapter's code listing and
/// answer (11.2-2: the pair gradient copied from the listing of `WidthObjective`, and SGD with the one decaying step
/// the exercise had before it asked for more, ignoring `decaying`). What the course does not give stays a stub
/// (`keyBiases`, `rowEntropies`, `inverseKernelWeights`, `trainOutsideSquare`).
private func libraryShortcuts() throws -> [String: String] {
    var files = try referenceWorkspace()
    var text = "import AttentionPooling\n" + files["Exercise11_1_1.swift"]!
    text = try replacingSolution(of: "nameSimilarity", in: text, with: "StringSimilarity.score(query: query, key: key)")
    text = try replacingSolution(of: "matchWeights", in: text, with: """
        guard !keys.isEmpty else { throw MatchingError.noKeys }
        guard temperature > 0, temperature.isFinite else { throw MatchingError.invalidTemperature(temperature) }
        return try Softmax.weights(keys.map { StringSimilarity.score(query: query, key: $0) }, temperature: temperature) ?? []
        """)
    files["Exercise11_1_1.swift"] = text

    text = files["Exercise11_2_2.swift"]!
    text = try replacingSolution(of: "widthPairLossAndGradient", in: text, with: """
        // The chapter's listing (WidthObjective.estimate(query:w:)) for one query on a line, then the chain rule.
        var logits = [Double](repeating: -.infinity, count: inputs.count)
        for j in inputs.indices where !(leaveOneOut && j == i) {
            let scaled = (inputs[i] - inputs[j]) * w
            logits[j] = -0.5 * scaled * scaled
        }
        let alphas = try Softmax.weights(logits) ?? []
        var f = 0.0
        for (alpha, value) in zip(alphas, targets) where alpha > 0 { f += alpha * value }
        var slope = 0.0
        for j in inputs.indices where alphas[j] > 0 {
            let gap = inputs[i] - inputs[j]
            slope += alphas[j] * (targets[j] - f) * (-w * gap * gap)
        }
        return ((f - targets[i]) * (f - targets[i]), 2 * (f - targets[i]) * slope)
        """)
    text = try replacing(text, "let eta = decaying ? learningRate / (1 + Double(step) / Double(3 * n)) : learningRate",
                         "let eta = learningRate / (1 + Double(step) / Double(3 * n))")
    files["Exercise11_2_2.swift"] = text

    text = "import AttentionPooling\n" + files["Exercise11_2_3.swift"]!
    text = try replacingSolution(of: "gaussianAttentionWeights", in: text, with: """
        try NadarayaWatson(kernel: .gaussian, width: .scalar(width)).weights(query: query, keys: keys) ?? []
        """)
    text = try replacingSolution(of: "dotProductAttentionWeights", in: text, with: """
        try Softmax.weights(keys.map { zip(query, $0).reduce(0.0) { $0 + $1.0 * $1.1 } }, temperature: temperature) ?? []
        """)
    text = try replacingSolution(of: "keyBiases", in: text, with: "throw ExerciseError.notImplemented(\"keyBiases\")")
    files["Exercise11_2_3.swift"] = text

    text = "import AttentionPooling\n" + files["ExerciseEarlier_3.swift"]!
    text = try replacingSolution(of: "crossValidationError", in: text, with: """
        try NadarayaWatson(kernel: .gaussian, width: .scalar(width))
            .leaveOneOutError(inputs: inputs.map { [$0] }, targets: targets).mean ?? .nan
        """)
    files["ExerciseEarlier_3.swift"] = text

    text = "import AttentionPooling\n" + files["ExerciseEarlier_2.swift"]!
    text = try replacingSolution(of: "gaussianAttentionRows", in: text, with: """
        let pooling = try NadarayaWatson(kernel: .gaussian, width: .scalar(1 / w))
        return queries.map { pooling.weights(query: $0, keys: keys) ?? [] }
        """)
    text = try replacingSolution(of: "rowEntropies", in: text, with: "throw ExerciseError.notImplemented(\"rowEntropies\")")
    files["ExerciseEarlier_2.swift"] = text

    text = "import AttentionPooling\n" + files["ExerciseEarlier_4.swift"]!
    text = try replacingSolution(of: "outsideSquareWeights", in: text, with: """
        let pooling = try NadarayaWatson(kernel: .gaussian, width: .scalar(1 / w.squareRoot()))
        return queries.map { pooling.weights(query: $0, keys: keys) ?? [] }
        """)
    text = try replacingSolution(of: "outsideSquareLeaveOneOutLoss", in: text, with: """
        try NadarayaWatson(kernel: .gaussian, width: .scalar(1 / w.squareRoot()))
            .leaveOneOutError(inputs: inputs.map { [$0] }, targets: targets).mean ?? .nan
        """)
    for function in ["inverseKernelWeights", "trainOutsideSquare"] {
        text = try replacingSolution(of: function, in: text, with: "throw ExerciseError.notImplemented(\"\(function)\")")
    }
    files["ExerciseEarlier_4.swift"] = text
    return files
}

@Suite(.serialized, slowTest) struct EndToEnd {
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
        // The student's first build is quiet (a fresh clone compiles every file; a rerun only what changed).
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(!output.contains("warning:"), "the student edition builds with warnings: \(ChildProcess.tail(of: log, limit: 2000))")

        let (report, json) = try grade(release, results: folder.url.appendingPathComponent("results.json"))
        #expect(report.buildFeedback.isEmpty)
        #expect(report.score == 0)
        #expect(report.results.allSatisfy { [.notImplemented, .writtenAnswer].contains($0.status) })
        #expect(json.contains("\"score\" : 0,"))
    }

    @Test func theReferenceSolutionsScoreFullMarksAndNoSecretReachesTheSubmissionsBuild() throws {
        let folder = try TemporaryFolder()
        let (report, json) = try grade(try submission(try referenceWorkspace(), in: folder),
                                       results: folder.url.appendingPathComponent("results.json"))
        #expect(report.buildFeedback.isEmpty)
        for result in report.results {
            #expect(result.points == result.maximumPoints, "\(result.id): \(result.status.label) \(result.message)")
        }
        #expect(json.contains("\"score\" : \(GradescopeResults.format(report.maximumScore)),"))
        // The submission's package holds its workspace, the maths library (and its C kernel), the wire and the harness:
        // nothing else.
        let built = try PackageFiles(root: keptFolder("scratch").appendingPathComponent("submission")) { path in
            path == ".build" || path.hasPrefix("Exercises/Workspace")
        }
        let folders = Set(built.files.map { $0.path.split(separator: "/").dropLast().prefix(2).joined(separator: "/") })
        #expect(folders == ["", "Sources/AttentionPooling", "Sources/DenseKernels", "Exercises/Wire", "Exercises/Harness",
                            "Exercises/HarnessMain"])
        for file in built.files {
            let text = String(decoding: file.contents, as: UTF8.self)
            #expect(!text.contains("BEGIN HIDDEN CHECKS") && !text.contains("BEGIN SOLUTION")
                    && !text.contains("expectClose("), "\(file.path)")
        }
    }

    /// With and without namespaces, as for the runaway processes below.
    @Test(arguments: [true, false])
    func stubsThatTamperWithEveryChannelScoreZero(namespaces: Bool) throws {
        let folder = try TemporaryFolder()
        let results = folder.url.appendingPathComponent("results/results.json")
        try FileManager.default.createDirectory(at: results.deletingLastPathComponent(), withIntermediateDirectories: true)
        var sandbox = SandboxPolicy.grading(hidden: [])
        if !namespaces { sandbox.isolate = false }
        defer { removeLitter("/tmp/results.json") }
        let (report, json) = try grade(try submission(try tamperedStubs(), in: folder), timeout: 10, results: results,
                                       sandbox: sandbox)
        #expect(report.buildFeedback.isEmpty, "\(report.buildFeedback)")
        #expect(report.score == 0)
        #expect(report.results.allSatisfy { $0.points == 0 })
        Thread.sleep(forTimeInterval: 4.5)  // past the late rewriter's 3.77 s, had it survived
        let after = String(decoding: try Data(contentsOf: results), as: UTF8.self)
        #expect(after == json)
        #expect(!after.contains("TAMPERED"))
        #expect(after.contains("nothing to loot") || !namespaces)
        // Without namespaces only the package's permissions keep its files from the harness's user (the grader warns).
        if namespaces || Grader.readableByOthers(packageRoot) == nil {
            for secret in try secrets() { #expect(!after.contains(secret), "\(secret)") }
        }
        #expect(processes(containing: "3.77").isEmpty)
        let written = String(decoding: try GradescopeResults(report, seconds: 1).json(), as: UTF8.self)
        #expect(after == written)
    }

    /// Twice as root: with namespaces (here), and without them as in a container that forbids them (Gradescope's
    /// may), where only the harness's own user and the kill by user reap what it started.
    @Test(arguments: [true, false])
    func aCrashAHangAndRunawayProcessesCostOnlyTheirOwnExercises(namespaces: Bool) throws {
        let folder = try TemporaryFolder()
        var sandbox = SandboxPolicy.grading(hidden: [])
        if !namespaces { sandbox.isolate = false }
        let (report, json) = try grade(try submission(try mixedSubmission(), in: folder), timeout: 5,
                                       results: folder.url.appendingPathComponent("results.json"), sandbox: sandbox)
        let byID = Dictionary(uniqueKeysWithValues: report.results.map { ($0.id, $0) })
        #expect(byID["11.1-1"]?.status == .crashed && byID["11.1-1"]?.points == 0)
        #expect(byID["11.1-1"]?.message.contains("Index out of range") == true, "\(byID["11.1-1"]?.message ?? "")")
        #expect(byID["11.1-3"]?.status == .timedOut && byID["11.1-3"]?.points == 0)
        #expect(byID["11.1-3"]?.message.contains("timed out") == true)
        for result in report.results where !["11.1-1", "11.1-3"].contains(result.id) {
            #expect(result.points == result.maximumPoints, "\(result.id): \(result.status.label) \(result.message)")
        }
        #expect(json.contains("crashed (signal"))
        if geteuid() == 0 {  // as root the harness has a user and namespaces of its own; see the README
            for marker in ["600.11", "600.22", "600.33"] {
                #expect(processes(containing: marker).isEmpty, "\(processes(containing: marker))")
            }
        }
    }

    /// Issue 12: no exercise scores full points with what the course already gives. Each shortcut earns the points of
    /// the checks the library does answer (so the shortcuts did run), and not one of the exercises is complete.
    @Test func libraryShortcutsDoNotEarnFullPoints() throws {
        let folder = try TemporaryFolder()
        let (report, _) = try grade(try submission(try libraryShortcuts(), in: folder),
                                    results: folder.url.appendingPathComponent("results.json"))
        #expect(report.buildFeedback.isEmpty, "\(report.buildFeedback)")
        let byID = Dictionary(uniqueKeysWithValues: report.results.map { ($0.id, $0) })
        for id in ["11.1-1", "11.2-2", "11.2-3", "11.2-E2", "11.2-E3", "11.2-E4"] {
            let result = try #require(byID[id])
            #expect(result.points > 0 && result.points < result.maximumPoints,
                    "\(id): \(result.points) of \(result.maximumPoints), \(result.status.label) \(result.message)")
        }
    }

    @Test func aCompileErrorAMissingFileAndAStrayMainCostOnlyTheirOwnExercisesInAZippedUpload() throws {
        let folder = try TemporaryFolder()
        var files = try referenceWorkspace()
        files["Exercise11_2_4.swift"] = try replacing(files["Exercise11_2_4.swift"]!, "return c * pow(",
                                                      "return undefinedName * pow(")
        // A changed signature breaks the harness's call, not the student's file: it is blamed on the file all the same.
        files["Exercise11_2_1.swift"] = try replacing(files["Exercise11_2_1.swift"]!,
                                                      "public func parzenScores(queries:", "public func parzenScores(q queries:")
        files["ExerciseEarlier_2.swift"] = nil
        files["main.swift"] = "print(\"a stray main\")\n"
        var zip = ZipWriter()
        for (name, text) in files.sorted(by: { $0.key < $1.key }) {
            try zip.add(path: "alice-work/Exercises/Workspace/\(name)", contents: Array(text.utf8), permissions: 0o644)
        }
        let upload = folder.url.appendingPathComponent("alice.zip")
        try Data(zip.bytes).write(to: upload)
        let (report, json) = try grade(upload, results: folder.url.appendingPathComponent("results.json"))
        let byID = Dictionary(uniqueKeysWithValues: report.results.map { ($0.id, $0) })
        #expect(byID["11.2-4"]?.status == .compileError)
        #expect(byID["11.2-4"]?.message.contains("Exercise11_2_4.swift does not compile") == true)
        #expect(byID["11.2-4"]?.message.contains("error: cannot find 'undefinedName' in scope") == true)
        #expect(byID["11.2-1"]?.status == .compileError)
        #expect(byID["11.2-1"]?.message.contains("incorrect argument label") == true)
        #expect(byID["11.2-E2"]?.status == .missing)
        for result in report.results where !["11.2-4", "11.2-1", "11.2-E2"].contains(result.id) {
            #expect(result.points == result.maximumPoints, "\(result.id): \(result.status.label) \(result.message)")
        }
        #expect(report.score == report.maximumScore - ["11.2-4", "11.2-1", "11.2-E2"].compactMap { byID[$0]?.maximumPoints }
            .reduce(0, +))
        #expect(report.buildFeedback.contains("Ignored (not exercise files, not built): alice.zip/alice-work/Exercises/"
                                              + "Workspace/main.swift"))
        #expect(report.buildFeedback.contains("Not in the upload (the course's stubs were built instead): ExerciseEarlier_2.swift"))
        #expect(!report.buildFeedback.contains(folder.url.path))
        #expect(json.contains("undefinedName"))
    }

    @Test func anUploadWithNoExerciseFileScoresZeroAndSaysWhichFilesWereExpected() throws {
        let folder = try TemporaryFolder()
        try folder.write(["upload/notes.txt": "I ran out of time", "upload/Sources/main.swift": "print(1)"])
        let (report, json) = try grade(folder.url.appendingPathComponent("upload"),
                                       results: folder.url.appendingPathComponent("results.json"))
        #expect(report.score == 0)
        #expect(report.results.allSatisfy { $0.status == .missing || $0.status == .writtenAnswer })
        #expect(report.buildFeedback.contains("no exercise file found in the upload; expected Exercise11_1_1.swift, "))
        let decoded = try JSONDecoder().decode(GradescopeResults.self, from: Data(json.utf8))
        #expect(decoded.score == 0 && decoded.output.contains("ExerciseEarlier_4.swift"))
    }

    @Test func aClassesGradeSheetMatchesGradingEachSubmissionOnItsOwn() throws {
        let folder = try TemporaryFolder()
        let reference = try referenceWorkspace()
        var broken = reference
        broken["Exercise11_2_4.swift"] = try replacing(broken["Exercise11_2_4.swift"]!, "return c * pow(",
                                                       "return undefinedName * pow(")
        var partial = reference
        partial["Exercise11_1_2.swift"] = nil
        partial["main.swift"] = "print(1)\n"
        try folder.write(reference, under: "class/ada")
        try folder.write(broken, under: "class/bob/MyWork/Exercises/Workspace")
        try folder.write(["notes.txt": "nothing done"], under: "class/cy")
        try folder.write(try stubWorkspace(), under: "class/=dee")
        try folder.write(partial, under: "class/eve/pkg/Exercises/Workspace")
        var zip = ZipWriter()
        for (name, text) in reference.sorted(by: { $0.key < $1.key }) {
            try zip.add(path: "fay/\(name)", contents: Array(text.utf8), permissions: 0o644)
        }
        try Data(zip.bytes).write(to: folder.url.appendingPathComponent("class/fay.zip"))
        let out = folder.url.appendingPathComponent("out")
        let lines = Lines()
        let rows = try ClassGrading(packageRoot: packageRoot, exercises: ExerciseCatalogue.all, jobs: 2,
                                    scratch: keptFolder("class"))
            .grade(submissions: folder.url.appendingPathComponent("class"), into: out) { lines.append($0) }
        #expect(rows.map(\.student) == ["_dee", "ada", "bob", "cy", "eve", "fay"])
        #expect(lines.all.first?.hasPrefix("Grading 6 submissions, 2 at a time") == true)
        #expect(lines.all.count == 7 && lines.all.dropFirst().allSatisfy { $0.hasPrefix("[") && $0.contains("/6] ") })
        let csv = try String(contentsOf: out.appendingPathComponent("grades.csv"), encoding: .utf8)
        let graded = ExerciseCatalogue.all.filter { !$0.checks.isEmpty }
        var expected = "student," + graded.map(\.id).joined(separator: ",") + ",total\n"
        for (student, upload) in [("_dee", "class/=dee"), ("ada", "class/ada"), ("bob", "class/bob"), ("cy", "class/cy"),
                                  ("eve", "class/eve"), ("fay", "class/fay.zip")] {
            let (report, _) = try grade(folder.url.appendingPathComponent(upload),
                                        results: folder.url.appendingPathComponent("single-\(student).json"))
            let points = Dictionary(uniqueKeysWithValues: report.results.map { ($0.id, $0.points) })
            expected += ([student] + graded.map { GradescopeResults.format(points[$0.id] ?? 0) }
                         + [GradescopeResults.format(report.score)]).joined(separator: ",") + "\n"
            let written = try JSONDecoder().decode(GradescopeResults.self, from: Data(contentsOf: out
                .appendingPathComponent("\(student)/results.json")))
            #expect(written.score == report.score, "\(student): \(written.output)")
        }
        #expect(csv == expected, "\(lines.all)")
        let totals = Dictionary(uniqueKeysWithValues: rows.map { ($0.student, $0.total) })
        let maximum = ExerciseCatalogue.all.map(\.maximumPoints).reduce(0, +)
        #expect(totals["ada"] == maximum && totals["fay"] == maximum && totals["cy"] == 0 && totals["_dee"] == 0)
        #expect(totals["bob"]! > 0 && totals["bob"]! < maximum && totals["eve"]! > 0 && totals["eve"]! < maximum)
    }

    @Test func symbolicLinksAndSpecialFilesAreRefusedNeverFollowed() throws {
        let folder = try TemporaryFolder()
        let workspace = folder.url.appendingPathComponent("Exercises/Workspace")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        for name in try referenceWorkspace().keys {
            try FileManager.default.createSymbolicLink(
                at: workspace.appendingPathComponent(name),
                withDestinationURL: packageRoot.appendingPathComponent("Exercises/Workspace/\(name)"))
        }
        try FileManager.default.createSymbolicLink(at: workspace.appendingPathComponent("Checks"),
                                                   withDestinationURL: packageRoot.appendingPathComponent("Exercises/Checks"))
        #expect(mkfifo(workspace.appendingPathComponent("Pipe.swift").path, 0o644) == 0)
        let (report, json) = try grade(folder.url.appendingPathComponent("Exercises"),
                                       results: folder.url.appendingPathComponent("results.json"))
        #expect(report.score == 0)
        #expect(report.buildFeedback.contains("Workspace/Exercise11_1_1.swift: a symbolic link, refused"))
        #expect(report.buildFeedback.contains("Workspace/Checks: a symbolic link, refused"))
        #expect(report.buildFeedback.contains("Workspace/Pipe.swift: a FIFO, refused"))
        #expect(!json.contains("BEGIN SOLUTION") && !json.contains("Levenshtein"))
    }
}
