import Foundation

/// Zip archives, read and written by the course's own code (PKWARE's APPNOTE.TXT, without ZIP64, encryption or
/// spanning): reading a student's upload, and writing the Gradescope autograder bundle.
///
/// Reading trusts nothing in the archive. It is bounded — `ZipReader.Limits`: the archive's size, the number of
/// entries, each entry's size once decompressed and the total (so a zip bomb stops at the cap) — and it refuses, one
/// line each, the entries that could land outside the folder they are read into (an absolute path, a `..`, a drive
/// letter), symbolic links and other special files, encrypted entries, and methods other than stored (0) and
/// deflate (8). Every entry's CRC-32 is checked against its data.
public struct ZipReader: Sendable {
    /// The bounds of reading one archive.
    public struct Limits: Sendable {
        /// The largest archive read, in bytes.
        public var archiveBytes = 64 << 20
        /// The most entries the central directory may list.
        public var entries = 10_000
        /// The largest entry once decompressed.
        public var entryBytes = 1 << 20
        /// The most bytes decompressed from one archive in all.
        public var totalBytes = 16 << 20

        public init() {}
    }

    /// One entry of the central directory: its cleaned path (`/`-separated, never absolute, never with `..`) or
    /// why it is refused.
    public struct Entry: Sendable, Equatable {
        /// The path as the archive spells it (for messages), control characters removed.
        public let name: String
        /// The path's components, safe to join under a folder; empty when `refusal` is set.
        public let components: [String]
        /// Whether the entry is a folder (its name ends with `/`).
        public let isFolder: Bool
        /// Why the entry is not read (a link, `..`, an unknown method), or nil.
        public let refusal: String?
        /// The Unix permission bits an archiver made on Unix recorded (0o755 for a script), else 0.
        public let permissions: Int
        let method: UInt16
        let crc: UInt32
        let compressedSize: Int
        let size: Int
        let localHeaderOffset: Int
    }

    /// The entries, in the central directory's order.
    public let entries: [Entry]
    private let bytes: [UInt8]
    private let limits: Limits

