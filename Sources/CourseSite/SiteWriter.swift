import Foundation

/// One file of the site, held in memory until the whole site is written.
public struct SiteFile: Sendable, Equatable {
    /// The path relative to the output directory, `/`-separated, e.g. `chapter-11-2/data/points.csv` or `index.html`.
    public let path: String
    /// The file's bytes.
    public let contents: Data

    /// A file with the given bytes.
    public init(path: String, contents: Data) {
        self.path = path
        self.contents = contents
    }

    /// A text file, stored as UTF-8.
    public init(path: String, contents: String) {
        self.init(path: path, contents: Data(contents.utf8))
    }
}

/// Why the site could not be written. Each message is one line naming the path concerned.
public enum SiteWriteError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The output path exists and is not a directory.
    case outputIsFile(path: String)
    /// The output directory did not exist and could not be created.
    case cannotCreateOutput(path: String, reason: String)
    /// A file path is absolute or contains `..`, so it would land outside the output directory.
    case pathEscapesOutput(path: String)
    /// A file path or directory name the writer does not accept; `reason` says why.
    case invalidPath(path: String, reason: String)
    /// Two files have the same path.
    case duplicatePath(path: String)
    /// Writing, or swapping in, a file or directory failed.
    case writeFailed(path: String, reason: String)
    /// A path the write would replace was not written by this course, or cannot be examined to tell.
    case foreignPath(path: String, reason: String)

    /// One line naming the path and the problem.
    public var description: String {
        switch self {
        case .outputIsFile(let path):
            return "\(path): output path exists and is not a directory"
        case .cannotCreateOutput(let path, let reason):
            return "\(path): cannot create output directory (\(reason))"
        case .pathEscapesOutput(let path):
            return "\(path): file path must stay inside the output directory (no absolute paths, no ..)"
        case .invalidPath(let path, let reason):
            return "\(path): \(reason)"
        case .duplicatePath(let path):
            return "\(path): the same file is written twice"
        case .writeFailed(let path, let reason):
            return "\(path): cannot write (\(reason))"
        case .foreignPath(let path, let reason):
            return "\(path): \(reason); the course replaces only what it wrote: move it away or choose another --out folder"
        }
    }
}

/// Writes a chapter's files into the site all at once, so a failure or a kill never leaves a half-written site.
///
/// Files either lie inside one of the folders being replaced (`chapter-11-2/…`) or are top-level files
/// (`index.html`, `style.css`). Before anything is written, every path to be replaced must be absent or the course's
/// own (`SiteOwnership`): a folder or file of someone else's, or one that cannot be read, stops the write with a
/// one-line error naming it. Leftovers of interrupted writes (`SiteLeftovers`) are removed first.
///
/// Each folder is built in a hidden staging sibling and published in one step: a new folder by a rename, an existing
/// one by exchanging the two (`renameat2(RENAME_EXCHANGE)` on Linux, `renamex_np(RENAME_SWAP)` on macOS), after which
/// the old contents, now under the staging name, are removed. New folders come first and the existing ones next,
/// then each top-level file is renamed over its target: at every instant each path holds either its old or its new
/// version, whole. When the output folder does not exist yet, the whole site is built in a hidden sibling and
/// renamed into place, so a failed first write leaves nothing (not even an empty folder). SIGINT, SIGTERM and SIGHUP
/// remove the hidden items before the process ends (`PendingCleanup`).
public enum SiteWriter {
    /// Writes `files` into `outputDirectory` (created with its parents if missing), replacing the whole of
    /// `replacingDirectory` (a single folder name such as `chapter-11-2`) with the files under it: stale files there
    /// disappear.
    public static func write(
        _ files: [SiteFile], to outputDirectory: URL, replacingDirectory directory: String
    ) throws(SiteWriteError) {
        try write(files, to: outputDirectory, replacingDirectories: [directory])
    }

    /// Writes `files` into `outputDirectory` in one transaction, replacing each folder of `directories` (plain names)
    /// whole with the files under it; see the type's description.
    public static func write(
        _ files: [SiteFile], to outputDirectory: URL, replacingDirectories directories: [String]
    ) throws(SiteWriteError) {
        let output = outputDirectory.standardizedFileURL
        for directory in directories { try checkDirectoryName(directory) }
        let (byDirectory, topLevelFiles) = try partition(files, directories: directories)
        if try outputExists(output) {
            try writeInto(output, byDirectory: byDirectory, topLevelFiles: topLevelFiles, directories: directories)
        } else {
            try writeFirstSite(output, byDirectory: byDirectory, topLevelFiles: topLevelFiles, directories: directories)
        }
    }

