import Foundation

/// The grader's scratch folder: made by the tool, marked as such, and the only kind of folder grading ever clears.
///
/// A folder is accepted when it does not exist yet (it is created), is empty, or holds the marker file
/// `.exercises-scratch` a previous grading left at its top; the marker is written in the first two cases. Any other
/// folder (a folder of notes, a `.git`, a home folder given by mistake) is refused before anything in it is touched.
public enum ScratchFolder {
    /// The marker file's name, at the top of every scratch folder the tool made.
    public static let markerName = ".exercises-scratch"
    static let markerText = "A scratch folder of `exercises grade`: it may clear everything in this folder.\n"

    /// Makes `folder` ready for grading: creates it (private to this user) and marks it, or checks its marker.
    /// - Throws: `.notAFolder` for a file, `.foreignScratch` for a non-empty folder without the marker, `.fileSystem`
    ///   when it cannot be created or marked.
    public static func prepare(_ folder: URL) throws(ExerciseToolError) {
        let manager = FileManager.default
        let marker = folder.appendingPathComponent(markerName)
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: folder.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw .notAFolder(folder.path) }
            let names: [String]
            do { names = try manager.contentsOfDirectory(atPath: folder.path) } catch {
                throw .fileSystem(path: folder.path, reason: "cannot list the scratch folder")
            }
            if names.contains(markerName), isRegularFile(marker) { return }
            guard names.isEmpty else { throw .foreignScratch(folder.path) }
        }
        do {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            try manager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder.path)
            try Data(markerText.utf8).write(to: marker)
        } catch {
            throw .fileSystem(path: folder.path, reason: "cannot create the grading folder")
        }
    }

    private static func isRegularFile(_ url: URL) -> Bool {
        var info = stat()
        return lstat(url.path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }
}
