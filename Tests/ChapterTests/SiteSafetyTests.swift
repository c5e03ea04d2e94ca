import Foundation
import Testing

/// The site-writing promises, end to end: a chapter replaces only what the course wrote, and a run killed or
/// interrupted at any moment leaves the previous site whole, with nothing left over after the next run.
@Suite(.serialized) struct SiteSafetyTests {
    /// Every entry below `folder`, hidden ones included: files by their bytes, folders as "<dir>".
    static func tree(_ folder: String) -> [String: Data] {
        var result: [String: Data] = [:]
        for path in (try? FileManager.default.subpathsOfDirectory(atPath: folder)) ?? [] {
            var isDirectory: ObjCBool = false
            let full = folder + "/" + path
            _ = FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory)
            result[path] = isDirectory.boolValue ? Data("<dir>".utf8) : FileManager.default.contents(atPath: full)
        }
        return result
    }

    static func hidden(_ tree: [String: Data]) -> [String] {
        tree.keys.filter { $0.split(separator: "/").contains { $0.hasPrefix(".") } }.sorted()
    }

    /// The entries of `tree` under `prefix` (a top-level name), keyed by path.
    static func part(_ tree: [String: Data], _ prefix: String) -> [String: Data] {
        tree.filter { $0.key == prefix || $0.key.hasPrefix(prefix + "/") }
    }

    /// Starts chapter 11.2 with `arguments`, its output discarded.
    static func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = try ChapterRunner.executable("chapter-11-2")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test(slowTest) func aChapterKilledAtRandomMomentsLeavesThePreviousSiteWholeAndNoLeftovers() throws {
        let folder = try TemporaryFolder()
        let site = folder.path("Site")
        // Two versions of the site: the good run's (seed 0) and what the killed runs would write (seed 1).
        #expect(try ChapterRunner.run(["--out", site]).status == 0)
        let started = Date()
        #expect(try ChapterRunner.run(["--out", folder.path("Other"), "--seed", "1"]).status == 0)
        let duration = Date().timeIntervalSince(started)  // of the run to be killed
        let good = Self.tree(site)
        let other = Self.tree(folder.path("Other"))
        #expect(good.keys.contains("chapter-11-2/index.html") && Self.hidden(good).isEmpty)
        var generator = SystemRandomNumberGenerator()
        let signals = [SIGKILL, SIGKILL, SIGKILL, SIGINT, SIGTERM]
        var published = 0
        var leftBehind = 0
        var duringWrites = 0
        for attempt in 0..<20 {
            let signal = signals[attempt % signals.count]
            let process = try Self.start(["--out", site, "--seed", "1"])
            if attempt % 2 == 0 {
                // Anywhere in the run.
                Thread.sleep(forTimeInterval: Double.random(in: 0...duration, using: &generator))
            } else {
                // While the site is being written: as soon as a hidden staging item appears, then up to 10 ms later.
                while process.isRunning, !(((try? FileManager.default.contentsOfDirectory(atPath: site)) ?? [])
                    .contains { $0.hasPrefix(".") }) {
                    usleep(200)
                }
                if process.isRunning { duringWrites += 1 }
                Thread.sleep(forTimeInterval: Double.random(in: 0...0.01, using: &generator))
            }
            kill(process.processIdentifier, signal)
            process.waitUntilExit()

            let after = Self.tree(site)
            let visible = after.filter { Self.hidden([$0.key: $0.value]).isEmpty }
            // Every top-level entry is whole: exactly the old version or exactly the new one.
            for name in Set(good.keys.map { String($0.split(separator: "/")[0]) }) {
                let now = Self.part(visible, name)
                #expect(now == Self.part(good, name) || now == Self.part(other, name),
                        "attempt \(attempt) (signal \(signal)): \(name) is not whole")
            }
            #expect(Set(visible.keys) == Set(good.keys), "attempt \(attempt): the site lost or gained files")
            if Self.part(visible, "chapter-11-2") != Self.part(good, "chapter-11-2") { published += 1 }
            if !Self.hidden(after).isEmpty { leftBehind += 1 }
            if signal != SIGKILL {
                #expect(Self.hidden(after).isEmpty, "attempt \(attempt): \(signal) left \(Self.hidden(after))")
            }
            let next = try ChapterRunner.run(["--out", site])
            #expect(next.status == 0, "\(next.standardError)")
            #expect(Self.tree(site) == good, "attempt \(attempt): the next run did not restore the site exactly")
        }
        #expect(Self.hidden(Self.tree(site)).isEmpty)
        print("fault injection: \(duringWrites) kills while writing, \(published) of 20 runs had published their "
              + "chapter, \(leftBehind) left hidden items for the next run to remove")
        #expect(duringWrites >= 5, "too few kills landed while the site was being written")
    }

    @Test func aFolderOfTheUserNamedLikeTheChapterStopsTheRun() throws {
        let folder = try TemporaryFolder()
        let own = folder.path("Site", "chapter-11-2")
        try FileManager.default.createDirectory(atPath: own, withIntermediateDirectories: true)
        _ = try folder.write("Site/chapter-11-2/notes.txt", "my notes")
        let run = try ChapterRunner.run(["--out", folder.path("Site")])
        #expect(run.status == 1)
        #expect(run.standardError.split(separator: "\n").count == 1)
        #expect(run.standardError.contains(own) && run.standardError.contains("choose another --out folder"))
        #expect(Self.tree(folder.path("Site")) == ["chapter-11-2": Data("<dir>".utf8),
                                                   "chapter-11-2/notes.txt": Data("my notes".utf8)])
    }

    @Test func aHomePageTheCourseCannotReadIsNeverReplaced() throws {
        let folder = try TemporaryFolder()
        chmod(folder.url.path, 0o777)
        let home = try folder.write("index.html", "<p>someone's private page</p>")
        chmod(home, 0o600)
        // As root every file is readable, so the chapter runs as `nobody`, another user, as on a shared web folder.
        let asOtherUser = geteuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
        if geteuid() != 0 { chmod(home, 0) }
        defer { chmod(home, 0o600) }
        guard asOtherUser.isEmpty || FileManager.default.isExecutableFile(atPath: asOtherUser[0]) else { return }
        let process = Process()
        let chapter = try ChapterRunner.executable("chapter-11-1")
        process.executableURL = URL(fileURLWithPath: asOtherUser.first ?? chapter.path)
        process.arguments = Array(asOtherUser.dropFirst()) + (asOtherUser.isEmpty ? [] : [chapter.path])
            + ["--out", folder.url.path]
        let error = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = error
        try process.run()
        let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(message == "chapter-11-1: error: \(home): cannot be read (permission denied); the course replaces only "
            + "what it wrote: move it away or choose another --out folder\n")
        chmod(home, 0o600)
        #expect(Self.tree(folder.url.path) == ["index.html": Data("<p>someone's private page</p>".utf8)])
    }
}