    /// Writes into an existing output folder: stage, check, publish.
    private static func writeInto(
        _ output: URL, byDirectory: [String: [SiteFile]], topLevelFiles: [SiteFile], directories: [String]
    ) throws(SiteWriteError) {
        SiteLeftovers.removeDead(in: output)
        let homeIsOurs = SiteOwnership.homeIsOurs(in: output)
        for directory in directories {
            try SiteOwnership.checkFolder(output.appendingPathComponent(directory))
        }
        for file in topLevelFiles {
            try SiteOwnership.checkTopLevelFile(output.appendingPathComponent(file.path), homeIsOurs: homeIsOurs)
        }
        var staged: [(staging: URL, target: URL, existed: Bool)] = []
        var temporaries: [(temporary: URL, destination: URL)] = []
        let cleanup = PendingCleanup.shared
        func abandon() {
            cleanup.locked {
                for item in staged.map(\.staging) + temporaries.map(\.temporary) {
                    try? FileManager.default.removeItem(at: item)
                    cleanup.unregister(item.path)
                }
            }
        }
        do throws(SiteWriteError) {
            for directory in directories {
                let target = output.appendingPathComponent(directory, isDirectory: true)
                let staging = output.appendingPathComponent(SiteLeftovers.name(.staging, for: directory))
                let existed = try SiteOwnership.kind(of: target) != nil
                staged.append((staging, target, existed))
                if let reason = makeStaging(staging) { throw .writeFailed(path: target.path, reason: reason) }
                for file in byDirectory[directory] ?? [] {
                    let relative = String(file.path.dropFirst(directory.count + 1))
                    try writeFile(file.contents, to: staging.appendingPathComponent(relative),
                                  reportedAs: target.appendingPathComponent(relative).path)
                }
            }
            for file in topLevelFiles {
                let destination = output.appendingPathComponent(file.path)
                let temporary = output.appendingPathComponent(SiteLeftovers.name(.tmp, for: file.path))
                cleanup.locked { cleanup.register(temporary.path) }
                temporaries.append((temporary, destination))
                try writeFile(file.contents, to: temporary, reportedAs: destination.path)
            }
            // New folders first (nothing links them yet), then the replaced ones, then the home page and style sheet.
            for item in staged.filter({ !$0.existed }) + staged.filter(\.existed) {
                try cleanup.locked { () throws(SiteWriteError) in
                    if item.existed {
                        if let reason = exchange(item.staging, item.target) {
                            throw .writeFailed(path: item.target.path, reason: reason)
                        }
                    } else {
                        if let reason = renameWithoutReplacing(item.staging, to: item.target) {
                            throw .writeFailed(path: item.target.path, reason: reason)
                        }
                        cleanup.unregister(item.staging.path)
                    }
                }
            }
            for item in temporaries {
                try cleanup.locked { () throws(SiteWriteError) in
                    if let reason = rename(item.temporary, to: item.destination) {
                        throw .writeFailed(path: item.destination.path, reason: reason)
                    }
                    cleanup.unregister(item.temporary.path)
                }
            }
        } catch {
            abandon()
            throw error
        }
        // The staging names of replaced folders now hold their old contents.
        abandon()
    }

