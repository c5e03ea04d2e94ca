import ExerciseChecks
import Foundation
import Testing

// The course's own zip reader and writer, and the inflate under it: real archives (made by Python's zipfile, so by
// zlib), round trips, and the hostile archives a student could upload.

/// A zip made by Python's zipfile: `Top/Exercises/Workspace/Exercise11_2_1.swift` (deflate, dynamic Huffman),
/// `Top/short.swift` (deflate, fixed Huffman) and `Top/notes.txt` (stored).
private let pythonZip = """
    UEsDBBQAAAAIAAAAIQAPFJvGaAEAAFQKAAAsAAAAVG9wL0V4ZXJjaXNlcy9Xb3Jrc3BhY2UvRXhlcmNpc2UxMV8yXzEuc3dpZnSNlktuwzAMRP\
    c9hW4Q8SPJWvQwAWKgQY0UKNz2+hUZdFu8/YCm5pFDH/tZvq/H117La6nlcinX89wf5/3jUd73z8d+lJ/77Xx7Of6EsoRChLqEToS2hJMIPT7d\
    ibItpTai7EtpqOaI96A+t6Xs6OlzKTfkpgQgqQxRMlJWNzCJo27FEgDyQBLWRM5K4mK8pCdaVjeQ6cb6DWimzIeZQ8O2ILg546bBzZ3VzfXaUL\
    8a3JoiHzS4tYH81eDWGTcNbh3WDW4D9hvcBvQh1435a8FtMm4W3CabB8t9q2zQLBeusgm23Dhhq2EtI4Kxs55itswW8MRYStj2TB/mRuCTxnLN\
    My87A+gZmJ0lsSfBwQLek+DG7oY/M5OdI8/QrIygZ2oKO56esamV9RwE1SpzIwiqV+Rzq5n0jGALgtph5SCog/XcLI8Ic6MFQZ3wJyUIGiTY8k\
    dF2Gy08TxmrOe8fMbmueXp83835RdQSwMEFAAAAAgAAAAhAA3GNuMMAAAACgAAAA8AAABUb3Avc2hvcnQuc3dpZnTLSS1RqFCwVTDkAgBQSwME\
    FAAAAAAAAAAhALP7ZPQNAAAADQAAAA0AAABUb3Avbm90ZXMudHh0c3RvcmVkIG5vdGVzClBLAQIUAxQAAAAIAAAAIQAPFJvGaAEAAFQKAAAsAA\
    AAAAAAAAAAAACAAQAAAABUb3AvRXhlcmNpc2VzL1dvcmtzcGFjZS9FeGVyY2lzZTExXzJfMS5zd2lmdFBLAQIUAxQAAAAIAAAAIQANxjbjDAAA\
    AAoAAAAPAAAAAAAAAAAAAACAAbIBAABUb3Avc2hvcnQuc3dpZnRQSwECFAMUAAAAAAAAACEAs/tk9A0AAAANAAAADQAAAAAAAAAAAAAAgAHrAQ\
    AAVG9wL25vdGVzLnR4dFBLBQYAAAAAAwADANIAAAAjAgAAAAA=
    """

/// The text of the fixture's first entry, rebuilt the way the Python script wrote it.
private let fixtureText = (0..<60).map { "let value\($0) = \($0 * $0) // attention kernel width\n" }.joined()

/// One entry of a hand-made archive.
private struct RawEntry {
    var name: String
    var method: UInt16 = 0
    var data: [UInt8]
    var size: Int? = nil
    var crc: UInt32? = nil
    var mode: Int = 0o100644
    var flags: UInt16 = 0
}

