import Foundation

/// Whether an existing path in the output folder was written by this course, and so may be replaced.
///
/// - A page (`.html`) is the course's when it is a regular file that can be read and carries `Page.generator`.
/// - The style sheet (`style.css`) when it is a regular, readable file and either carries the mark or sits beside a
///   home page of the course (style sheets of earlier versions carry no mark).
/// - A folder (a chapter's, say) when it is a real folder (not a link) whose `index.html` is a page of the course and
///   everything else in it is a folder or a readable regular file holding a page of the course or a CSV file.
///
/// A path that cannot be examined (no permission to list, read or stat it) is not the course's: only what the course
/// can prove it wrote is ever replaced or removed.
enum SiteOwnership {
    /// Throws `SiteWriteError.foreignPath` unless `url` is absent or a folder of the course.
    static func checkFolder(_ url: URL) throws(SiteWriteError) {
        guard try kind(of: url) != nil else { return }
        try checkTree(url, isTop: true)
    }

    /// Throws unless the top-level file `url` is absent or the course's; `homeIsOurs` tells about `index.html`.
    static func checkTopLevelFile(_ url: URL, homeIsOurs: Bool) throws(SiteWriteError) {
        guard let kind = try kind(of: url) else { return }
        guard kind != .directory else { throw .writeFailed(path: url.path, reason: "a directory is in the way") }
        guard kind == .regular else { throw .foreignPath(path: url.path, reason: "is \(kind.description)") }
        let text = try readable(url)
        if url.lastPathComponent == Stylesheet.fileName, homeIsOurs || text.contains(Page.generator) { return }
        guard text.contains(Page.generator) else { throw .foreignPath(path: url.path, reason: "was not written by this course") }
    }

    /// Whether `output/index.html` is a page of the course (false when absent or foreign).
    static func homeIsOurs(in output: URL) -> Bool {
        let home = output.appendingPathComponent("index.html")
        guard (try? kind(of: home)) == .regular, let text = try? readable(home) else { return false }
        return text.contains(Page.generator)
    }

    private static func checkTree(_ url: URL, isTop: Bool) throws(SiteWriteError) {
        switch try kind(of: url) {
        case .directory?:
            let entries: [String]
            do {
                entries = try FileManager.default.contentsOfDirectory(atPath: url.path)
            } catch {
                throw .foreignPath(path: url.path, reason: "cannot be listed (permission denied or unreadable)")
            }
            if isTop, !entries.contains("index.html") {
                throw .foreignPath(path: url.path, reason: "holds no index.html written by this course")
            }
            for entry in entries.sorted() {
                try checkTree(url.appendingPathComponent(entry), isTop: false)
            }
        case .regular? where !isTop:
            let name = url.lastPathComponent
            if name.hasSuffix(".csv") {
                guard access(url.path, R_OK) == 0 else {
                    throw .foreignPath(path: url.path, reason: "cannot be read (permission denied)")
                }
            } else if name.hasSuffix(".html") {
                guard try readable(url).contains(Page.generator) else {
                    throw .foreignPath(path: url.path, reason: "was not written by this course")
                }
            } else {
                throw .foreignPath(path: url.path, reason: "was not written by this course")
            }
        case let other?:
            throw .foreignPath(path: url.path, reason: "is \(other.description), not a folder this course wrote")
        case nil:
            return
        }
    }

    private static func readable(_ url: URL) throws(SiteWriteError) -> String {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw .foreignPath(path: url.path, reason: "cannot be read (permission denied)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// What is at `url` without following a link: nil when nothing is.
    /// - Throws: `foreignPath` when it cannot be examined.
    static func kind(of url: URL) throws(SiteWriteError) -> EntryKind? {
        var status = stat()
        guard lstat(url.path, &status) == 0 else {
            if errno == ENOENT { return nil }
            throw .foreignPath(path: url.path, reason: "cannot be examined (\(String(cString: strerror(errno))))")
        }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .regular
        case S_IFLNK: return .symbolicLink
        default: return .special
        }
    }

    enum EntryKind: Equatable {
        case directory, regular, symbolicLink, special

        var description: String {
            switch self {
            case .directory: "a folder"
            case .regular: "a file"
            case .symbolicLink: "a symbolic link"
            case .special: "a device, pipe or socket"
            }
        }
    }
}
