import Foundation

/// The Swift files of a submission's workspace, read without following anything: a symbolic link, a device, a FIFO
/// or a socket is refused with a message naming it, and is never opened.
public struct SubmissionFiles: Sendable {
    /// The `.swift` files, by path relative to the workspace, sorted.
    public let files: [PackageFiles.File]
    /// One line per refused entry: `Workspace/X.swift: a symbolic link, refused (submit the file itself)`.
    public let refused: [String]

    /// The most Swift files and bytes per file a workspace may hold.
    public static let maximumFiles = 200
    public static let maximumFileBytes = 1 << 20

    /// Reads the `.swift` files under `workspace` (other regular files are ignored; folders starting with `.` are
    /// skipped).
    public init(workspace: URL) {
        var files: [PackageFiles.File] = []
        var refused: [String] = []
        Self.collect(workspace.path, relative: "", files: &files, refused: &refused)
        if files.count > Self.maximumFiles {
            refused.append("Workspace: more than \(Self.maximumFiles) Swift files; only the first are graded")
            files = Array(files.sorted { $0.path < $1.path }.prefix(Self.maximumFiles))
        }
        self.files = files.sorted { $0.path < $1.path }
        self.refused = refused
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

    private static func collect(_ folder: String, relative: String, files: inout [PackageFiles.File],
                                refused: inout [String]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            refused.append("Workspace/\(relative): cannot be listed")
            return
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = folder + "/" + name
            let shown = "Workspace/" + (relative.isEmpty ? name : relative + "/" + name)
            var info = stat()
            guard lstat(path, &info) == 0 else {
                refused.append("\(shown): cannot be read")
                continue
            }
            if let reason = refusal(info.st_mode) {
                refused.append("\(shown): \(reason)")
                continue
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                collect(path, relative: relative.isEmpty ? name : relative + "/" + name, files: &files,
                        refused: &refused)
                continue
            }
            guard name.hasSuffix(".swift") else { continue }
            guard info.st_size <= off_t(maximumFileBytes) else {
                refused.append("\(shown): larger than \(maximumFileBytes >> 20) MB, refused")
                continue
            }
            // O_NOFOLLOW: were the file swapped for a link since lstat, opening fails instead of following it.
            let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            guard descriptor >= 0 else {
                refused.append("\(shown): cannot be read")
                continue
            }
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            let contents = (try? handle.read(upToCount: maximumFileBytes + 1)) ?? Data()
            guard contents.count <= maximumFileBytes else {
                refused.append("\(shown): larger than \(maximumFileBytes >> 20) MB, refused")
                continue
            }
            files.append(PackageFiles.File(path: relative.isEmpty ? name : relative + "/" + name, contents: contents,
                                           permissions: 0o644))
        }
    }
}
