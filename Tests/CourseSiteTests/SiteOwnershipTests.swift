import Foundation
import Testing
@testable import CourseSite

// The site writer replaces only what the course wrote, removes what interrupted writes left behind, and leaves a
// missing output folder missing when a first write fails.

private let mark = Page.generator

private func site(_ extra: [SiteFile] = []) -> [SiteFile] {
    [SiteFile(path: "index.html", contents: "home \(mark)"),
     SiteFile(path: "style.css", contents: "css"),
     SiteFile(path: "chapter-11-2/index.html", contents: "chapter \(mark)"),
     SiteFile(path: "chapter-11-2/data/points.csv", contents: "x,y\n1,2\n")] + extra
}

private func scratchFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("site-ownership-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Every entry below `root` (hidden ones included) with its bytes, or "<dir>" / "<link>".
private func tree(_ root: URL) -> [String: Data] {
    var result: [String: Data] = [:]
    for path in (try? FileManager.default.subpathsOfDirectory(atPath: root.path)) ?? [] {
        let url = root.appendingPathComponent(path)
        let type = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType
        result[path] = type == .typeDirectory ? Data("<dir>".utf8) : type == .typeSymbolicLink ? Data("<link>".utf8)
            : (try? Data(contentsOf: url)) ?? Data("<unreadable>".utf8)
    }
    return result
}

private func writeError(_ files: [SiteFile], to url: URL, replacing: [String] = ["chapter-11-2"]) -> SiteWriteError? {
    do {
        try SiteWriter.write(files, to: url, replacingDirectories: replacing)
        return nil
    } catch {
        return error
    }
}

/// A process id that was just in use and is not any more.
private func deadProcessID() throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "exit 0"]
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
}

@Test func aFolderOfTheUserNamedLikeTheChapterIsNeverRemoved() throws {
    let out = try scratchFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let folder = out.appendingPathComponent("chapter-11-2")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data("mine".utf8).write(to: folder.appendingPathComponent("notes.txt"))
    let before = tree(out)
    let error = try #require(writeError(site(), to: out))
    guard case .foreignPath(let path, _) = error else { Issue.record("got \(error)"); return }
    #expect(path == folder.path)
    #expect(error.description.contains("choose another --out folder"))
    #expect(tree(out) == before)
}

@Test func aFileOfTheUserInsideTheChapterFolderStopsTheWrite() throws {
    let out = try scratchFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    try SiteWriter.write(site(), to: out, replacingDirectory: "chapter-11-2")
    let notes = out.appendingPathComponent("chapter-11-2/notes.txt")
    try Data("mine".utf8).write(to: notes)
    let before = tree(out)
    #expect(writeError(site(), to: out) == .foreignPath(path: notes.path, reason: "was not written by this course"))
    #expect(tree(out) == before)
}

@Test func linksFilesAndForeignPagesInTheWayAreForeign() throws {
    let out = try scratchFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let chapter = out.appendingPathComponent("chapter-11-2")
    try FileManager.default.createSymbolicLink(atPath: chapter.path, withDestinationPath: "/tmp")
    #expect(writeError(site(), to: out) == .foreignPath(
        path: chapter.path, reason: "is a symbolic link, not a folder this course wrote"))
    try FileManager.default.removeItem(at: chapter)
    try Data("my own page".utf8).write(to: chapter)
    #expect(writeError(site(), to: out) == .foreignPath(
        path: chapter.path, reason: "is a file, not a folder this course wrote"))
    try FileManager.default.removeItem(at: chapter)
    let home = out.appendingPathComponent("index.html")
    try Data("<p>my web page</p>".utf8).write(to: home)
    #expect(writeError(site(), to: out) == .foreignPath(path: home.path, reason: "was not written by this course"))
    #expect(try String(contentsOf: home, encoding: .utf8) == "<p>my web page</p>")
}

@Test func aHomePageThatCannotBeReadIsForeign() throws {
    // Root reads every file: there the end-to-end test runs the chapter as another user instead.
    guard geteuid() != 0 else { return }
    let out = try scratchFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let home = out.appendingPathComponent("index.html")
    try Data("<p>private</p>".utf8).write(to: home)
    chmod(home.path, 0)
    defer { chmod(home.path, 0o600) }
    #expect(writeError(site(), to: out) == .foreignPath(path: home.path, reason: "cannot be read (permission denied)"))
}

