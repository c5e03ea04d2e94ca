import Foundation

/// The hidden names a site write uses while it works, and the recognition of those an interrupted write left behind.
///
/// A write of process PID names its temporary items `.course-staging-PID-NAME` (a folder or a whole site being
/// built), `.course-old-PID-NAME` (a replaced folder on its way out) and `.course-tmp-PID-NAME` (a top-level file
/// before its rename). An item is a leftover when no process PID is running any more; the names of earlier versions
/// of the course (`.staging-NAME-PID`, `.old-NAME-PID`, `.NAME.tmp-PID`) are recognised too. A reused PID keeps a
/// leftover until a later write finds the PID free again, which is safe (nothing is removed that might be in use).
enum SiteLeftovers {
    enum Kind: String, CaseIterable {
        case staging, old, tmp
    }

    /// The hidden name for `name` of kind `kind` in this process.
    static func name(_ kind: Kind, for name: String) -> String {
        ".course-\(kind.rawValue)-\(getpid())-\(name)"
    }

    /// The kind, owner and original name encoded in `entry`, in this version's or an earlier one's format.
    static func parse(_ entry: String) -> (kind: Kind, process: Int32, name: String)? {
        for kind in Kind.allCases {
            let prefix = ".course-\(kind.rawValue)-"
            if entry.hasPrefix(prefix) {
                let rest = entry.dropFirst(prefix.count)
                guard let dash = rest.firstIndex(of: "-"), let process = Int32(rest[..<dash]), process > 0 else {
                    return nil
                }
                return (kind, process, String(rest[rest.index(after: dash)...]))
            }
        }
        // Earlier versions: .staging-DIR-PID and .old-DIR-PID for a course folder, .FILE.tmp-PID for the home page
        // and the style sheet. Only those names: a hidden item of the user's that merely looks alike stays.
        guard let dash = entry.lastIndex(of: "-"), let process = Int32(entry[entry.index(after: dash)...]), process > 0
        else { return nil }
        let stem = entry[..<dash]
        let isCourseFolder = { (name: Substring) in name.hasPrefix("chapter-") || name.hasPrefix("exercises-") }
        if stem.hasPrefix(".staging-"), isCourseFolder(stem.dropFirst(".staging-".count)) {
            return (.staging, process, String(stem.dropFirst(".staging-".count)))
        }
        if stem.hasPrefix(".old-"), isCourseFolder(stem.dropFirst(".old-".count)) {
            return (.old, process, String(stem.dropFirst(".old-".count)))
        }
        if stem == ".index.html.tmp" || stem == ".style.css.tmp" {
            return (.tmp, process, String(stem.dropFirst().dropLast(4)))
        }
        return nil
    }

    /// Whether process `process` is gone (so its temporary items are leftovers).
    static func isGone(_ process: Int32) -> Bool {
        process != getpid() && kill(process, 0) != 0 && errno == ESRCH
    }

    /// Removes the leftovers of dead processes in `folder`. A replaced folder set aside by a write that died before
    /// putting its successor in place (possible only where the exchange rename is unavailable) is moved back.
    /// With `only`, just the items for that name (in the output's parent: the staging of a whole first site).
    static func removeDead(in folder: URL, only: String? = nil) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for entry in entries.sorted() {
            guard let (kind, process, name) = parse(entry), only == nil || (only == name && entry.hasPrefix(".course-")),
                  isGone(process) else { continue }
            let path = folder.appendingPathComponent(entry).path
            let original = folder.appendingPathComponent(name).path
            PendingCleanup.shared.locked {
                if kind == .old, only == nil, !name.contains("/"), lstatExists(original) == false {
                    if rename(path, original) == 0 { return }
                }
                try? FileManager.default.removeItem(atPath: path)
            }
        }
    }

    /// Whether anything (even a dangling link) is at `path`; nil when that cannot be told.
    static func lstatExists(_ path: String) -> Bool? {
        var status = stat()
        if lstat(path, &status) == 0 { return true }
        return errno == ENOENT ? false : nil
    }
}

extension SiteWriter {
    /// The hidden name under which this process builds `name` beside its destination: a later run recognises it as
    /// a leftover once this process is gone (see `removeLeftovers(in:for:)`). For writers of other folders, such as
    /// the student edition.
    public static func stagingName(for name: String) -> String {
        SiteLeftovers.name(.staging, for: name)
    }

    /// Removes from `folder` the hidden items for `name` that writers now dead left behind.
    public static func removeLeftovers(in folder: URL, for name: String) {
        SiteLeftovers.removeDead(in: folder, only: name)
    }
}
