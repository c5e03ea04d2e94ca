import Foundation

/// The two renames POSIX lacks: exchanging two paths, and renaming without replacing. Linux has both in
/// `renameat2(2)` (glibc 2.28; looked up at run time, since the Swift Glibc module does not declare it), macOS in
/// `renamex_np(2)`. Each returns nil when the system offers no such call, or else the call's result (0 on success,
/// −1 with `errno` set).
enum FileSystemCalls {
    /// Atomically swaps the entries at `first` and `second` (both must exist).
    static func exchange(_ first: String, _ second: String) -> Int32? {
        #if canImport(Darwin)
        return renamex_np(first, second, UInt32(RENAME_SWAP))
        #else
        return renameat2(first, second, flags: 2)  // RENAME_EXCHANGE
        #endif
    }

    /// Renames `source` to `destination`, failing with EEXIST if anything is at `destination`.
    static func renameNoReplace(_ source: String, _ destination: String) -> Int32? {
        #if canImport(Darwin)
        return renamex_np(source, destination, UInt32(RENAME_EXCL))
        #else
        return renameat2(source, destination, flags: 1)  // RENAME_NOREPLACE
        #endif
    }

    #if !canImport(Darwin)
    private typealias RenameAt2 = @convention(c) (
        Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32
    ) -> Int32

    private static let renameAt2: RenameAt2? = {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
    }()

    /// nil when the C library or the file system cannot do it (then the caller falls back to plain renames).
    private static func renameat2(_ source: String, _ destination: String, flags: UInt32) -> Int32? {
        guard let call = renameAt2 else { return nil }
        let result = call(AT_FDCWD, source, AT_FDCWD, destination, flags)
        if result != 0, errno == ENOSYS || errno == EINVAL { return nil }
        return result
    }
    #endif
}