@Test func leftoversOfDeadWritersAreRemovedAndLiveOnesKept() throws {
    let out = try scratchFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    try SiteWriter.write(site(), to: out, replacingDirectory: "chapter-11-2")
    let dead = try deadProcessID()
    let live = getppid()
    let manager = FileManager.default
    for folder in [".course-staging-\(dead)-chapter-11-2", ".course-old-\(dead)-chapter-11-2",
                   ".staging-chapter-11-2-\(dead)", ".old-chapter-11-2-\(dead)", ".course-staging-\(live)-chapter-11-2"] {
        try manager.createDirectory(at: out.appendingPathComponent(folder + "/data"), withIntermediateDirectories: true)
    }
    for file in [".course-tmp-\(dead)-index.html", ".index.html.tmp-\(dead)", ".style.css.tmp-\(dead)"] {
        try Data("partial".utf8).write(to: out.appendingPathComponent(file))
    }
    try SiteWriter.write(site(), to: out, replacingDirectory: "chapter-11-2")
    let hidden = try manager.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix(".") }
    #expect(hidden == [".course-staging-\(live)-chapter-11-2"])
}

@Test func aFolderSetAsideByAWriterKilledMidSwapIsMovedBack() throws {
    let out = try scratchFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    try SiteWriter.write(site() + [SiteFile(path: "chapter-11-1/index.html", contents: "one \(mark)")], to: out,
                         replacingDirectories: ["chapter-11-2", "chapter-11-1"])
    let dead = try deadProcessID()
    // An earlier version swapped with two renames; killed between them, the chapter sat aside under a hidden name.
    try FileManager.default.moveItem(at: out.appendingPathComponent("chapter-11-1"),
                                     to: out.appendingPathComponent(".old-chapter-11-1-\(dead)"))
    try SiteWriter.write(site(), to: out, replacingDirectory: "chapter-11-2")
    #expect(try String(contentsOf: out.appendingPathComponent("chapter-11-1/index.html"), encoding: .utf8)
        == "one \(mark)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).allSatisfy { !$0.hasPrefix(".") })
}

@Test func aFailedFirstWriteLeavesNoOutputFolder() throws {
    let scratch = try scratchFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let output = scratch.appendingPathComponent("new/Site")
    let colliding = site([SiteFile(path: "chapter-11-2/data/points.csv/inner", contents: "a file where a folder goes")])
    let error = try #require(writeError(colliding, to: output))
    guard case .writeFailed = error else { Issue.record("got \(error)"); return }
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
}

@Test func anExistingChapterIsReplacedInOneStepWithNothingLeftOver() throws {
    let out = try scratchFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    try SiteWriter.write(site(), to: out, replacingDirectory: "chapter-11-2")
    let second = [SiteFile(path: "index.html", contents: "home 2 \(mark)"),
                  SiteFile(path: "chapter-11-2/index.html", contents: "chapter 2 \(mark)")]
    try SiteWriter.write(second, to: out, replacingDirectory: "chapter-11-2")
    #expect(tree(out) == [
        "index.html": Data("home 2 \(mark)".utf8), "style.css": Data("css".utf8), "chapter-11-2": Data("<dir>".utf8),
        "chapter-11-2/index.html": Data("chapter 2 \(mark)".utf8),
    ])
}

@Test func hiddenItemsOfTheUserThatMerelyLookLikeLeftoversStay() throws {
    let out = try scratchFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let dead = try deadProcessID()
    let mine = [".old-backup-\(dead)", ".staging-notes-\(dead)", ".draft.tmp-\(dead)", ".course-notes"]
    for name in mine {
        try FileManager.default.createDirectory(at: out.appendingPathComponent(name), withIntermediateDirectories: true)
    }
    try SiteWriter.write(site(), to: out, replacingDirectory: "chapter-11-2")
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix(".") }.sorted()
        == mine.sorted())
}

@Test func twoFoldersAreExchangedByOneRename() throws {
    let out = try scratchFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let first = out.appendingPathComponent("first")
    let second = out.appendingPathComponent("second")
    try FileManager.default.createDirectory(at: first.appendingPathComponent("a"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: second.appendingPathComponent("b"), withIntermediateDirectories: true)
    // nil: this system has no exchange rename, and the writer falls back to two renames (see SiteWriter).
    guard let result = FileSystemCalls.exchange(first.path, second.path) else { return }
    #expect(result == 0)
    #expect(try FileManager.default.contentsOfDirectory(atPath: first.path) == ["b"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: second.path) == ["a"])
    #expect(FileSystemCalls.renameNoReplace(first.path, second.path) == -1 && errno == EEXIST)
}
