import Foundation
import Testing
import CourseSite

/// A fresh directory under the system temporary directory, removed by `remove()`.
private struct ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("site-writer-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Every file under `root` with its contents, keyed by relative path, hidden entries included.
private func snapshot(_ root: URL) throws -> [String: Data] {
    var result: [String: Data] = [:]
    let paths = try FileManager.default.subpathsOfDirectory(atPath: root.path)
    for path in paths {
        let url = root.appendingPathComponent(path)
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
        result[path] = isDirectory.boolValue ? Data("<dir>".utf8) : try Data(contentsOf: url)
    }
    return result
}

private func text(_ url: URL, _ path: String) throws -> String {
    try String(contentsOf: url.appendingPathComponent(path), encoding: .utf8)
}

/// Pages carry the course's generator mark, by which a later write knows it may replace them.
private let home = "home \(Page.generator)"
private let chapterPage = "chapter \(Page.generator)"

private let chapterFiles = [
    SiteFile(path: "index.html", contents: home),
    SiteFile(path: "style.css", contents: "css"),
    SiteFile(path: "chapter-11-2/index.html", contents: chapterPage),
    SiteFile(path: "chapter-11-2/data/points.csv", contents: Data("x,y\n1,2\n".utf8)),
]

private func failure(_ files: [SiteFile], to url: URL, replacing directory: String = "chapter-11-2") -> SiteWriteError? {
    do {
        try SiteWriter.write(files, to: url, replacingDirectory: directory)
        return nil
    } catch {
        return error
    }
}

@Test func writesAllFilesCreatingNestedOutput() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let output = scratch.url.appendingPathComponent("a/b/Site")
    try SiteWriter.write(chapterFiles, to: output, replacingDirectory: "chapter-11-2")
    #expect(try snapshot(output) == [
        "index.html": Data(home.utf8),
        "style.css": Data("css".utf8),
        "chapter-11-2": Data("<dir>".utf8),
        "chapter-11-2/index.html": Data(chapterPage.utf8),
        "chapter-11-2/data": Data("<dir>".utf8),
        "chapter-11-2/data/points.csv": Data("x,y\n1,2\n".utf8),
    ])
}

@Test func replacingAChapterRemovesStaleFilesButKeepsOtherChapters() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try SiteWriter.write(chapterFiles + [SiteFile(path: "chapter-11-2/data/old.csv", contents: "stale")],
                         to: scratch.url, replacingDirectory: "chapter-11-2")
    try SiteWriter.write([SiteFile(path: "chapter-11-1/index.html", contents: "one")],
                         to: scratch.url, replacingDirectory: "chapter-11-1")
    try SiteWriter.write([SiteFile(path: "index.html", contents: "home 2"),
                          SiteFile(path: "chapter-11-2/index.html", contents: "chapter 2")],
                         to: scratch.url, replacingDirectory: "chapter-11-2")
    #expect(try text(scratch.url, "index.html") == "home 2")
    #expect(try text(scratch.url, "style.css") == "css")
    #expect(try text(scratch.url, "chapter-11-2/index.html") == "chapter 2")
    #expect(try text(scratch.url, "chapter-11-1/index.html") == "one")
    #expect(!FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("chapter-11-2/data").path))
    #expect(try snapshot(scratch.url).keys.allSatisfy { !$0.hasPrefix(".") })
}

@Test func failedWriteLeavesExistingSiteByteIdentical() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try SiteWriter.write(chapterFiles, to: scratch.url, replacingDirectory: "chapter-11-2")
    let before = try snapshot(scratch.url)
    let colliding = [
        SiteFile(path: "index.html", contents: "new home"),
        SiteFile(path: "chapter-11-2/index.html", contents: "new chapter"),
        SiteFile(path: "chapter-11-2/data", contents: "a file where a directory must go"),
        SiteFile(path: "chapter-11-2/data/points.csv", contents: "x,y\n"),
    ]
    let error = try #require(failure(colliding, to: scratch.url))
    guard case .writeFailed(let path, _) = error else {
        Issue.record("expected writeFailed, got \(error)")
        return
    }
    #expect(path.hasPrefix(scratch.url.standardizedFileURL.path + "/chapter-11-2/data"))
    #expect(try snapshot(scratch.url) == before)
}

