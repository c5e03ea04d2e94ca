import Dispatch
import Foundation

/// The hidden staging files and folders of a site write in progress, removed if the process is interrupted.
///
/// The first registration installs handlers for SIGINT, SIGTERM and SIGHUP (on a dispatch queue, not in a signal
/// handler, so the clean-up may use the file system freely). On such a signal the handler takes the lock, removes
/// every registered path, and then terminates the process by the same signal, so the caller sees the usual status.
/// Every step that changes a registered path runs under the same lock (`locked`), so the clean-up never races a
/// rename: it sees each path either before or after a step, never during one. A SIGKILL cannot be handled; the next
/// write recognises those leftovers by the dead process in their names (see `SiteLeftovers`).
public final class PendingCleanup: @unchecked Sendable {
    /// The process's one registry.
    public static let shared = PendingCleanup()

    private let lock = NSLock()
    private var paths: [String] = []
    /// Folders created for the output's parents, removed (when empty) after `paths`, newest first.
    private var createdFolders: [String] = []
    private var sources: [any DispatchSourceSignal] = []

    /// Runs `body` with the registry locked: a signal's clean-up waits for it, and then finds a consistent state.
    public func locked<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Marks `path` (a file or folder) for removal if the process is interrupted. Call inside `locked`.
    public func register(_ path: String) {
        installHandlersOnce()
        paths.append(path)
    }

    /// Marks an empty folder this process created, to remove (if still empty) on interruption. Call inside `locked`.
    public func registerCreatedFolder(_ path: String) {
        installHandlersOnce()
        createdFolders.append(path)
    }

    /// Forgets `path`: it was removed, or it now holds the published site. Call inside `locked`.
    public func unregister(_ path: String) {
        paths.removeAll { $0 == path }
        createdFolders.removeAll { $0 == path }
    }

    /// Removes every registered path (folders created for parents last, only when empty). Call inside `locked`.
    func removeAll() {
        for path in paths.reversed() {
            try? FileManager.default.removeItem(atPath: path)
        }
        for folder in createdFolders.reversed() {
            rmdir(folder)
        }
        paths = []
        createdFolders = []
    }

    private func installHandlersOnce() {
        guard sources.isEmpty else { return }
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [unowned self] in self.terminate(by: signalNumber) }
            source.resume()
            sources.append(source)
        }
    }

    /// Cleans up under the lock (held until the end: the writing thread must not take another step) and dies by
    /// `signalNumber` with its default action.
    private func terminate(by signalNumber: Int32) -> Never {
        lock.lock()
        removeAll()
        signal(signalNumber, SIG_DFL)
        kill(getpid(), signalNumber)
        _exit(128 + signalNumber)
    }
}
