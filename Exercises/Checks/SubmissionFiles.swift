import Foundation

/// The exercise files of an upload, whatever its layout: loose files, a folder at any depth (a whole student package,
/// its `Exercises` folder, `submission/MyWork/...`), or a zip of any of these (with or without a top-level folder).
///
/// The files looked for are the course's workspace files, by name (`Exercise11_2_1.swift`, …): wherever in the
/// upload one is found, it is that exercise's file. Nothing is followed and nothing is trusted:
/// - a symbolic link, FIFO, socket or device is refused with a line naming it, and is never opened; files are opened
///   with `O_NOFOLLOW`;
/// - a file over `maximumFileBytes` is refused; a folder walk stops after `maximumEntries` entries or `maximumDepth`
///   levels; folders whose names start with `.` (`.build`, `.git`) and `__MACOSX` are skipped;
/// - a zip is read by `ZipReader` (bounded, `..` and absolute paths refused);
/// - when one name is found twice or more, the copy graded is chosen by a fixed rule — one in an
///   `Exercises/Workspace` folder first, then in any `Workspace` folder, then the shallowest, then the first by path —
///   and a note says which copies were found and which one was graded;
/// - other `.swift` files beside the exercise files (a stray `main.swift`, a helper file) are not built, and a note
///   says so.
public struct SubmissionFiles: Sendable {
    /// The exercise files found, by name (each file's `path` is its bare name), sorted by name.
    public let files: [PackageFiles.File]
    /// The expected names not found (or refused).
    public let missing: [String]
    /// One line per refused entry, per ambiguity and for the ignored extra files, for the student's feedback.
    public let notes: [String]

    /// The most bytes per file, entries walked in a folder, and folder levels.
    public static let maximumFileBytes = 1 << 20
    public static let maximumEntries = 20_000
    public static let maximumDepth = 16
    /// The most copies of one file read before it counts as missing (each a damaged or oversized one).
    public static let maximumCopiesTried = 4
    /// The most zip files looked into when a folder holds no exercise file itself.
    public static let maximumArchives = 4

    /// A file found in the upload: its path from the upload's top (a zip's entries under `NAME.zip/`), and how to
    /// read it.
    struct Candidate {
        let path: String
        let read: () -> Result<Data, ZipError>
    }

    /// The exercise files among `expected` (bare file names) in the upload at `upload`: a folder, a zip file, or one
    /// `.swift` file.
    /// - Throws: `ExerciseToolError.missingFolder` when nothing is at `upload`, `.notAnUpload` for another file that
    ///   is not a zip archive this reader takes.
    public init(upload: URL, expected: [String]) throws(ExerciseToolError) {
        var info = stat()
        guard lstat(upload.path, &info) == 0 || stat(upload.path, &info) == 0 else {
            throw .missingFolder(upload.path)
        }
        // The upload itself may be a link (a class export's folder, say): it is the instructor's, so it is followed.
        _ = stat(upload.path, &info)
        let wanted = Set(expected)
        var candidates: [Candidate] = []
        var others: [String] = []
        var notes: [String] = []
        if info.st_mode & S_IFMT == S_IFDIR {
            var archives: [String] = []
            var walked = 0
            Self.walk(upload.path, relative: "", depth: 0, walked: &walked, candidates: &candidates, others: &others,
                      archives: &archives, notes: &notes)
            if !candidates.contains(where: { wanted.contains(Self.name($0.path)) }) {
                for archive in archives.prefix(Self.maximumArchives) {
                    Self.readArchive(upload.appendingPathComponent(archive), shownAs: archive, candidates: &candidates,
                                     others: &others, notes: &notes)
                }
            }
        } else if upload.pathExtension == "swift" {
            let path = upload.path
            candidates.append(Candidate(path: upload.lastPathComponent) { Self.readFile(path) })
        } else {
            do throws(ZipError) { _ = try ZipReader(contentsOf: upload) } catch {
                throw .notAnUpload(upload.path, reason: "\(error)")
            }
            Self.readArchive(upload, shownAs: upload.lastPathComponent, candidates: &candidates, others: &others,
                             notes: &notes)
        }
        var files: [PackageFiles.File] = []
        var missing: [String] = []
        var chosenFolders: Set<String> = []
        for name in expected.sorted() {
            let copies = candidates.filter { Self.name($0.path) == name }.sorted { Self.rank($0.path) < Self.rank($1.path) }
            var file: PackageFiles.File?
            // At most `maximumCopiesTried` reads per name, so that thousands of damaged copies cost little.
            for copy in copies.prefix(Self.maximumCopiesTried) {
                switch copy.read() {
                case .success(let data):
                    file = PackageFiles.File(path: name, contents: data, permissions: 0o644)
                    chosenFolders.insert(Self.folder(copy.path))
                    if copies.count > 1 {
                        notes.append("\(name): \(copies.count) copies in the upload (\(copies.prefix(4).map(\.path).joined(separator: ", "))); graded \(copy.path)")
                    }
                case .failure(let error):
                    notes.append("\(copy.path): \(error)")
                    continue
                }
                break
            }
            if let file { files.append(file) } else { missing.append(name) }
        }
        let ignored = (others + candidates.map(\.path).filter { !wanted.contains(Self.name($0)) })
            .filter { chosenFolders.contains(Self.folder($0)) }.sorted()
        if !ignored.isEmpty {
            notes.append("Ignored (not exercise files, not built): " + ignored.prefix(10).joined(separator: ", ")
                         + (ignored.count > 10 ? " and \(ignored.count - 10) more" : ""))
        }
        self.files = files
        self.missing = missing
        self.notes = notes
    }

