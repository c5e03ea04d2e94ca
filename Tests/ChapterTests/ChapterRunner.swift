import Foundation
import Testing

/// Runs a real chapter executable, as a student would, and collects what it printed.
struct ChapterRun {
    let status: Int32
    let standardOutput: String
    let standardError: String
}

enum ChapterRunner {
    /// The built executable `name`: next to the test bundle in the build folder.
    static func executable(_ name: String) throws -> URL {
        var folder = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = folder.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "\(name) next to \(Bundle.main.bundleURL.path)"])
    }

    /// Runs chapter `chapter` (by default 11.2's command) with `arguments`.
    static func run(_ arguments: [String], chapter: String = "chapter-11-2") throws -> ChapterRun {
        let process = Process()
        process.executableURL = try executable(chapter)
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // Read before waiting, so a full pipe cannot stall the child.
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ChapterRun(status: process.terminationStatus,
                          standardOutput: String(decoding: outputData, as: UTF8.self),
                          standardError: String(decoding: errorData, as: UTF8.self))
    }
}

/// A fresh temporary folder, removed when the test is done with it.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("chapter-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ components: String...) -> String {
        components.reduce(url) { $0.appendingPathComponent($1) }.path
    }

    func write(_ name: String, _ contents: String) throws -> String {
        let file = path(name)
        try contents.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Every file below `folder`, by relative path, with its bytes.
    func snapshot(of folder: String) throws -> [String: Data] {
        let root = URL(fileURLWithPath: folder)
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [:] }
        var files: [String: Data] = [:]
        for case let file as URL in enumerator
        where (try file.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            files[String(file.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))] =
                try Data(contentsOf: file)
        }
        return files
    }
}

/// Reads a CSV written by the chapter (plain numbers, no quoting): the header and the rows, empty cells as nil.
func readCSV(_ path: String) throws -> (header: [String], rows: [[Double?]]) {
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    let header = lines.first.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) } ?? []
    let rows = lines.dropFirst().map { line in
        line.split(separator: ",", omittingEmptySubsequences: false).map { Double($0) }
    }
    return (header, rows)
}
