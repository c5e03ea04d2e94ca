import CourseCLI
import CourseSite
import ExerciseChecks
import ExerciseHarness
import Foundation

/// The subcommands of `exercises`, each parsing its own options.
enum Commands {
    static let usage = """
        exercises — work on, check, release and grade the course's exercises

        Usage:
          exercises check [ID…] [--timeout S] [--include-hidden]
                                     Run the checks of your exercises (all, or those named, e.g. 11.2-1).
          exercises release --out DIR
                                     Write the student edition (no solutions, no hidden checks) into DIR.
          exercises grade --submission PATH [--results FILE] [--timeout S] [--scratch DIR] [--show-output]
                                     Grade one upload (a folder or a .zip, any layout); write Gradescope's results.json.
          exercises grade --submissions DIR --out DIR [--timeout S] [--jobs N] [--scratch DIR]
                                     Grade a class (a folder or a .zip per student): OUT/STUDENT/results.json and
                                     OUT/grades.csv.
          exercises autograder --out FILE
                                     Write the Gradescope autograder bundle (a zip to upload).
          exercises site [--out DIR] [--solutions]
                                     Render the exercise pages into the course site: the student edition, or with
                                     --solutions the instructor's (worked solutions shown; do not publish it).

        Run `exercises COMMAND --help` for a command's options.

        """

    static let timeoutOption = OptionSpec(
        name: "--timeout", valueName: "S", help: "Time limit per exercise in seconds.", kind: .positiveNumber,
        defaultValue: "20")

    // MARK: check

    static func check(_ arguments: [String]) throws {
        let parser = CommandLineParser(
            command: "exercises check", summary: "runs the checks of the exercises, each in its own process",
            options: [
                timeoutOption,
                OptionSpec(name: "--include-hidden", help: "Also run hidden checks (present in the instructor's "
                           + "package only).", kind: .flag),
            ])
        let (ids, rest) = positionals(arguments, parser: parser)
        guard case .run(let parsed) = try parser.parse(rest) else {
            print(parser.usage.replacingOccurrences(of: "[options]", with: "[ID…] [options]"), terminator: "")
            return
        }
        let catalogue = ExerciseCatalogue.all
        let selected = try ids.map { id in
            guard let exercise = catalogue.first(where: { $0.id == id }) else {
                throw CLIError.invalidValue(
                    option: "exercise", message: "\"\(id)\" is unknown; the exercises are "
                        + (catalogue.isEmpty ? "none yet" : catalogue.map(\.id).joined(separator: ", ")))
            }
            return exercise
        }
        let runner = IsolatedRunner(executable: try ownExecutable(), arguments: ["serve"], policy: .local(),
                                    timeout: parsed.number("--timeout") ?? 20)
        let visibility: Visibility? = parsed.flag("--include-hidden") ? nil : .visible
        var results: [ExerciseResult] = []
        for exercise in selected.isEmpty ? catalogue : selected {
            let (result, output) = try runner.run(exercise, visibility: visibility)
            let printed = Feedback.clean(output, limit: 8_000).trimmingCharacters(in: .whitespacesAndNewlines)
            if !printed.isEmpty { print("\(exercise.id) printed:\n\(printed)\n") }
            results.append(result)
        }
        let hiddenPoints = visibility == nil ? 0 : (selected.isEmpty ? catalogue : selected)
            .map { ExerciseCatalogue.hiddenPoints[$0.id] ?? 0 }.reduce(0, +)
        print(Tables.results(results, hiddenPointsNotRun: hiddenPoints))
        let done = results.allSatisfy { $0.status == .passed || $0.status == .writtenAnswer }
        print(done ? "All checks passed." : "Not all checks pass yet: see above. (Hidden checks may still differ.)")
        if !done { exit(1) }
    }

    // MARK: serve (internal)

    /// The harness of `exercises check`: answers requests for the student's functions on standard input.
    static func serve(_ arguments: [String]) throws {
        guard arguments.isEmpty else {
            throw CLIError.invalidValue(option: "serve", message: "takes no arguments (it is started by check)")
        }
        Harness.serve()
    }

    // MARK: release

    static func release(_ arguments: [String]) throws {
        let parser = CommandLineParser(
            command: "exercises release", summary: "writes the student edition of this package",
            options: [OptionSpec(name: "--out", valueName: "DIR", help: "A new (or empty) folder outside the package.",
                                 kind: .path)])
        guard let parsed = try parser.parsedOrHelp(arguments) else { return }
        let out = try parsed.requiredString("--out", valueName: "DIR")
        let output = URL(fileURLWithPath: out)
        let summary = try Release.write(packageRoot: packageRoot, to: output)
        print("Wrote the student edition to \(ControlCharacters.escaped(output.standardizedFileURL.path)): \(summary.fileCount) files, "
              + "\(summary.stubCount) solutions replaced by stubs.")
        print("Check that it builds on its own: cd \(ControlCharacters.escaped(shellQuoted(output.standardizedFileURL.path))) && swift build "
              + "&& swift run exercises check")
    }

    // MARK: grade

