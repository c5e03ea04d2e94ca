import Foundation

/// The course's workspace as grading sees it: the files a submission is expected to hold, by name, the student
/// edition's version of each (its stub), and which exercise each file belongs to.
///
/// A file named `Exercise11_2_1.swift` is exercise `11.2-1`'s, `ExerciseEarlier_3.swift` is `11.2-E3`'s; any other
/// file (`ExerciseError.swift`, `Exercise11_2_Errors.swift`) is shared support that no exercise owns.
public struct CourseWorkspace: Sendable {
    /// The expected file names, sorted.
    public let names: [String]
    /// The student edition's text of each file (solution blocks replaced by stubs), by name.
    public let stubs: [String: Data]

    /// The workspace of the package at `packageRoot` (`Exercises/Workspace/*.swift`).
    /// - Throws: `ExerciseToolError.fileSystem` when it cannot be read, `.markers` for an unbalanced marker.
    public init(packageRoot: URL) throws(ExerciseToolError) {
        let folder = packageRoot.appendingPathComponent("Exercises/Workspace")
        let files = try PackageFiles(root: folder) { path in path.hasPrefix(".") }.files
            .filter { $0.path.hasSuffix(".swift") && !$0.path.contains("/") }
        var stubs: [String: Data] = [:]
        for file in files {
            let text = String(decoding: file.contents, as: UTF8.self)
            stubs[file.path] = Data(try ReleaseTransform.stubSolutions(text, file: "Exercises/Workspace/" + file.path).utf8)
        }
        guard !stubs.isEmpty else { throw .fileSystem(path: folder.path, reason: "holds no .swift file") }
        self.names = stubs.keys.sorted()
        self.stubs = stubs
    }

    /// The exercise whose file `name` is (`Exercise11_2_1.swift` → `11.2-1`, `ExerciseEarlier_3.swift` →
    /// `11.2-E3`), or nil for a shared file.
    public static func exerciseID(ofFile name: String) -> String? {
        guard name.hasSuffix(".swift") else { return nil }
        let stem = name.dropLast(".swift".count)
        if stem.hasPrefix("ExerciseEarlier_"), let number = Int(stem.dropFirst("ExerciseEarlier_".count)) {
            return "11.2-E\(number)"
        }
        guard stem.hasPrefix("Exercise") else { return nil }
        let parts = stem.dropFirst("Exercise".count).split(separator: "_")
        guard parts.count == 3, parts.allSatisfy({ Int($0) != nil }) else { return nil }
        return "\(parts[0]).\(parts[1])-\(parts[2])"
    }

    /// The file of exercise `id` among the expected ones, or nil (a written answer has none).
    public func file(of id: String) -> String? {
        names.first { Self.exerciseID(ofFile: $0) == id }
    }
}