    /// Reads the central directory of the archive at `url` (not following a symbolic link).
    /// - Throws: `ZipError` when the file is not a zip this reader takes (too large, no central directory, ZIP64,
    ///   too many entries, a directory that runs past the file).
    public init(contentsOf url: URL, limits: Limits = Limits()) throws(ZipError) {
        let descriptor = open(url.path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable("cannot be opened (a link or not a file?)") }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw .unreadable("not a regular file")
        }
        guard info.st_size <= off_t(limits.archiveBytes) else { throw .tooLarge(limits.archiveBytes) }
        let data = (try? handle.read(upToCount: limits.archiveBytes + 1)) ?? Data()
        try self.init(bytes: [UInt8](data), limits: limits)
    }

    /// Reads the central directory of the archive `bytes`.
    /// - Throws: `ZipError` (see `init(contentsOf:limits:)`).
    public init(bytes: [UInt8], limits: Limits = Limits()) throws(ZipError) {
        guard bytes.count <= limits.archiveBytes else { throw .tooLarge(limits.archiveBytes) }
        self.bytes = bytes
        self.limits = limits
        // The end-of-central-directory record: 22 bytes plus a comment of at most 65 535, at the end.
        let lowest = Swift.max(0, bytes.count - 22 - 0xFFFF)
        var end: Int?
        var index = bytes.count - 22
        while index >= lowest {
            if Self.uint32(bytes, index) == 0x0605_4B50 {
                end = index
                break
            }
            index -= 1
        }
        guard let end else { throw .notAZip }
        let count = Int(Self.uint16(bytes, end + 10))
        let directorySize = Int(Self.uint32(bytes, end + 12))
        let directoryOffset = Int(Self.uint32(bytes, end + 16))
        guard count != 0xFFFF, directorySize != 0xFFFF_FFFF, directoryOffset != 0xFFFF_FFFF else { throw .zip64 }
        guard count <= limits.entries else { throw .tooManyEntries(limits.entries) }
        guard directoryOffset + directorySize <= end else { throw .malformed("the central directory runs past its end") }
        var entries: [Entry] = []
        var offset = directoryOffset
        for _ in 0..<count {
            guard offset + 46 <= end, Self.uint32(bytes, offset) == 0x0201_4B50 else {
                throw .malformed("a central directory entry is damaged")
            }
            let madeBy = Self.uint16(bytes, offset + 4) >> 8
            let flags = Self.uint16(bytes, offset + 8)
            let method = Self.uint16(bytes, offset + 10)
            let crc = Self.uint32(bytes, offset + 16)
            let compressedSize = Int(Self.uint32(bytes, offset + 20))
            let size = Int(Self.uint32(bytes, offset + 24))
            let nameLength = Int(Self.uint16(bytes, offset + 28))
            let extraLength = Int(Self.uint16(bytes, offset + 30))
            let commentLength = Int(Self.uint16(bytes, offset + 32))
            let external = Self.uint32(bytes, offset + 38)
            let localHeaderOffset = Int(Self.uint32(bytes, offset + 42))
            let next = offset + 46 + nameLength + extraLength + commentLength
            guard next <= end else { throw .malformed("a central directory entry runs past the directory") }
            let rawName = String(decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self)
            offset = next
            guard compressedSize != 0xFFFF_FFFF, size != 0xFFFF_FFFF, localHeaderOffset != 0xFFFF_FFFF else {
                throw .zip64
            }
            // Unix archivers keep the file's mode in the high half of the external attributes.
            let mode = madeBy == 3 ? mode_t(external >> 16) & S_IFMT : 0
            let (name, components, refusal) = Self.clean(rawName)
            let isFolder = rawName.hasSuffix("/") || rawName.hasSuffix("\\") || mode == S_IFDIR
            var why = refusal
            if why == nil, mode != 0, mode != S_IFREG, mode != S_IFDIR {
                why = mode == S_IFLNK ? "a symbolic link, refused" : "not a regular file, refused"
            }
            if why == nil, flags & 1 != 0 { why = "encrypted, refused" }
            if why == nil, !isFolder, method != 0, method != 8 { why = "compressed with method \(method), refused" }
            entries.append(Entry(name: name, components: why == nil ? components : [], isFolder: isFolder,
                                 refusal: why, permissions: madeBy == 3 ? Int(external >> 16) & 0o777 : 0, method: method, crc: crc, compressedSize: compressedSize, size: size,
                                 localHeaderOffset: localHeaderOffset))
        }
        self.entries = entries
    }

    /// The path of an entry split into safe components: backslashes count as separators (Windows archivers), empty
    /// and `.` components are dropped; a leading `/`, a drive letter or a `..` anywhere refuses the entry.
    static func clean(_ raw: String) -> (name: String, components: [String], refusal: String?) {
        let shown = Feedback.clean(raw, limit: 200).replacingOccurrences(of: "\n", with: " ")
        guard !raw.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            return (shown, [], "a name with control characters, refused")
        }
        let unified = raw.replacingOccurrences(of: "\\", with: "/")
        if unified.hasPrefix("/") { return (shown, [], "an absolute path, refused") }
        let parts = unified.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if let first = parts.first, first.count == 2, first.hasSuffix(":") { return (shown, [], "a drive path, refused") }
        if parts.contains("..") { return (shown, [], "a path with .., refused") }
        return (shown, parts.filter { $0 != "." }, nil)
    }

    /// The decompressed data of `entry`, its CRC-32 checked.
    /// - Throws: `ZipError` for a refused entry, one whose data runs past the archive, one over the size limits,
    ///   bad deflate data or a CRC-32 that does not match.
    public func data(of entry: Entry, alreadyRead: Int = 0) throws(ZipError) -> [UInt8] {
        if let refusal = entry.refusal { throw .refused(refusal) }
        let local = entry.localHeaderOffset
        guard local + 30 <= bytes.count, Self.uint32(bytes, local) == 0x0403_4B50 else {
            throw .malformed("the local header of \(entry.name) is damaged")
        }
        let start = local + 30 + Int(Self.uint16(bytes, local + 26)) + Int(Self.uint16(bytes, local + 28))
        guard start + entry.compressedSize <= bytes.count else { throw .malformed("\(entry.name) runs past the archive") }
        let limit = Swift.min(limits.entryBytes, limits.totalBytes - alreadyRead)
        guard entry.size <= limit else { throw .tooLarge(limit) }
        let stored = Array(bytes[start..<(start + entry.compressedSize)])
        let output: [UInt8]
        if entry.method == 0 {
            guard entry.compressedSize == entry.size else { throw .malformed("\(entry.name): stored sizes differ") }
            output = stored
        } else {
            do { output = try Inflate.decompress(stored, limit: limit) } catch {
                if case .tooLarge = error { throw .tooLarge(limit) }
                throw .malformed("\(entry.name): \(error)")
            }
        }
        guard output.count == entry.size else { throw .malformed("\(entry.name): its size does not match the directory") }
        guard CRC32.checksum(output) == entry.crc else { throw .malformed("\(entry.name): its CRC-32 does not match") }
        return output
    }

    static func uint16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        guard offset >= 0, offset + 2 <= bytes.count else { return 0 }
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    static func uint32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        guard offset >= 0, offset + 4 <= bytes.count else { return 0 }
        return UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
            | UInt32(bytes[offset + 3]) << 24
    }
}