    static func grade(_ arguments: [String]) throws {
        let parser = CommandLineParser(
            command: "exercises grade", summary: "grades a submission, or a class, with every check, public and hidden",
            options: [
                OptionSpec(name: "--submission", valueName: "PATH",
                           help: "One upload: a folder or a .zip holding the exercise files, in any layout.", kind: .path),
                OptionSpec(name: "--submissions", valueName: "DIR",
                           help: "A class: a folder with one folder or .zip per student.", kind: .path),
                OptionSpec(name: "--out", valueName: "DIR", help: "With --submissions: where each STUDENT/results.json "
                           + "and grades.csv go (a new or empty folder, or an earlier class grading's).", kind: .path),
                OptionSpec(name: "--jobs", valueName: "N", help: "With --submissions: gradings at once.",
                           kind: .integer(1...16), defaultValue: "2"),
                OptionSpec(name: "--results", valueName: "FILE", help: "Where to write Gradescope's results.json.",
                           kind: .path, defaultValue: "results.json"),
                timeoutOption,
                OptionSpec(name: "--scratch", valueName: "DIR", help: "Build in DIR and keep it, so the next grading "
                           + "recompiles only the submission (one grading at a time per DIR).", kind: .path),
                OptionSpec(name: "--show-output", help: "Let students see what the grader prints (stdout_visibility "
                           + "visible); hidden checks are then left out of the printed table.", kind: .flag),
            ])
        guard let parsed = try parser.parsedOrHelp(arguments) else { return }
        if let submissions = parsed.string("--submissions") {
            if parsed.string("--submission") != nil {
                throw CLIError.conflictingOptions("--submission", "--submissions", reason: "grade one upload or a class")
            }
            if parsed.flag("--show-output") || arguments.contains("--results") {
                throw CLIError.conflictingOptions("--submissions", arguments.contains("--results") ? "--results" : "--show-output",
                                                  reason: "a class's results go under --out")
            }
            let out = try parsed.requiredString("--out", valueName: "DIR")
            try gradeClass(submissions: URL(fileURLWithPath: submissions), out: URL(fileURLWithPath: out), parsed: parsed)
            return
        }
        let submission = try parsed.requiredString("--submission", valueName: "PATH")
        if arguments.contains("--out") || arguments.contains("--jobs") {
            throw CLIError.conflictingOptions("--submission", arguments.contains("--out") ? "--out" : "--jobs",
                                              reason: "--out and --jobs are for a class (--submissions)")
        }
        let resultsFile = URL(fileURLWithPath: parsed.string("--results") ?? "results.json")
        let started = Date()
        let report: Grader.Report
        do {
            let grader = Grader(packageRoot: packageRoot, exercises: ExerciseCatalogue.all,
                                timeout: parsed.number("--timeout") ?? 20,
                                scratch: parsed.string("--scratch").map { URL(fileURLWithPath: $0) },
                                hiddenFolders: [resultsFile.deletingLastPathComponent().standardizedFileURL.path]
                                    + autograderRoot())
            report = try grader.grade(submission: URL(fileURLWithPath: submission))
        } catch {
            // Every submission gets its results.json, even when grading itself could not run.
            try? GradescopeResults(failure: "\(error)", seconds: Date().timeIntervalSince(started)).write(to: resultsFile)
            throw error
        }
        let seconds = Date().timeIntervalSince(started)
        let showOutput = parsed.flag("--show-output")
        do {
            try GradescopeResults(report, seconds: seconds, showStandardOutput: showOutput).write(to: resultsFile)
        } catch {
            var isFolder: ObjCBool = false
            let folder = FileManager.default.fileExists(atPath: resultsFile.path, isDirectory: &isFolder) && isFolder.boolValue
            throw ExerciseToolError.fileSystem(path: resultsFile.path, reason: folder
                ? "is a folder: --results needs a file name" : "cannot write the results")
        }
        if !report.buildFeedback.isEmpty { print(Feedback.clean(report.buildFeedback, limit: Feedback.outputLimit)) }
        print(Tables.results(report.results, showHidden: !showOutput))
        // What students may see (--show-output) counts the visible checks only, as results.json's output does.
        let visible = report.results.flatMap(\.checks).filter { $0.visibility == Visibility.visible.rawValue }
        let score = showOutput
            ? "Score on the visible checks: \(GradescopeResults.format(visible.map(\.points).reduce(0, +))) / "
                + GradescopeResults.format(visible.map(\.maximumPoints).reduce(0, +))
            : "Score: \(GradescopeResults.format(report.score)) / \(GradescopeResults.format(report.maximumScore))"
        print(score + ". Results: \(ControlCharacters.escaped(resultsFile.standardizedFileURL.path)) (graded in "
              + "\(Int(seconds.rounded())) s)")
    }

    /// The root `run_autograder` names in `AUTOGRADER_ROOT` (another than /autograder, which is always hidden), to
    /// hide from the students' code like /autograder: the bundle's course and scratch folder are in it.
    static func autograderRoot() -> [String] {
        guard let root = ProcessInfo.processInfo.environment["AUTOGRADER_ROOT"], root.hasPrefix("/") else { return [] }
        return [URL(fileURLWithPath: root).standardizedFileURL.path]
    }

