import ExerciseSandbox
import ExerciseWire
import Foundation

/// How a harness process is confined. `grading(hidden:)` is what `exercises grade` uses; `local()` what
/// `exercises check` uses on a student's own machine.
public struct SandboxPolicy: Sendable {
    /// New PID, mount and network namespaces (Linux, as root): see `exercise_sandbox_spec.isolate`.
    public var isolate: Bool
    /// Whether the child becomes a user (and group) of its own, one that no other harness alive has (as root);
    /// otherwise it keeps the grader's.
    public var ownUser: Bool
    /// Folders the child must not see (with `isolate`, covered by empty read-only folders).
    public var hidden: [String]
    /// Limits: CPU seconds (nil: the time limit plus 2 s), address space, processes of the user (only with a user
    /// of its own), bytes of any file written.
    public var cpuSeconds: Int?
    public var addressSpace: Int
    public var processes: Int
    public var fileSize: Int

    /// Root: a user of its own (and, where the kernel allows it, namespaces) hiding `hidden`; otherwise only a new
    /// session and the limits.
    public static func grading(hidden: [String]) -> SandboxPolicy {
        guard geteuid() == 0 else { return local() }
        return SandboxPolicy(isolate: isolationWorks, ownUser: true, hidden: hidden, cpuSeconds: nil,
                             addressSpace: 4 << 30, processes: 64, fileSize: 1 << 20)
    }

    /// A student's own machine: a new session, the time limit, memory and file-size limits, the student's user.
    public static func local() -> SandboxPolicy {
        SandboxPolicy(isolate: false, ownUser: false, hidden: [], cpuSeconds: nil, addressSpace: 8 << 30, processes: 0,
                      fileSize: 64 << 20)
    }

    /// Whether new namespaces can be made here (root on a kernel and container that allow it): tried once.
    static let isolationWorks: Bool = {
        guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/bin/true") else { return false }
        let policy = SandboxPolicy(isolate: true, ownUser: true, hidden: [], cpuSeconds: 5, addressSpace: 0,
                                   processes: 0, fileSize: 0)
        guard let process = try? HarnessProcess(executable: URL(fileURLWithPath: "/bin/true"), arguments: [],
                                                policy: policy, timeout: 5) else { return false }
        let ending = process.stop(grace: .seconds(5))
        process.removeFolder()
        return !ending.signalled && ending.status == 0
    }()
}

/// One harness process: the student's functions behind a pipe, in a sandbox, with a deadline. Every call writes one
/// request and reads one answer of at most `WireProtocol.maximumResponseBytes`; when the process crashes, runs past
/// the deadline or answers out of protocol, the connection fails for good (`breakdown`) and every later call throws.
public final class HarnessProcess: StudentConnection, @unchecked Sendable {
    /// How the process ended, as `stop()` reports it.
    public struct Ending: Sendable, Equatable {
        /// The exit status, or the signal number when `signalled`.
        public let status: Int32
        public let signalled: Bool

        public init(status: Int32, signalled: Bool) {
            self.status = status
            self.signalled = signalled
        }
    }

    /// Why the connection broke, if it did.
    public enum Breakdown: Sendable, Equatable {
        case timedOut
        /// The process closed its output (it crashed or exited).
        case ended
        /// An answer that is not the protocol's.
        case protocolViolation(String)
    }

    private let pid: pid_t
    private let requests: Int32
    private let answers: Int32
    private let deadline: ContinuousClock.Instant
    private let user: Int32?
    /// The lock that makes `user` this harness's alone, released once nothing of that user is left.
    private let lease: SandboxUser?
    private let folder: URL
    private var buffer: [UInt8] = []
    private var ending: Ending?
    public private(set) var breakdown: Breakdown?
    /// What the process wrote on standard error (and what the student's code printed), kept in a file the process
    /// can write through its descriptor but cannot name.
    public let standardError: URL

