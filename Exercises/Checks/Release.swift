import CourseSite
import Foundation

/// The student edition: the whole package without solutions, hidden checks, worked solutions or CI.
public enum Release {
    /// What a release wrote.
    public struct Summary: Sendable, Equatable {
        /// How many files the release holds.
        public let fileCount: Int
        /// How many solution blocks became stubs.
        public let stubCount: Int

        /// A summary of `fileCount` files and `stubCount` stubs.
        public init(fileCount: Int, stubCount: Int) {
            self.fileCount = fileCount
            self.stubCount = stubCount
        }
    }

    /// The note put at the top of the release's `Exercises/README.md`.
    public static let studentNote = """
        > **Student edition.** The solutions, the hidden checks and the worked solutions are not in this copy: \
        implement the functions in `Exercises/Workspace/` and run `swift run exercises check`.

        """

    /// Whether the release leaves out the file or folder at `path` (relative to the package root): build folders,
    /// `.git`, `.swiftpm`, `.ci`, the generated site except `Site/README.md`, `*.tmp` files, the instructor's own
    /// tests in `Tests/ExercisesTests/Instructor/` and `Tests/ChapterTests/Instructor/` (which need the reference
    /// solutions, the hidden checks or the worked solutions) and the mutation run in `Tests/Mutation/` (its mutants
    /// quote the reference solutions).
    public static func leavesOut(_ path: String) -> Bool {
        PackageCopy.leavesOut(path) || path == ".ci" || path == "Tests/ExercisesTests/Instructor"
            || path == "Tests/ChapterTests/Instructor" || path == "Tests/Mutation"
    }

    /// The student edition of `package`'s files: stubs for the workspace's solutions, no hidden checks, pages
    /// without worked solutions, and the student note in `Exercises/README.md`.
    /// - Throws: `ExerciseToolError.markers` for the first unbalanced or nested marker.
    public static func studentEdition(of package: PackageFiles) throws(ExerciseToolError) -> (PackageFiles, Int) {
        try edition(of: package, keepingHiddenChecks: false)
    }

    /// The student edition, or with `keepingHiddenChecks` the grader's edition that the Gradescope bundle ships:
    /// stubs for the workspace's solutions and pages without worked solutions, but every check, hidden ones included.
    /// - Throws: `ExerciseToolError.markers` for the first unbalanced or nested marker.
    static func edition(of package: PackageFiles, keepingHiddenChecks: Bool) throws(ExerciseToolError)
        -> (PackageFiles, Int)
    {
        var edition = package
        var stubs = 0
        var hasReadme = false
        for index in edition.files.indices {
            let path = edition.files[index].path
            let transform: ((String, String) throws(ExerciseToolError) -> String)?
            if path.hasPrefix("Exercises/Workspace/") && path.hasSuffix(".swift") {
                transform = ReleaseTransform.stubSolutions
                stubs += text(edition.files[index]).split(separator: "\n")
                    .filter { String($0).markerTrimmed.hasPrefix(ReleaseTransform.solutionBegin) }.count
            } else if path.hasPrefix("Exercises/Checks/") && path.hasSuffix(".swift") && !keepingHiddenChecks {
                transform = ReleaseTransform.removeHiddenChecks
            } else if path.hasPrefix("Exercises/Pages/") && path.hasSuffix(".md") {
                transform = ReleaseTransform.removePageSolutions
            } else if path == "Exercises/README.md" && !keepingHiddenChecks {
                hasReadme = true
                edition.files[index].contents = Data((studentNote + "\n" + text(edition.files[index])).utf8)
                transform = nil
            } else {
                transform = nil
            }
            if let transform {
                edition.files[index].contents = Data(try transform(text(edition.files[index]), path).utf8)
            }
        }
        if !hasReadme && !keepingHiddenChecks {
            edition.files.append(PackageFiles.File(path: "Exercises/README.md", contents: Data(studentNote.utf8),
                                                   permissions: 0o644))
            edition.files.sort { $0.path < $1.path }
        }
        return (edition, stubs)
    }

