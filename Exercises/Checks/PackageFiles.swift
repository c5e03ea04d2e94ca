import Foundation

/// The files of a package folder, read into memory as paths relative to its root, for copying it elsewhere.
public struct PackageFiles: Sendable {
    /// One file: its `/`-separated path from the root, its bytes and its POSIX permissions.
    public struct File: Sendable, Equatable {
        public var path: String
        public var contents: Data
        public var permissions: Int

        /// A file at `path` with `contents` and POSIX `permissions` (e.g. `0o644`).
        public init(path: String, contents: Data, permissions: Int) {
            self.path = path
            self.contents = contents
            self.permissions = permissions
        }
    }

    /// The files, sorted by path.
    public var files: [File]

    /// The given files, sorted by path.
    public init(files: [File]) {
        self.files = files.sorted { $0.path < $1.path }
    }

    /// Reads every regular file under `root` (symbolic links are followed only to files; folders through links are
    /// not entered) except those `skip` rejects; `skip` receives the `/`-separated relative path of each file and
    /// folder, and a rejected folder is not entered.
    /// - Throws: `ExerciseToolError.missingFolder` or `.fileSystem` when something cannot be read.
    public init(root: URL, skip: (String) -> Bool) throws(ExerciseToolError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
            throw .missingFolder(root.path)
        }
        guard isDirectory.boolValue else { throw .notAFolder(root.path) }
        var found: [File] = []
        try Self.collect(root, relative: "", skip: skip, into: &found)
        files = found.sorted { $0.path < $1.path }
    }

    /// Writes the files under `destination`, creating folders as needed; a file whose bytes are already there is left
    /// alone (so a build folder kept there stays up to date cheaply). With `removingOthers`, every other file and
    /// folder under `destination` is removed, except the top-level names in `keeping`.
    public func write(to destination: URL, removingOthers: Bool = false, keeping: Set<String> = [])
        throws(ExerciseToolError)
    {
        let manager = FileManager.default
        if removingOthers {
            let wanted = Set(files.map(\.path))
            let folders = Set(files.flatMap { file in
                let parts = file.path.split(separator: "/").dropLast()
                return parts.indices.map { parts[...($0)].joined(separator: "/") }
            })
            try prune(destination, relative: "", wanted: wanted, folders: folders, keeping: keeping)
        }
        for file in files {
            let url = destination.appendingPathComponent(file.path)
            if manager.contents(atPath: url.path) == file.contents { continue }
            do {
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.contents.write(to: url)
                try manager.setAttributes([.posixPermissions: file.permissions], ofItemAtPath: url.path)
            } catch {
                throw .fileSystem(path: url.path, reason: "cannot write (\(error.localizedDescription))")
            }
        }
    }

    private func prune(_ folder: URL, relative: String, wanted: Set<String>, folders: Set<String>,
                       keeping: Set<String>) throws(ExerciseToolError) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names.sorted() {
            let path = relative.isEmpty ? name : "\(relative)/\(name)"
            let url = folder.appendingPathComponent(name)
            if relative.isEmpty && keeping.contains(name) { continue }
            if folders.contains(path), Self.isFolder(url) {
                try prune(url, relative: path, wanted: wanted, folders: folders, keeping: keeping)
            } else if !wanted.contains(path) || Self.isFolder(url) {
                do { try FileManager.default.removeItem(at: url) } catch {
                    throw .fileSystem(path: url.path, reason: "cannot remove (\(error.localizedDescription))")
                }
            }
        }
    }

    private static func collect(_ folder: URL, relative: String, skip: (String) -> Bool, into found: inout [File])
        throws(ExerciseToolError)
    {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder.path) } catch {
            throw .fileSystem(path: folder.path, reason: "cannot list (\(error.localizedDescription))")
        }
        for name in names {
            let path = relative.isEmpty ? name : "\(relative)/\(name)"
            guard !skip(path) else { continue }
            let url = folder.appendingPathComponent(name)
            let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
            if attributes?[.type] as? FileAttributeType == .typeDirectory {
                try collect(url, relative: path, skip: skip, into: &found)
                continue
            }
            guard isFile(url), let contents = FileManager.default.contents(atPath: url.path) else { continue }
            let permissions = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.posixPermissions] as? Int
            found.append(File(path: path, contents: contents, permissions: permissions ?? 0o644))
        }
    }

    private static func isFile(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    private static func isFolder(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