/// Why an archive, or one of its entries, could not be read. One line each.
public enum ZipError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(String)
    case notAZip
    case zip64
    case tooLarge(Int)
    case tooManyEntries(Int)
    case malformed(String)
    case refused(String)

    public var description: String {
        switch self {
        case .unreadable(let why): why
        case .notAZip: "not a zip archive (no central directory)"
        case .zip64: "a ZIP64 archive, which is not read (an upload is far smaller)"
        case .tooLarge(let limit): "larger than \(limit >> 10) kB, refused"
        case .tooManyEntries(let limit): "more than \(limit) entries, refused"
        case .malformed(let why): "a damaged archive: \(why)"
        case .refused(let why): why
        }
    }
}

/// Writes a zip archive of stored (uncompressed) entries, each with its CRC-32 and Unix permissions, so that
/// `unzip` and Gradescope restore executable scripts as executable.
public struct ZipWriter: Sendable {
    private var body: [UInt8] = []
    private var directory: [UInt8] = []
    private var count = 0

    public init() {}

    /// Adds a file at `path` (`/`-separated, relative) with `contents` and `permissions` (such as 0o755).
    /// - Throws: `ZipError.tooLarge` past 4 GB in all (ZIP64 is not written), `.refused` for a path that is
    ///   absolute or holds `..`.
    public mutating func add(path: String, contents: [UInt8], permissions: Int) throws(ZipError) {
        guard ZipReader.clean(path).refusal == nil, !path.isEmpty else { throw .refused("\(path): not a relative path") }
        guard body.count + contents.count + 1024 < Int(UInt32.max), count < 0xFFFF else { throw .tooLarge(Int(UInt32.max)) }
        let name = [UInt8](path.utf8)
        let crc = CRC32.checksum(contents)
        let offset = body.count
        // Local header: version 2.0 needed, flag 0x800 (UTF-8 names), stored, a fixed time (1 Jan 2020) so that the
        // same files give the same archive.
        body += Self.le32(0x0403_4B50) + Self.le16(20) + Self.le16(0x800) + Self.le16(0) + Self.le16(0)
            + Self.le16(0x5021) + Self.le32(crc) + Self.le32(UInt32(contents.count)) + Self.le32(UInt32(contents.count))
            + Self.le16(UInt16(name.count)) + Self.le16(0) + name + contents
        let external = UInt32(0o100000 | (permissions & 0o777)) << 16
        directory += Self.le32(0x0201_4B50) + Self.le16(3 << 8 | 20) + Self.le16(20) + Self.le16(0x800) + Self.le16(0)
            + Self.le16(0) + Self.le16(0x5021) + Self.le32(crc) + Self.le32(UInt32(contents.count))
            + Self.le32(UInt32(contents.count)) + Self.le16(UInt16(name.count)) + Self.le16(0) + Self.le16(0)
            + Self.le16(0) + Self.le16(0) + Self.le32(external) + Self.le32(UInt32(offset)) + name
        count += 1
    }

    /// The archive's bytes.
    public var bytes: [UInt8] {
        body + directory + Self.le32(0x0605_4B50) + Self.le16(0) + Self.le16(0) + Self.le16(UInt16(count))
            + Self.le16(UInt16(count)) + Self.le32(UInt32(directory.count)) + Self.le32(UInt32(body.count)) + Self.le16(0)
    }

    static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    static func le32(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)]
    }
}

/// CRC-32 (ISO 3309, polynomial 0xEDB88320, reflected), as zip and gzip use it.
public enum CRC32 {
    static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    /// The CRC-32 of `bytes` (that of "123456789" is 0xCBF43926).
    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