    /// `grade --submissions DIR --out DIR`: the class, with progress on standard error.
    static func gradeClass(submissions: URL, out: URL, parsed: ParsedArguments) throws {
        let started = Date()
        let grading = ClassGrading(packageRoot: packageRoot, exercises: ExerciseCatalogue.all,
                                   timeout: parsed.number("--timeout") ?? 20, jobs: parsed.integer("--jobs") ?? 2,
                                   scratch: parsed.string("--scratch").map { URL(fileURLWithPath: $0) })
        if geteuid() != 0 {
            FileHandle.standardError.write(Data(("warning: not running as root, so the students' code runs as you, "
                + "without a user or namespaces of its own: it could read the hidden checks and reach the other "
                + "submissions' files while they are graded. Grade a class as root (in a container, say) to keep "
                + "them apart.\n").utf8))
        }
        let rows = try grading.grade(submissions: submissions, into: out) { line in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        let failed = rows.filter { $0.failure != nil }.count
        let maximum = GradescopeResults.format(ExerciseCatalogue.all.map(\.maximumPoints).reduce(0, +))
        let mean = rows.isEmpty ? 0 : rows.map(\.total).reduce(0, +) / Double(rows.count)
        print("Graded \(rows.count) submissions in \(Int(Date().timeIntervalSince(started).rounded())) s: mean "
              + "\(GradescopeResults.format((mean * 10).rounded() / 10)) / \(maximum)"
              + (failed > 0 ? ", \(failed) could not be graded (see their results.json)" : "") + ".")
        print("Grade sheet: \(ControlCharacters.escaped(out.appendingPathComponent("grades.csv").standardizedFileURL.path))")
    }

    // MARK: autograder

    static func autograder(_ arguments: [String]) throws {
        let parser = CommandLineParser(
            command: "exercises autograder", summary: "writes the Gradescope autograder bundle (a zip to upload)",
            options: [OptionSpec(name: "--out", valueName: "FILE", help: "The zip to write, e.g. autograder.zip.",
                                 kind: .path)])
        guard let parsed = try parser.parsedOrHelp(arguments) else { return }
        let out = try parsed.requiredString("--out", valueName: "FILE")
        let output = URL(fileURLWithPath: out)
        let count = try Autograder.write(packageRoot: packageRoot, to: output)
        print("Wrote the Gradescope autograder to \(ControlCharacters.escaped(output.standardizedFileURL.path)): "
              + "setup.sh, run_autograder and the course (\(count - 2) files; every check, hidden ones included; no "
              + "reference solution). Upload it as the assignment's autograder (Ubuntu base image, Swift "
              + "\(Autograder.swiftVersion) is installed by setup.sh).")
    }

    // MARK: site

    static func site(_ arguments: [String]) throws {
        let parser = CommandLineParser(
            command: "exercises site", summary: "renders the exercise pages into the course site (the student edition)",
            options: SiteOptions.specs + [
                OptionSpec(name: "--solutions", help: "Write the instructor's edition, with the worked solutions "
                           + "(keep it private).", kind: .flag),
            ])
        guard let parsed = try parser.parsedOrHelp(arguments) else { return }
        let options = try SiteOptions(parsed)
        let output = URL(fileURLWithPath: options.outputDirectory)
        let edition: ExercisesSite.Edition = parsed.flag("--solutions") ? .instructor : .student
        // The worked solutions' figures call this package's own functions (the reference, in the instructor's edition).
        let written = try Student.$connection.withValue(LinkedStudent()) {
            try ExercisesSite(packageRoot: packageRoot, edition: edition).write(to: output, identity: options.identity)
        }
        for path in written {
            print("Wrote \(ControlCharacters.escaped(output.appendingPathComponent(path).standardizedFileURL.path))")
        }
        print(edition == .student ? "The student edition: no worked solutions (--solutions writes the instructor's)."
              : "The instructor's edition, with the worked solutions: do not publish it.")
    }

    // MARK: helpers

    /// Splits exercise ids (words not starting with `-` and not the value of an option) from the options.
    static func positionals(_ arguments: [String], parser: CommandLineParser) -> (ids: [String], options: [String]) {
        var ids: [String] = []
        var rest: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("-") else {
                ids.append(argument)
                continue
            }
            rest.append(argument)
            let takesValue = parser.options.contains { $0.name == argument && $0.kind != .flag }
            if takesValue, index < arguments.count {
                rest.append(arguments[index])
                index += 1
            }
        }
        return (ids, rest)
    }

    /// This executable, to spawn for `serve`.
    static func ownExecutable() throws -> URL {
        if let url = Bundle.main.executableURL { return url.resolvingSymlinksInPath() }
        throw ExerciseToolError.cannotRun("exercises", reason: "cannot find this program's own executable")
    }

    static func shellQuoted(_ path: String) -> String {
        path.allSatisfy { $0.isLetter || $0.isNumber || "/._-".contains($0) } ? path
            : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
