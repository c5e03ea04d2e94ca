import Foundation

/// Runs another program with a time limit, its output going to files, so that nothing it does — crash, loop,
/// flood its output — can stop the caller.
public enum ChildProcess {
    /// Where the child's standard output goes.
    public enum Output: Sendable {
        /// The caller's own standard output (a student's `print`s show while checking).
        case inherit
        /// Discarded.
        case discard
        /// Written to this file (created or truncated).
        case file(URL)
    }

    /// How the child ended.
    public struct Ending: Sendable, Equatable {
        /// The exit status, or the signal number when `signalled`.
        public let status: Int32
        /// Whether a signal stopped it (a crash, or the kill at the time limit).
        public let signalled: Bool
        /// Whether it was killed for running past the time limit.
        public let timedOut: Bool
    }

    /// Runs `executable` with `arguments` in `directory` and waits at most `timeout` seconds (> 0), then kills it
    /// (SIGKILL). Its standard error goes to `errorFile`, its standard output to `output`. `environment` entries
    /// are added to this process's environment.
    /// - Throws: `ExerciseToolError.cannotRun` when the program cannot be started.
    public static func run(
        _ executable: URL, _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:],
        output: Output, errorFile: URL, timeout: Double
    ) throws(ExerciseToolError) -> Ending {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardInput = FileHandle.nullDevice
        let errorHandle: FileHandle
        let outputHandle: FileHandle?
        do {
            errorHandle = try create(errorFile)
            switch output {
            case .inherit: outputHandle = nil
            case .discard: outputHandle = FileHandle.nullDevice
            case .file(let url): outputHandle = try create(url)
            }
        } catch {
            throw .fileSystem(path: errorFile.deletingLastPathComponent().path, reason: "cannot create output files")
        }
        defer {
            try? errorHandle.close()
            if case .file = output { try? outputHandle?.close() }
        }
        process.standardError = errorHandle
        if let outputHandle { process.standardOutput = outputHandle }
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try ForkLock.lock.withLock { try process.run() }
        } catch {
            throw .cannotRun(executable.path, reason: error.localizedDescription)
        }
        let timedOut = finished.wait(timeout: .now() + timeout) == .timedOut
        if timedOut {
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
        }
        return Ending(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                      timedOut: timedOut)
    }

    /// The program `name` found on the `PATH`, or nil.
    public static func onPath(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// The last `limit` bytes of the file at `url` as text (empty when unreadable).
    public static func tail(of url: URL, limit: Int = 16_384) -> String {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return "" }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: size > UInt64(limit) ? size - UInt64(limit) : 0)
        return String(decoding: (try? handle.readToEnd()) ?? Data(), as: UTF8.self)
    }

    private static func create(_ url: URL) throws -> FileHandle {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown)
        }
        return try FileHandle(forWritingTo: url)
    }
}