@Test func topLevelCollisionWithDirectoryLeavesSiteUntouched() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try SiteWriter.write(chapterFiles, to: scratch.url, replacingDirectory: "chapter-11-2")
    try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent("notes.html"),
                                            withIntermediateDirectories: false)
    let before = try snapshot(scratch.url)
    let files = [SiteFile(path: "chapter-11-2/index.html", contents: "new"), SiteFile(path: "notes.html", contents: "x")]
    #expect(failure(files, to: scratch.url) == .writeFailed(
        path: scratch.url.standardizedFileURL.appendingPathComponent("notes.html").path,
        reason: "a directory is in the way"))
    #expect(try snapshot(scratch.url) == before)
}

@Test func pathsEscapingTheOutputAreRejectedBeforeWriting() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    try SiteWriter.write(chapterFiles, to: scratch.url, replacingDirectory: "chapter-11-2")
    let before = try snapshot(scratch.url)
    for path in ["chapter-11-2/../../evil.html", "../evil.html", "/tmp/evil.html"] {
        let files = [SiteFile(path: "chapter-11-2/index.html", contents: "new"), SiteFile(path: path, contents: "x")]
        #expect(failure(files, to: scratch.url) == .pathEscapesOutput(path: path))
        #expect(SiteWriteError.pathEscapesOutput(path: path).description
            == "\(path): file path must stay inside the output directory (no absolute paths, no ..)")
    }
    #expect(try snapshot(scratch.url) == before)
}

@Test func filesOutsideTheReplacedDirectoryOrDuplicatedAreRejected() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let other = [SiteFile(path: "chapter-11-1/index.html", contents: "x")]
    #expect(failure(other, to: scratch.url) == .invalidPath(
        path: "chapter-11-1/index.html", reason: "file is outside the replaced directory chapter-11-2"))
    let twice = [SiteFile(path: "index.html", contents: "a"), SiteFile(path: "index.html", contents: "b")]
    #expect(failure(twice, to: scratch.url) == .duplicatePath(path: "index.html"))
    let empty = [SiteFile(path: "chapter-11-2//index.html", contents: "a")]
    #expect(failure(empty, to: scratch.url) == .invalidPath(
        path: "chapter-11-2//index.html", reason: "file path has an empty or '.' component"))
    #expect(failure([], to: scratch.url, replacing: "../x") == .invalidPath(
        path: "../x", reason: "the replaced directory must be one plain folder name"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).isEmpty)
}

@Test func outputPathThatIsAFileIsAnError() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let file = scratch.url.appendingPathComponent("Site")
    try Data("not a directory".utf8).write(to: file)
    #expect(failure(chapterFiles, to: file) == .outputIsFile(path: file.path))
    #expect(SiteWriteError.outputIsFile(path: file.path).description
        == "\(file.path): output path exists and is not a directory")
    let inner = file.appendingPathComponent("inner/Site")
    #expect(failure(chapterFiles, to: inner)
        == .cannotCreateOutput(path: inner.path, reason: "\(file.path) is a file, not a directory"))
    #expect(failure(chapterFiles, to: inner)?.description
        == "\(inner.path): cannot create output directory (\(file.path) is a file, not a directory)")
}

@Test func existingChaptersFindsChapterFoldersWithAnIndex() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    #expect(SiteWriter.existingChapters(in: scratch.url.appendingPathComponent("missing")).isEmpty)
    try SiteWriter.write(chapterFiles, to: scratch.url, replacingDirectory: "chapter-11-2")
    try SiteWriter.write([SiteFile(path: "chapter-11-1/notes.txt", contents: "no index")],
                         to: scratch.url, replacingDirectory: "chapter-11-1")
    try SiteWriter.write([SiteFile(path: "extras/index.html", contents: "not a chapter")],
                         to: scratch.url, replacingDirectory: "extras")
    #expect(SiteWriter.existingChapters(in: scratch.url) == ["chapter-11-2/index.html"])
}
