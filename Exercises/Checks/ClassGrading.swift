import Foundation

/// Grades a whole class: every submission in a folder (one per student, a folder or a `.zip`, as a Gradescope or LMS
/// export lays them out), each into `OUT/STUDENT/results.json`, and one `OUT/grades.csv`.
///
/// Gradings run `jobs` at a time (2 by default, one per core here). Each worker keeps a scratch folder of its own for
/// the whole class, so the course's modules (the maths library, the wire format, the harness) are compiled once per
/// worker and every later student recompiles only their own workspace files; each student's files replace the
/// previous student's in that folder, and each exercise runs in a fresh sandboxed working folder, as a single grading
/// does. The submissions' folder, the output folder and the scratch folders are hidden from the students' code (and
/// the output folder is the grader's user's only).
public struct ClassGrading: Sendable {
    /// One student's line of the grade sheet.
    public struct Row: Sendable, Equatable {
        /// The student's name: the submission's folder name, or its zip's without `.zip`, made safe as a folder name.
        public let student: String
        /// Points per exercise id.
        public let points: [String: Double]
        public let total: Double
        /// Why the submission could not be graded at all, or nil.
        public let failure: String?

        public init(student: String, points: [String: Double], total: Double, failure: String?) {
            self.student = student
            self.points = points
            self.total = total
            self.failure = failure
        }
    }

    public let packageRoot: URL
    public let exercises: [Exercise]
    public let timeout: Double
    /// How many gradings run at once.
    public let jobs: Int
    /// A folder for the workers' scratch folders (`1/`, `2/` …), kept for a later run; nil for temporary ones.
    public let scratch: URL?
    /// How each harness is confined; nil for the grading default.
    public let sandbox: SandboxPolicy?

    public init(packageRoot: URL, exercises: [Exercise], timeout: Double = 20, jobs: Int = 2, scratch: URL? = nil,
                sandbox: SandboxPolicy? = nil) {
        self.packageRoot = packageRoot
        self.exercises = exercises
        self.timeout = timeout
        self.jobs = Swift.max(1, jobs)
        self.scratch = scratch
        self.sandbox = sandbox
    }

    /// The marker file of an output folder the tool made (a later run may overwrite what it wrote there).
    public static let outputMarker = ".exercises-grades"