/// An archive of `entries` written byte by byte, so that any field can lie.
private func rawZip(_ entries: [RawEntry]) -> [UInt8] {
    func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
    func le32(_ v: Int) -> [UInt8] { le16(v & 0xFFFF) + le16(v >> 16 & 0xFFFF) }
    var body: [UInt8] = []
    var directory: [UInt8] = []
    for entry in entries {
        let name = [UInt8](entry.name.utf8)
        let crc = Int(entry.crc ?? CRC32.checksum(entry.data))
        let size = entry.size ?? entry.data.count
        let offset = body.count
        body += le32(0x0403_4B50) + le16(20) + le16(Int(entry.flags)) + le16(Int(entry.method)) + le16(0) + le16(0)
            + le32(crc) + le32(entry.data.count) + le32(size) + le16(name.count) + le16(0) + name + entry.data
        directory += le32(0x0201_4B50) + le16(3 << 8 | 20) + le16(20) + le16(Int(entry.flags)) + le16(Int(entry.method))
            + le16(0) + le16(0) + le32(crc) + le32(entry.data.count) + le32(size) + le16(name.count) + le16(0) + le16(0)
            + le16(0) + le16(0) + le32(entry.mode << 16) + le32(offset) + name
    }
    return body + directory + le32(0x0605_4B50) + le16(0) + le16(0) + le16(entries.count) + le16(entries.count)
        + le32(directory.count) + le32(body.count) + le16(0)
}

/// A fixed-Huffman deflate stream of one zero byte followed by `repeats` copies of (length 258, distance 1): about
/// 13 bits per 258 bytes of output, the shape of a zip bomb.
private func zeroBomb(repeats: Int) -> [UInt8] {
    var bytes: [UInt8] = []
    var buffer = 0
    var count = 0
    func put(_ value: Int, _ bits: Int) {  // least significant bit first
        buffer |= value << count
        count += bits
        while count >= 8 {
            bytes.append(UInt8(buffer & 0xFF))
            buffer >>= 8
            count -= 8
        }
    }
    func putCode(_ code: Int, _ length: Int) {  // Huffman codes go most significant bit first
        for bit in stride(from: length - 1, through: 0, by: -1) { put(code >> bit & 1, 1) }
    }
    put(1, 1)  // final block
    put(1, 2)  // fixed Huffman
    putCode(0x30, 8)  // literal 0
    for _ in 0..<repeats {
        putCode(0xC0 + 5, 8)  // symbol 285: length 258
        putCode(0, 5)  // distance code 0: distance 1
    }
    putCode(0, 7)  // end of block (256)
    if count > 0 { bytes.append(UInt8(buffer & 0xFF)) }
    return bytes
}

@Test func crc32OfTheCheckStringIsTheStandardOne() {
    #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    #expect(CRC32.checksum([]) == 0)
}

@Test func aZipMadeByZlibReadsBackWithStoredFixedAndDynamicEntries() throws {
    let bytes = try #require(Data(base64Encoded: pythonZip)).map { $0 }
    let archive = try ZipReader(bytes: bytes)
    #expect(archive.entries.map(\.components) == [["Top", "Exercises", "Workspace", "Exercise11_2_1.swift"],
                                                  ["Top", "short.swift"], ["Top", "notes.txt"]])
    #expect(String(decoding: try archive.data(of: archive.entries[0]), as: UTF8.self) == fixtureText)
    #expect(String(decoding: try archive.data(of: archive.entries[1]), as: UTF8.self) == "let x = 1\n")
    #expect(String(decoding: try archive.data(of: archive.entries[2]), as: UTF8.self) == "stored notes\n")
}

@Test func whatTheWriterWritesTheReaderReadsWithItsPermissions() throws {
    var writer = ZipWriter()
    try writer.add(path: "run_autograder", contents: Array("#!/bin/sh\n".utf8), permissions: 0o755)
    try writer.add(path: "source/a b/é.txt", contents: Array(repeating: 7, count: 70_000), permissions: 0o644)
    let archive = try ZipReader(bytes: writer.bytes)
    #expect(archive.entries.map(\.components) == [["run_autograder"], ["source", "a b", "é.txt"]])
    #expect(archive.entries.map(\.permissions) == [0o755, 0o644])
    #expect(try archive.data(of: archive.entries[0]) == Array("#!/bin/sh\n".utf8))
    #expect(try archive.data(of: archive.entries[1]) == Array(repeating: 7, count: 70_000))
    #expect(throws: ZipError.self) { try writer.add(path: "../escape", contents: [], permissions: 0o644) }
    #expect(throws: ZipError.self) { try writer.add(path: "/etc/passwd", contents: [], permissions: 0o644) }
}