    /// Copies the harness to `destination` (mode 0755) through a descriptor that is closed on exec: were it
    /// inherited by a child another thread starts meanwhile (a build, another harness, as in a class grading), that
    /// child would hold the copy open for writing and starting it would fail with "Text file busy".
    static func copyExecutable(_ source: URL, to destination: URL) throws {
        let contents = try Data(contentsOf: source)
        // No other thread forks while the copy is open for writing (see `ForkLock`).
        ForkLock.lock.lock()
        defer { ForkLock.lock.unlock() }
        let descriptor = open(destination.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o755)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
        defer { close(descriptor) }
        var written = 0
        try contents.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard let base = buffer.baseAddress else { return }
            while written < buffer.count {
                let count = write(descriptor, base + written, buffer.count - written)
                guard count > 0 else { throw CocoaError(.fileWriteUnknown) }
                written += count
            }
        }
        guard fchmod(descriptor, 0o755) == 0 else { throw CocoaError(.fileWriteNoPermission) }
    }

    /// Starts `executable` with `arguments` under `policy`; `timeout` seconds from now is the deadline of every call.
    /// - Throws: `ExerciseToolError.cannotRun` when the sandbox cannot start it.
    public init(executable: URL, arguments: [String], policy: SandboxPolicy, timeout: Double) throws(ExerciseToolError) {
        exercise_sandbox_ignore_sigpipe()
        deadline = .now + .milliseconds(Int(timeout * 1000))
        lease = policy.ownUser ? SandboxUser.acquire() : nil
        user = lease?.uid
        let manager = FileManager.default
        folder = manager.temporaryDirectory.appendingPathComponent("exercises-sandbox-\(UUID().uuidString)")
        standardError = folder.appendingPathComponent("private/stderr.txt")
        let work = folder.appendingPathComponent("work")
        let binary = folder.appendingPathComponent("bin/harness")
        do {
            // private/ (the grader's only), bin/ (the harness, readable by the sandbox's user), work/ (its own).
            try manager.createDirectory(at: folder.appendingPathComponent("private"), withIntermediateDirectories: true,
                                        attributes: [.posixPermissions: 0o700])
            try manager.setAttributes([.posixPermissions: 0o711], ofItemAtPath: folder.path)
            try manager.createDirectory(at: binary.deletingLastPathComponent(), withIntermediateDirectories: true,
                                        attributes: [.posixPermissions: 0o711])
            try Self.copyExecutable(executable.resolvingSymlinksInPath(), to: binary)
            try manager.createDirectory(at: work, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            if let user { guard chown(work.path, uid_t(user), gid_t(user)) == 0 else { throw CocoaError(.fileWriteNoPermission) } }
            guard manager.createFile(atPath: standardError.path, contents: nil,
                                     attributes: [.posixPermissions: 0o600]) else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? manager.removeItem(at: folder)
            throw .fileSystem(path: folder.path, reason: "cannot prepare the sandbox folder")
        }
        var toChild: [Int32] = [0, 0]
        var fromChild: [Int32] = [0, 0]
        let errorFile = open(standardError.path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard pipe(&toChild) == 0, pipe(&fromChild) == 0, errorFile >= 0 else {
            try? manager.removeItem(at: folder)
            throw .cannotRun(executable.path, reason: "cannot make pipes")
        }
        for fd in [toChild[1], fromChild[0]] {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }
        let environment = ["PATH=/usr/bin:/bin", "LANG=C.UTF-8", "SWIFT_BACKTRACE=enable=no",
                           "HOME=" + (policy.isolate ? "/tmp/work" : work.path),
                           "TMPDIR=" + (policy.isolate ? "/tmp/work" : work.path)]
        let cpu = policy.cpuSeconds ?? Int(timeout.rounded(.up)) + 2
        let (uid, processes) = (user ?? -1, user == nil ? 0 : policy.processes)
        var reason = [CChar](repeating: 0, count: 512)
        let started: pid_t = withCStrings([binary.path] + arguments) { argv in
            withCStrings(environment) { envp in
                withCStrings(policy.hidden) { hidden in
                    binary.path.withCString { path in
                        work.path.withCString { workdir in
                            var spec = exercise_sandbox_spec(
                                executable: path, argv: argv, envp: envp, workdir: workdir,
                                isolate: policy.isolate ? 1 : 0,
                                hidden: UnsafeRawPointer(hidden).assumingMemoryBound(to: UnsafePointer<CChar>?.self),
                                uid: uid, gid: uid, cpu_seconds: cpu,
                                address_space: policy.addressSpace, processes: processes,
                                file_size: policy.fileSize, stdin_fd: toChild[0], stdout_fd: fromChild[1],
                                stderr_fd: errorFile)
                            // Held until the child has exec'd (the spawn waits for it): see `ForkLock`.
                            return ForkLock.lock.withLock { exercise_sandbox_spawn(&spec, &reason, UInt(reason.count)) }
                        }
                    }
                }
            }
        }
        close(toChild[0])
        close(fromChild[1])
        close(errorFile)
        guard started > 0 else {
            close(toChild[1])
            close(fromChild[0])
            try? manager.removeItem(at: folder)
            throw .cannotRun(executable.lastPathComponent, reason: String(decoding: reason.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        pid = started
        requests = toChild[1]
        answers = fromChild[0]
    }

    deinit { _ = stop() }

    public func call(_ function: String, _ arguments: [WireValue]) throws -> Result<WireValue, ThrownError> {
        if let breakdown { throw HarnessFailure(Self.describe(breakdown)) }
        do {
            try send(Array((WireProtocol.request(function, arguments) + "\n").utf8))
            let line = try receiveLine()
            do {
                return try WireProtocol.parseResponse(line)
            } catch {
                throw Breakdown.protocolViolation("answered \(function) out of protocol (\(error.message))")
            }
        } catch let broken as Breakdown {
            breakdown = broken
            if broken != .ended { kill(-pid, SIGKILL) }
            throw HarnessFailure(Self.describe(broken))
        }
    }

    /// Ends the process and everything it started: its session's process group, its PID namespace (when isolated)
    /// and every process of its user (when it has one). Returns how it ended; the first call decides, later calls
    /// repeat it.
    @discardableResult
    public func stop(grace: Duration = .zero) -> Ending {
        if let ending { return ending }
        close(requests)
        close(answers)
        var status: Int32 = 0
        var exited = false
        let until = ContinuousClock.now + grace
        repeat {
            exited = waitpid(pid, &status, WNOHANG) == pid
            if !exited && grace > .zero { usleep(5000) }
        } while !exited && ContinuousClock.now < until
        if !exited {
            kill(-pid, SIGKILL)
            kill(pid, SIGKILL)
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        } else {
            kill(-pid, SIGKILL)  // anything left in its process group
        }
        if let user { _ = exercise_sandbox_kill_user(user, 50) }
        lease?.release()
        let signal = status & 0x7f
        let ended = signal != 0 && signal != 0x7f
            ? Ending(status: signal, signalled: true) : Ending(status: (status >> 8) & 0xff, signalled: false)
        ending = ended
        return ended
    }

    /// How the process ended before we stopped it, when the connection broke because it ended; else nil.
    public var exitBeforeStop: Ending? {
        guard breakdown == .ended else { return nil }
        return stop(grace: .seconds(2))
    }

    /// The last `limit` bytes the process wrote on standard error.
    public func standardErrorTail(limit: Int = 16_384) -> String { ChildProcess.tail(of: standardError, limit: limit) }

    /// Removes the sandbox folder (after `stop()`).
    public func removeFolder() { try? FileManager.default.removeItem(at: folder) }

    private func remainingMilliseconds() throws(Breakdown) -> Int32 {
        let left = deadline - .now
        guard left > .zero else { throw .timedOut }
        let (seconds, attoseconds) = left.components
        return Int32(min(Int64(Int32.max - 1), seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1))
    }

    private func send(_ bytes: [UInt8]) throws(Breakdown) {
        var offset = 0
        while offset < bytes.count {
            var ready = pollfd(fd: requests, events: Int16(POLLOUT), revents: 0)
            let waited = poll(&ready, 1, try remainingMilliseconds())
            if waited < 0 { if errno == EINTR { continue }; throw .ended }
            if waited == 0 { throw .timedOut }
            let written = bytes[offset...].withUnsafeBytes { write(requests, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EAGAIN || errno == EINTR { continue }
                throw .ended
            }
            offset += written
        }
    }

    private func receiveLine() throws(Breakdown) -> ArraySlice<UInt8> {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var searched = 0
        while true {
            if let newline = buffer[searched...].firstIndex(of: 0x0A) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                return line[...]
            }
            searched = buffer.count
            guard buffer.count <= WireProtocol.maximumResponseBytes else {
                throw .protocolViolation("answered with more than \(WireProtocol.maximumResponseBytes >> 20) MB")
            }
            var ready = pollfd(fd: answers, events: Int16(POLLIN), revents: 0)
            let waited = poll(&ready, 1, try remainingMilliseconds())
            if waited < 0 { if errno == EINTR { continue }; throw .ended }
            if waited == 0 { throw .timedOut }
            let count = chunk.withUnsafeMutableBytes { read(answers, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EAGAIN || errno == EINTR { continue }
                throw .ended
            }
            if count == 0 { throw .ended }
            buffer += chunk[..<count]
        }
    }

    static func describe(_ breakdown: Breakdown) -> String {
        switch breakdown {
        case .timedOut: "timed out"
        case .ended: "the harness ended"
        case .protocolViolation(let what): "the harness " + what
        }
    }
}

extension HarnessProcess.Breakdown: Error {}

/// A user id leased to one harness while it runs, so that killing every process of that user kills only what that
/// harness started, whatever other harnesses (of this grader or another on the machine) run at the same time: one
/// of 61000–63999 that is not in the user database, held by an exclusive lock on a file in a folder only root may
/// enter (`exercises-sandbox-users/` in the temporary folder).
final class SandboxUser: @unchecked Sendable {
    let uid: Int32
    private var lock: Int32

    private init(uid: Int32, lock: Int32) {
        self.uid = uid
        self.lock = lock
    }

    /// A free user id, leased until `release()`; nil when none could be locked.
    static func acquire() -> SandboxUser? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("exercises-sandbox-users").path
        _ = mkdir(folder, 0o700)
        var info = stat()
        guard lstat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == geteuid(),
              info.st_mode & 0o077 == 0 else { return nil }
        let start = Int32.random(in: 0..<3000)
        for offset in Int32(0)..<3000 {
            let candidate = 61_000 + (start + offset) % 3000
            guard getpwuid(uid_t(candidate)) == nil else { continue }
            let lock = open("\(folder)/\(candidate)", O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
            guard lock >= 0 else { continue }
            if flock(lock, LOCK_EX | LOCK_NB) == 0 { return SandboxUser(uid: candidate, lock: lock) }
            close(lock)
        }
        return nil
    }

    func release() {
        guard lock >= 0 else { return }
        close(lock)
        lock = -1
    }

    deinit { release() }
}

/// Calls `body` with a NULL-terminated C array of `strings`, valid only during the call.
private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
    let pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) } + [nil]
    defer { for pointer in pointers { free(pointer) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}

/// Serialises, within the grader's process, writing an executable and starting a child. A child inherits every
/// descriptor its parent has open at the fork, close-on-exec ones included until it execs; had another thread a
/// copy of a harness open for writing at that moment, starting that copy would fail with "Text file busy" for as long
/// as the child holds it (seen when a class is graded two at a time). Starting children (the sandbox's spawn, which
/// returns once the child has exec'd, and `ChildProcess.run`) and writing a harness take this lock.
enum ForkLock {
    static let lock = NSLock()
}
