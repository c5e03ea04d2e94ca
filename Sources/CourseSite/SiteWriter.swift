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
        }
    }
}

/// Writes a chapter's files into the site all at once, so a failure never leaves a half-written site.
///
/// Files either lie inside the chapter directory being replaced (`chapter-11-2/…`) or are top-level files
/// (`index.html`, `style.css`). The chapter directory is built in a staging sibling (`OUT/.staging-DIR-PID`) and
/// swapped in with renames (the old one moved to `OUT/.old-DIR-PID`, the new one renamed into place, the old one
/// removed); each top-level file is written to a hidden temporary file and renamed over its target. Any failure before
/// the swap removes the staging files and leaves the existing site untouched. Other chapters' directories are kept.
public enum SiteWriter {
    /// Writes `files` into `outputDirectory` (created with its parents if missing), replacing the whole of
    /// `replacingDirectory` (a single folder name such as `chapter-11-2`) with the files under it: stale files there
    /// disappear.
    public static func write(
        _ files: [SiteFile], to outputDirectory: URL, replacingDirectory directory: String
    ) throws(SiteWriteError) {
        let output = outputDirectory.standardizedFileURL
        try checkDirectoryName(directory)
        let (chapterFiles, topLevelFiles) = try partition(files, directory: directory)
        try prepare(output)

        let process = ProcessInfo.processInfo.processIdentifier
        let target = output.appendingPathComponent(directory, isDirectory: true)
        let staging = output.appendingPathComponent(".staging-\(directory)-\(process)", isDirectory: true)
        let aside = output.appendingPathComponent(".old-\(directory)-\(process)", isDirectory: true)
        removeIfPresent(staging)
        removeIfPresent(aside)

        var temporaries: [(temporary: URL, destination: URL)] = []
        do throws(SiteWriteError) {
            try makeDirectory(staging, reportedAs: target.path)
            for file in chapterFiles {
                let relative = String(file.path.dropFirst(directory.count + 1))
                try writeFile(file.contents, to: staging.appendingPathComponent(relative),
                              reportedAs: target.appendingPathComponent(relative).path)
            }
            for file in topLevelFiles {
                let destination = output.appendingPathComponent(file.path)
                guard !isDirectory(destination) else {
                    throw .writeFailed(path: destination.path, reason: "a directory is in the way")
                }
                let temporary = output.appendingPathComponent(".\(file.path).tmp-\(process)")
                temporaries.append((temporary, destination))
                try writeFile(file.contents, to: temporary, reportedAs: destination.path)
            }
        } catch {
            removeIfPresent(staging)
            temporaries.forEach { removeIfPresent($0.temporary) }
            throw error
        }

        let hadOldDirectory = exists(target)
        if hadOldDirectory, let reason = rename(target, to: aside) {
            removeIfPresent(staging)
            temporaries.forEach { removeIfPresent($0.temporary) }
            throw .writeFailed(path: target.path, reason: reason)
        }
        if let reason = rename(staging, to: target) {
            if hadOldDirectory {
                _ = rename(aside, to: target)
            }
            removeIfPresent(staging)
            temporaries.forEach { removeIfPresent($0.temporary) }
            throw .writeFailed(path: target.path, reason: reason)
        }
        removeIfPresent(aside)
        for (index, file) in temporaries.enumerated() {
            if let reason = rename(file.temporary, to: file.destination) {
                temporaries[index...].forEach { removeIfPresent($0.temporary) }
                throw .writeFailed(path: file.destination.path, reason: reason)
            }
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
        _ files: [SiteFile], directory: String
    ) throws(SiteWriteError) -> (chapter: [SiteFile], topLevel: [SiteFile]) {
        var seen: Set<String> = []
        var chapter: [SiteFile] = []
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
                guard file.path != directory, !file.path.hasPrefix(".") else {
                    throw .invalidPath(path: file.path, reason: "top-level file name is reserved")
                }
                topLevel.append(file)
            } else if components[0] == directory {
                chapter.append(file)
            } else {
                throw .invalidPath(path: file.path, reason: "file is outside the replaced directory \(directory)")
            }
        }
        return (chapter, topLevel)
    }

    private static func prepare(_ output: URL) throws(SiteWriteError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: output.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .outputIsFile(path: output.path) }
            return
        }
        do {
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreateOutput(path: output.path, reason: creationFailure(for: output, error: error))
        }
    }

    /// Why `directory` could not be created: its nearest existing ancestor is a file, or is not writable, or else
    /// the system's description of `error`.
    private static func creationFailure(for directory: URL, error: any Error) -> String {
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
        return reason(for: error)
    }

    private static func makeDirectory(_ url: URL, reportedAs path: String) throws(SiteWriteError) {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw .writeFailed(path: path, reason: reason(for: error))
        }
    }

    private static func writeFile(_ contents: Data, to url: URL, reportedAs path: String) throws(SiteWriteError) {
        try makeDirectory(url.deletingLastPathComponent(), reportedAs: path)
        guard !isDirectory(url) else {
            throw .writeFailed(path: path, reason: "a directory is in the way")
        }
        do {
            try contents.write(to: url)
        } catch {
            throw .writeFailed(path: path, reason: reason(for: error))
        }
    }

    /// Renames with POSIX `rename(2)` (atomic, replaces an existing file); returns the failure reason, or `nil`.
    private static func rename(_ source: URL, to destination: URL) -> String? {
        Foundation.rename(source.path, destination.path) == 0 ? nil : String(cString: strerror(errno))
    }

    private static func exists(_ url: URL) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: url.path)) != nil
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Removes a staging or set-aside item; a failure leaves only a hidden leftover and is not reported.
    private static func removeIfPresent(_ url: URL) {
        guard exists(url) else { return }
        try? FileManager.default.removeItem(at: url)
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