    /// Writes the student edition of the package at `packageRoot` into `output`, which must not exist or be empty
    /// and must lie outside the package. Only the files git tracks in `packageRoot` are released (with their
    /// working-tree contents), less those `leavesOut` names. Everything is written into a temporary sibling folder first and renamed into
    /// place, so a failure leaves nothing behind.
    /// - Throws: `ExerciseToolError` naming the folder, or the file and line of a bad marker.
    public static func write(packageRoot: URL, to output: URL) throws(ExerciseToolError) -> Summary {
        let root = packageRoot.standardizedFileURL.resolvingSymlinksInPath()
        let target = output.standardizedFileURL
        let manager = FileManager.default
        let resolvedTarget = target.deletingLastPathComponent().resolvingSymlinksInPath()
            .appendingPathComponent(target.lastPathComponent)
        guard !(resolvedTarget.path + "/").hasPrefix(root.path + "/") else { throw .outputInsidePackage(target.path) }
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: target.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw .notAFolder(target.path) }
            let contents = (try? manager.contentsOfDirectory(atPath: target.path)) ?? ["(not a folder)"]
            guard contents.isEmpty else { throw .outputNotEmpty(target.path) }
        }
        let (edition, stubs) = try studentEdition(of: try courseFiles(root))
        let parent = target.deletingLastPathComponent()
        // Built under a hidden name that carries this process's id: removed if the command is interrupted (SIGINT,
        // SIGTERM), and by a later release if this one is killed outright.
        SiteWriter.removeLeftovers(in: parent, for: target.lastPathComponent)
        let staging = parent.appendingPathComponent(SiteWriter.stagingName(for: target.lastPathComponent))
        let cleanup = PendingCleanup.shared
        cleanup.locked { cleanup.register(staging.path) }
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
            try edition.write(to: staging)
            try cleanup.locked {
                if manager.fileExists(atPath: target.path) { try manager.removeItem(at: target) }
                try manager.moveItem(at: staging, to: target)
                cleanup.unregister(staging.path)
            }
        } catch {
            cleanup.locked {
                try? manager.removeItem(at: staging)
                cleanup.unregister(staging.path)
            }
            if let error = error as? ExerciseToolError { throw error }
            throw .fileSystem(path: target.path, reason: "cannot write the release (\(error.localizedDescription))")
        }
        return Summary(fileCount: edition.files.count, stubCount: stubs)
    }

    /// The course's own files at `root`: those git tracks, less those `leavesOut` names.
    /// - Throws: `.notTracked` when `root` is not a git checkout, `.fileSystem` when a file cannot be read.
    static func courseFiles(_ root: URL) throws(ExerciseToolError) -> PackageFiles {
        let tracked = try trackedFiles(in: root)
        let trackedFolders = Set(tracked.flatMap { path in
            let parts = path.split(separator: "/").dropLast()
            return parts.indices.map { parts[...($0)].joined(separator: "/") }
        })
        return try PackageFiles(root: root) { path in
            leavesOut(path) || !(tracked.contains(path) || trackedFolders.contains(path))
        }
    }

    /// The files git tracks under `root` (paths relative to it), as they are in the working tree: the course's own
    /// files, so that leftovers (an earlier `results.json`, notes, a scratch folder) never reach a release.
    /// - Throws: `.notTracked` when `root` is not inside a git work tree, `.cannotRun` when git cannot be started.
    static func trackedFiles(in root: URL) throws(ExerciseToolError) -> Set<String> {
        guard let git = ChildProcess.onPath("git") else { throw .cannotRun("git", reason: "not found on the PATH") }
        let process = Process()
        process.executableURL = git
        process.arguments = ["-C", root.path, "ls-files", "-z", "--cached"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { throw .cannotRun("git", reason: error.localizedDescription) }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw .notTracked(root.path) }
        return Set(data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) })
    }

    private static func text(_ file: PackageFiles.File) -> String {
        String(decoding: file.contents, as: UTF8.self)
    }
}

/// Which files copies of the package leave out.
public enum PackageCopy {
    /// Build folders (`.build*` at any depth), `.git`, `.swiftpm`, `Site/` except `Site/README.md`, and `*.tmp`.
    public static func leavesOut(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if name.hasPrefix(".build") || name == ".git" || name == ".swiftpm" || name.hasSuffix(".tmp") { return true }
        return path.hasPrefix("Site/") && path != "Site/README.md"
    }
}