    /// The submissions in `folder`: its sub-folders and `.zip` files (names starting with `.` skipped), by name,
    /// with the student name each is filed under (unique, safe as a folder name and in a CSV cell).
    public static func submissions(in folder: URL) throws(ExerciseToolError) -> [(student: String, upload: URL)] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) else {
            throw .missingFolder(folder.path)
        }
        guard isFolder.boolValue else { throw .notAFolder(folder.path) }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() } catch {
            throw .fileSystem(path: folder.path, reason: "cannot be listed")
        }
        var taken: Set<String> = []
        var found: [(String, URL)] = []
        for name in names where !name.hasPrefix(".") {
            let url = folder.appendingPathComponent(name)
            var info = stat()
            guard stat(url.path, &info) == 0 else { continue }
            let isZip = info.st_mode & S_IFMT == S_IFREG && name.lowercased().hasSuffix(".zip")
            guard info.st_mode & S_IFMT == S_IFDIR || isZip else { continue }
            var student = safeName(isZip ? String(name.dropLast(4)) : name)
            if taken.contains(student) {
                var index = 2
                while taken.contains("\(student)-\(index)") { index += 1 }
                student = "\(student)-\(index)"
            }
            taken.insert(student)
            found.append((student, url))
        }
        return found
    }

    /// `name` with every character but letters, digits, `.`, `_`, `-` and `@` replaced by `_`, no leading `.` or
    /// `-`, at most 100 characters; `student` when nothing is left.
    public static func safeName(_ name: String) -> String {
        var kept = String(name.unicodeScalars.prefix(100).map { scalar -> Character in
            let allowed = CharacterSet.alphanumerics.contains(scalar) || "._-@".unicodeScalars.contains(scalar)
            return allowed ? Character(scalar) : "_"
        })
        while kept.hasPrefix(".") || kept.hasPrefix("-") { kept.removeFirst() }
        return kept.isEmpty ? "student" : kept
    }

    /// Grades every submission in `submissions` into `output` (new, empty, or made by an earlier class grading),
    /// calling `progress` with a first line once the folders are ready, then one line per finished student (from the
    /// workers' threads, one call at a time).
    /// - Throws: `ExerciseToolError` for a missing folder, an output or scratch folder the tool did not make, or a
    ///   folder with no submission. A submission that cannot be graded gets a results.json with 0 and the reason,
    ///   and a row of zeros; the others go on.
    public func grade(submissions: URL, into output: URL, progress: @escaping @Sendable (String) -> Void)
        throws(ExerciseToolError) -> [Row]
    {
        let uploads = try Self.submissions(in: submissions)
        guard !uploads.isEmpty else {
            throw .fileSystem(path: submissions.path, reason: "holds no submission (a folder or a .zip per student)")
        }
        try Self.prepareOutput(output)
        let manager = FileManager.default
        let scratchRoot = scratch ?? manager.temporaryDirectory.appendingPathComponent("exercises-class-\(getpid())-\(UUID().uuidString)")
        try ScratchFolder.prepare(scratchRoot)
        defer { if scratch == nil { try? manager.removeItem(at: scratchRoot) } }
        let workers = Swift.min(jobs, uploads.count)
        for index in 1...workers { try ScratchFolder.prepare(scratchRoot.appendingPathComponent("\(index)")) }
        progress("Grading \(uploads.count) submissions, \(workers) at a time (the first of each worker builds the "
                 + "course's modules, later ones only the student's files)")
        let state = SharedState(count: uploads.count)
        // The students' code sees none of the class: not the other uploads, not the results, not the builds.
        let hidden = [output, scratchRoot, submissions].map { $0.standardizedFileURL.path }
        // One thread per worker (not a dispatch pool, whose width follows the cores, not `jobs`).
        let finished = DispatchGroup()
        for worker in 1...workers {
            let grader = Grader(packageRoot: packageRoot, exercises: exercises, timeout: timeout,
                                scratch: scratchRoot.appendingPathComponent("\(worker)"), hiddenFolders: hidden,
                                sandbox: sandbox)
            finished.enter()
            Thread.detachNewThread {
                while let index = state.next() {
                    let (student, upload) = uploads[index]
                    let row = gradeOne(student: student, upload: upload, grader: grader, output: output)
                    progress(state.finish(index, row: row))
                }
                finished.leave()
            }
        }
        finished.wait()
        let rows = state.rows.compactMap { $0 }
        let csv = Self.csv(rows, exercises: exercises)
        do { try Data(csv.utf8).write(to: output.appendingPathComponent("grades.csv"), options: .atomic) } catch {
            throw .fileSystem(path: output.appendingPathComponent("grades.csv").path, reason: "cannot be written")
        }
        return rows
    }

    private func gradeOne(student: String, upload: URL, grader: Grader, output: URL) -> Row {
        let started = Date()
        let folder = output.appendingPathComponent(student)
        let results = folder.appendingPathComponent("results.json")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        do {
            let report = try grader.grade(submission: upload)
            try? GradescopeResults(report, seconds: Date().timeIntervalSince(started)).write(to: results)
            let points = Dictionary(report.results.map { ($0.id, $0.points) }, uniquingKeysWith: { first, _ in first })
            return Row(student: student, points: points, total: report.score, failure: nil)
        } catch {
            try? GradescopeResults(failure: "\(error)", seconds: Date().timeIntervalSince(started)).write(to: results)
            return Row(student: student, points: [:], total: 0, failure: "\(error)")
        }
    }

    /// Makes `output` ready: created and marked, or a folder an earlier class grading marked; refused otherwise.
    static func prepareOutput(_ output: URL) throws(ExerciseToolError) {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: output.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw .notAFolder(output.path) }
            let names = (try? manager.contentsOfDirectory(atPath: output.path)) ?? ["?"]
            if names.contains(outputMarker) { return }
            guard names.isEmpty else { throw .foreignOutput(output.path) }
        }
        do {
            try manager.createDirectory(at: output, withIntermediateDirectories: true,
                                        attributes: [.posixPermissions: 0o700])
            try Data("Grades written by `exercises grade --submissions`; a later run may overwrite them.\n".utf8)
                .write(to: output.appendingPathComponent(outputMarker))
        } catch {
            throw .fileSystem(path: output.path, reason: "cannot create the output folder")
        }
    }

    /// The grade sheet: a header `student,ID…,total` (the exercises with checks, in catalogue order), then one line
    /// per student. Cells are quoted when they hold a comma, quote or line break, and a name that a spreadsheet would
    /// read as a formula (`=`, `+`, `-`, `@`) starts with `'`.
    public static func csv(_ rows: [Row], exercises: [Exercise]) -> String {
        let graded = exercises.filter { !$0.checks.isEmpty }
        var lines = [(["student"] + graded.map(\.id) + ["total"]).map(cell).joined(separator: ",")]
        for row in rows {
            let cells = [row.student] + graded.map { GradescopeResults.format(row.points[$0.id] ?? 0) }
                + [GradescopeResults.format(row.total)]
            lines.append(cells.map(cell).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func cell(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@".contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { ",\"\n\r".contains($0) }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The queue of submissions and the rows as they finish, shared by the workers.
    private final class SharedState: @unchecked Sendable {
        private let lock = NSLock()
        private var nextIndex = 0
        private var done = 0
        private let started = Date()
        private(set) var rows: [Row?]

        init(count: Int) { rows = Array(repeating: nil, count: count) }

        func next() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard nextIndex < rows.count else { return nil }
            nextIndex += 1
            return nextIndex - 1
        }

        /// Records `row` and returns the progress line.
        func finish(_ index: Int, row: Row) -> String {
            lock.lock()
            defer { lock.unlock() }
            rows[index] = row
            done += 1
            let elapsed = Int(Date().timeIntervalSince(started).rounded())
            return "[\(done)/\(rows.count)] \(row.student): "
                + (row.failure.map { "not graded (\(Feedback.clean($0, limit: 300).replacingOccurrences(of: "\n", with: " ")))" } ?? "\(GradescopeResults.format(row.total)) points")
                + " (\(elapsed) s so far)"
        }
    }
}