    /// Builds the whole site in a hidden sibling of `output` and renames it into place.
    private static func writeFirstSite(
        _ output: URL, byDirectory: [String: [SiteFile]], topLevelFiles: [SiteFile], directories: [String]
    ) throws(SiteWriteError) {
        let parent = output.deletingLastPathComponent()
        SiteLeftovers.removeDead(in: parent, only: output.lastPathComponent)
        let cleanup = PendingCleanup.shared
        var created: [URL] = []
        let staging = parent.appendingPathComponent(SiteLeftovers.name(.staging, for: output.lastPathComponent))
        func abandon() {
            cleanup.locked {
                try? FileManager.default.removeItem(at: staging)
                cleanup.unregister(staging.path)
                for folder in created.reversed() {
                    rmdir(folder.path)
                    cleanup.unregister(folder.path)
                }
            }
        }
        do throws(SiteWriteError) {
            created = try createAncestors(of: output)
            if let reason = makeStaging(staging) {
                throw .cannotCreateOutput(path: output.path, reason: creationFailure(for: output, fallback: reason))
            }
            for file in byDirectory.values.joined() + topLevelFiles {
                try writeFile(file.contents, to: staging.appendingPathComponent(file.path),
                              reportedAs: output.appendingPathComponent(file.path).path)
            }
            try cleanup.locked { () throws(SiteWriteError) in
                if let reason = renameWithoutReplacing(staging, to: output) {
                    throw .writeFailed(path: output.path, reason: reason)
                }
                cleanup.unregister(staging.path)
                created.forEach { cleanup.unregister($0.path) }
            }
        } catch {
            abandon()
            throw error
        }
    }