@Test func entriesThatWouldEscapeOrAreLinksAreRefusedOneLineEach() throws {
    let archive = try ZipReader(bytes: rawZip([
        RawEntry(name: "../../etc/cron.d/x.swift", data: Array("a".utf8)),
        RawEntry(name: "/etc/passwd.swift", data: Array("a".utf8)),
        RawEntry(name: "..\\..\\win.swift", data: Array("a".utf8)),
        RawEntry(name: "C:/win.swift", data: Array("a".utf8)),
        RawEntry(name: "Workspace/Link.swift", data: Array("/etc/shadow".utf8), mode: 0o120777),
        RawEntry(name: "Workspace/Secret.swift", data: Array("a".utf8), flags: 1),
        RawEntry(name: "Workspace/Odd.swift", method: 12, data: Array("a".utf8)),
        RawEntry(name: "./Workspace/./Fine.swift", data: Array("ok".utf8)),
    ]))
    #expect(archive.entries.map(\.refusal) == [
        "a path with .., refused", "an absolute path, refused", "a path with .., refused", "a drive path, refused",
        "a symbolic link, refused", "encrypted, refused", "compressed with method 12, refused", nil,
    ])
    #expect(archive.entries.allSatisfy { $0.refusal == nil || $0.components.isEmpty })
    #expect(archive.entries[7].components == ["Workspace", "Fine.swift"])
    #expect(throws: ZipError.refused("a path with .., refused")) { try archive.data(of: archive.entries[0]) }
}

@Test func aZipBombStopsAtTheCapWhateverItsHeaderClaims() throws {
    let bomb = zeroBomb(repeats: 100_000)  // 25.8 MB of zeros from about 160 kB
    #expect(throws: InflateError.tooLarge(1 << 20)) { try Inflate.decompress(bomb, limit: 1 << 20) }
    #expect(try Inflate.decompress(zeroBomb(repeats: 3), limit: 1 << 20) == [UInt8](repeating: 0, count: 775))
    // The directory says 10 bytes: the cap is the entry limit, and the real size is never reached.
    let archive = try ZipReader(bytes: rawZip([RawEntry(name: "bomb.swift", method: 8, data: bomb, size: 10, crc: 0)]))
    #expect(throws: ZipError.tooLarge(1 << 20)) { try archive.data(of: archive.entries[0]) }
}

@Test func damagedArchivesThrowAndNeverTrap() throws {
    let good = try #require(Data(base64Encoded: pythonZip)).map { $0 }
    #expect(throws: ZipError.notAZip) { try ZipReader(bytes: Array("not a zip at all".utf8)) }
    #expect(throws: ZipError.notAZip) { try ZipReader(bytes: []) }
    // A flipped byte in the compressed data: the CRC-32 or the deflate decoder notices.
    var flipped = good
    flipped[100] ^= 0x55
    let damaged = try ZipReader(bytes: flipped)
    #expect(throws: ZipError.self) { try damaged.data(of: damaged.entries[0]) }
    // Random damage anywhere, many times: every outcome is a value or a thrown error.
    var generator = SystemRandomNumberGenerator()
    var survived = 0
    for _ in 0..<300 {
        var bytes = good
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
        }
        if let archive = try? ZipReader(bytes: bytes) {
            for entry in archive.entries { _ = try? archive.data(of: entry) }
            survived += 1
        }
    }
    #expect(survived > 0)
    // Truncated anywhere.
    for length in stride(from: 0, to: good.count, by: 37) {
        if let archive = try? ZipReader(bytes: Array(good[..<length])) {
            for entry in archive.entries { _ = try? archive.data(of: entry) }
        }
    }
    // Random deflate streams.
    for _ in 0..<300 {
        let noise = (0..<Int.random(in: 0...200, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        _ = try? Inflate.decompress(noise, limit: 1 << 16)
    }
}

@Test func tooManyEntriesOrTooLargeAnArchiveIsRefusedWhole() throws {
    var limits = ZipReader.Limits()
    limits.entries = 2
    let three = rawZip((0..<3).map { RawEntry(name: "f\($0).swift", data: [1]) })
    #expect(throws: ZipError.tooManyEntries(2)) { try ZipReader(bytes: three, limits: limits) }
    limits = ZipReader.Limits()
    limits.archiveBytes = 100
    #expect(throws: ZipError.tooLarge(100)) { try ZipReader(bytes: three + [UInt8](repeating: 0, count: 100), limits: limits) }
}