    /// The last component of a path.
    static func name(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }

    /// The folder part of a path (empty at the top).
    static func folder(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// The order in which copies of one file are preferred: in `Exercises/Workspace/`, then in a `Workspace/`, then
    /// the shallowest, then by path.
    static func rank(_ path: String) -> (Int, Int, String) {
        let parts = path.split(separator: "/")
        let parent = parts.dropLast().suffix(2).map(String.init)
        let place = parent == ["Exercises", "Workspace"] ? 0 : parent.last == "Workspace" ? 1 : 2
        return (place, parts.count, path)
    }

    /// What an entry is, by `lstat`: nil for a regular file or a folder, else why it is refused.
    static func refusal(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG, S_IFDIR: nil
        case S_IFLNK: "a symbolic link, refused (submit the file itself)"
        case S_IFIFO: "a FIFO, refused"
        case S_IFSOCK: "a socket, refused"
        case S_IFCHR, S_IFBLK: "a device, refused"
        default: "not a regular file, refused"
        }
    }

    private static func walk(_ folder: String, relative: String, depth: Int, walked: inout Int,
                             candidates: inout [Candidate], others: inout [String], archives: inout [String],
                             notes: inout [String]) {
        guard depth <= maximumDepth else {
            notes.append("\(relative): deeper than \(maximumDepth) folders, not searched")
            return
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            notes.append("\(relative.isEmpty ? "the upload" : relative): cannot be listed")
            return
        }
        for name in names.sorted() where !name.hasPrefix(".") && name != "__MACOSX" {
            walked += 1
            guard walked <= maximumEntries else {
                if walked == maximumEntries + 1 { notes.append("more than \(maximumEntries) entries: the rest not searched") }
                return
            }
            let path = folder + "/" + name
            let shown = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            if let reason = refusal(info.st_mode) {
                notes.append("\(Feedback.clean(shown, limit: 200)): \(reason)")
                continue
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                walk(path, relative: shown, depth: depth + 1, walked: &walked, candidates: &candidates,
                     others: &others, archives: &archives, notes: &notes)
            } else if name.hasSuffix(".swift") {
                candidates.append(Candidate(path: shown) { readFile(path) })
            } else if name.lowercased().hasSuffix(".zip") {
                archives.append(shown)
            } else {
                others.append(shown)
            }
        }
    }

    /// A regular file's bytes, opened without following a link, at most `maximumFileBytes`.
    static func readFile(_ path: String) -> Result<Data, ZipError> {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(.unreadable("cannot be read")) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            return .failure(.unreadable("not a regular file, refused"))
        }
        let contents = (try? handle.read(upToCount: maximumFileBytes + 1)) ?? Data()
        guard contents.count <= maximumFileBytes else {
            return .failure(.unreadable("larger than \(maximumFileBytes >> 20) MB, refused"))
        }
        return .success(contents)
    }

    /// The `.swift` entries of the zip at `url` as candidates under `shownAs/`.
    private static func readArchive(_ url: URL, shownAs: String, candidates: inout [Candidate], others: inout [String],
                                    notes: inout [String]) {
        var limits = ZipReader.Limits()
        limits.entryBytes = maximumFileBytes
        let archive: ZipReader
        do { archive = try ZipReader(contentsOf: url, limits: limits) } catch {
            notes.append("\(Feedback.clean(shownAs, limit: 200)): \(error)")
            return
        }
        // The total decompressed is capped across the archive's entries, read lazily, one after the other.
        let budget = ReadBudget()
        for entry in archive.entries where !entry.isFolder {
            let shown = shownAs + "/" + (entry.components.isEmpty ? entry.name : entry.components.joined(separator: "/"))
            if let refusal = entry.refusal {
                notes.append("\(shown): \(refusal)")
                continue
            }
            guard !entry.components.contains(where: { $0.hasPrefix(".") || $0 == "__MACOSX" }) else { continue }
            if entry.components.last?.hasSuffix(".swift") == true {
                candidates.append(Candidate(path: shown) {
                    do throws(ZipError) {
                        let bytes = try archive.data(of: entry, alreadyRead: budget.used)
                        budget.used += bytes.count
                        return .success(Data(bytes))
                    } catch {
                        return .failure(error)
                    }
                })
            } else {
                others.append(shown)
            }
        }
    }

    /// How many bytes an archive's reads have decompressed so far.
    private final class ReadBudget {
        var used = 0
    }
}