    /// The chapters present in the site at `outputDirectory`: the paths `chapter-X/index.html` (relative to the
    /// output directory) of every folder named `chapter-…` holding an `index.html` file that is not a placeholder
    /// (a page containing `Page.placeholderMarker`). Empty when the directory does not exist or cannot be listed.
    public static func existingChapters(in outputDirectory: URL) -> Set<String> {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: outputDirectory.path)) ?? []
        let paths = names.filter { $0.hasPrefix("chapter-") }.map { "\($0)/index.html" }.filter { path in
            let index = outputDirectory.appendingPathComponent(path).path
            guard !isDirectory(URL(fileURLWithPath: index)), let page = FileManager.default.contents(atPath: index)
            else { return false }
            return !String(decoding: page, as: UTF8.self).contains(Page.placeholderMarker)
        }
        return Set(paths)
    }

    private static func checkDirectoryName(_ directory: String) throws(SiteWriteError) {
        guard !directory.isEmpty, !directory.contains("/"), !directory.hasPrefix(".") else {
            throw .invalidPath(path: directory, reason: "the replaced directory must be one plain folder name")
        }
    }

    private static func partition(
        _ files: [SiteFile], directories: [String]
    ) throws(SiteWriteError) -> (byDirectory: [String: [SiteFile]], topLevel: [SiteFile]) {
        var seen: Set<String> = []
        var byDirectory: [String: [SiteFile]] = [:]
        var topLevel: [SiteFile] = []
        for file in files {
            let components = file.path.split(separator: "/", omittingEmptySubsequences: false)
            guard !file.path.hasPrefix("/"), !components.contains("..") else {
                throw .pathEscapesOutput(path: file.path)
            }
            guard !components.contains(where: { $0.isEmpty || $0 == "." }) else {
                throw .invalidPath(path: file.path, reason: "file path has an empty or '.' component")
            }
            guard seen.insert(file.path).inserted else {
                throw .duplicatePath(path: file.path)
            }
            if components.count == 1 {
                guard !directories.contains(file.path), !file.path.hasPrefix(".") else {
                    throw .invalidPath(path: file.path, reason: "top-level file name is reserved")
                }
                topLevel.append(file)
            } else if directories.contains(String(components[0])) {
                byDirectory[String(components[0]), default: []].append(file)
            } else {
                throw .invalidPath(path: file.path, reason: "file is outside the replaced directory "
                    + directories.joined(separator: ", "))
            }
        }
        return (byDirectory, topLevel)
    }

    /// Whether the output folder exists. - Throws: `outputIsFile` when something else is there.
    private static func outputExists(_ output: URL) throws(SiteWriteError) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: output.path, isDirectory: &isDirectory) else {
            if SiteLeftovers.lstatExists(output.path) == true {
                throw .foreignPath(path: output.path, reason: "is a symbolic link to nothing")
            }
            return false
        }
        guard isDirectory.boolValue else { throw .outputIsFile(path: output.path) }
        return true
    }

    /// Creates the missing parents of `output` (registered for removal if interrupted), outermost first.
    private static func createAncestors(of output: URL) throws(SiteWriteError) -> [URL] {
        var missing: [URL] = []
        var folder = output.deletingLastPathComponent()
        while SiteLeftovers.lstatExists(folder.path) == false, folder.path != "/" {
            missing.insert(folder, at: 0)
            folder = folder.deletingLastPathComponent()
        }
        var created: [URL] = []
        for folder in missing {
            let made = PendingCleanup.shared.locked {
                guard mkdir(folder.path, 0o777) == 0 else { return false }
                PendingCleanup.shared.registerCreatedFolder(folder.path)
                return true
            }
            guard made else {
                let reason = creationFailure(for: output, fallback: String(cString: strerror(errno)))
                created.reversed().forEach { rmdir($0.path) }
                throw .cannotCreateOutput(path: output.path, reason: reason)
            }
            created.append(folder)
        }
        return created
    }

    /// Why `directory` could not be created: its nearest existing ancestor is a file, or is not writable, or else
    /// `fallback`, the system's reason.
    private static func creationFailure(for directory: URL, fallback: String) -> String {
        var ancestor = directory.deletingLastPathComponent()
        while !exists(ancestor) && ancestor.path != "/" {
            ancestor = ancestor.deletingLastPathComponent()
        }
        if !isDirectory(ancestor) {
            return "\(ancestor.path) is a file, not a directory"
        }
        if !FileManager.default.isWritableFile(atPath: ancestor.path) {
            return "permission denied in \(ancestor.path)"
        }
        return fallback
    }

    /// Creates the staging folder `url`, registered for removal if the process is interrupted; returns the
    /// failure reason, or nil.
    private static func makeStaging(_ url: URL) -> String? {
        PendingCleanup.shared.locked {
            guard mkdir(url.path, 0o777) == 0 else { return String(cString: strerror(errno)) }
            PendingCleanup.shared.register(url.path)
            return nil
        }
    }

    /// Writes one file inside a registered staging folder (under the lock, so an interruption never races it).
    private static func writeFile(_ contents: Data, to url: URL, reportedAs path: String) throws(SiteWriteError) {
        try PendingCleanup.shared.locked { () throws(SiteWriteError) in
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                        withIntermediateDirectories: true)
            } catch {
                throw .writeFailed(path: path, reason: reason(for: error))
            }
            guard !isDirectory(url) else {
                throw .writeFailed(path: path, reason: "a directory is in the way")
            }
            do {
                try contents.write(to: url)
            } catch {
                throw .writeFailed(path: path, reason: reason(for: error))
            }
        }
    }

    /// Renames with POSIX `rename(2)` (atomic, replaces an existing file); returns the failure reason, or `nil`.
    private static func rename(_ source: URL, to destination: URL) -> String? {
        Foundation.rename(source.path, destination.path) == 0 ? nil : String(cString: strerror(errno))
    }

    /// Renames a folder to a name where nothing is; never replaces anything.
    private static func renameWithoutReplacing(_ source: URL, to destination: URL) -> String? {
        if let result = FileSystemCalls.renameNoReplace(source.path, destination.path) {
            return result == 0 ? nil : String(cString: strerror(errno))
        }
        guard SiteLeftovers.lstatExists(destination.path) == false else { return "something else appeared there" }
        return rename(source, to: destination)
    }

    /// Swaps two folders in one step; where the system cannot, sets the old one aside (as a `.course-old` leftover
    /// that a later write moves back if this one dies before the second rename) and renames the new one in.
    private static func exchange(_ staging: URL, _ target: URL) -> String? {
        if let result = FileSystemCalls.exchange(staging.path, target.path), result == 0 { return nil }
        let aside = target.deletingLastPathComponent()
            .appendingPathComponent(SiteLeftovers.name(.old, for: target.lastPathComponent))
        PendingCleanup.shared.register(aside.path)
        if let reason = rename(target, to: aside) { return reason }
        if let reason = rename(staging, to: target) {
            _ = rename(aside, to: target)
            return reason
        }
        // Now the old contents are under `aside`; the caller removes `staging`, which is gone: move them there.
        _ = rename(aside, to: staging)
        PendingCleanup.shared.unregister(aside.path)
        return nil
    }

    private static func exists(_ url: URL) -> Bool {
        SiteLeftovers.lstatExists(url.path) == true
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    private static func reason(for error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        switch (error as? CocoaError)?.code {
        case .fileWriteNoPermission?, .fileReadNoPermission?: return "permission denied"
        case .fileWriteOutOfSpace?: return "no space left on device"
        case .fileWriteVolumeReadOnly?: return "read-only file system"
        default: return nsError.localizedDescription
        }
    }
}
