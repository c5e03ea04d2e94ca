import Foundation
import Testing

// The README's publishing steps, run as written (each `swift run NAME ARGS` as the built NAME with `--out` a
// temporary folder), must write a site that holds no worked solution; the instructor's edition must hold them all.
// It reads the worked solutions, so the student edition leaves this folder out.

/// The package: this file is `Tests/ChapterTests/Instructor/PublishingTests.swift`.
private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

/// The commands of the first `sh` block under the README's "### Publish the course", each as (program, arguments).
private func publishingCommands() throws -> [(program: String, arguments: [String])] {
    let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
    let section = try #require(readme.components(separatedBy: "\n### Publish the course\n").dropFirst().first,
                               "README.md has no \"### Publish the course\" section")
    let block = try #require(section.components(separatedBy: "```sh\n").dropFirst().first?
        .components(separatedBy: "\n```").first, "the section has no sh block")
    return try block.split(separator: "\n").map { line in
        let words = (line.split(separator: "#").first ?? "").split(separator: " ").map(String.init)
        try #require(words.count >= 3 && words[0] == "swift" && words[1] == "run", "not a swift run command: \(line)")
        return (words[2], Array(words.dropFirst(3)))
    }
}

/// The worked solutions of every exercise page, one text per block, without their markers.
private func workedSolutions() throws -> [(page: String, text: String, rest: String)] {
    let pages = try FileManager.default.subpathsOfDirectory(atPath: packageRoot.path + "/Exercises/Pages")
        .filter { $0.hasSuffix(".md") }.sorted()
    var blocks: [(page: String, text: String, rest: String)] = []
    for page in pages {
        let lines = try String(contentsOfFile: packageRoot.path + "/Exercises/Pages/" + page, encoding: .utf8)
            .components(separatedBy: "\n")
        var inside = false
        var current: [String] = []
        var rest: [String] = []
        var found: [String] = []
        for line in lines {
            switch line.trimmingCharacters(in: .whitespaces) {
            case "<!-- BEGIN SOLUTION -->": inside = true
            case "<!-- END SOLUTION -->":
                inside = false
                found.append(current.joined(separator: "\n"))
                current = []
            default: if inside { current.append(line) } else { rest.append(line) }
            }
        }
        blocks += found.map { (page, $0, rest.joined(separator: "\n")) }
    }
    return blocks
}

/// The public sources of the site: every exercise page without its worked solutions, and the chapters' prose.
private func publicSources(_ solutions: [(page: String, text: String, rest: String)]) throws -> String {
    var texts = Set(solutions.map(\.rest))
    for chapter in ["chapter-11-1", "chapter-11-2"] {
        let prose = packageRoot.appendingPathComponent("Chapters/\(chapter)/prose")
        for name in try FileManager.default.contentsOfDirectory(atPath: prose.path) where name.hasSuffix(".md") {
            texts.insert(try String(contentsOf: prose.appendingPathComponent(name), encoding: .utf8))
        }
    }
    return texts.sorted().joined(separator: "\n")
}

/// Distinctive sentences of a worked solution: runs of at least six words of letters, digits, spaces and commas
/// (which any Markdown renderer leaves as they are), outside code blocks, that no public source (`statements`)
/// holds.
private func distinctiveSentences(of solution: String, notIn statements: String) -> [String] {
    var sentences: [String] = []
    var inCode = false
    for line in solution.components(separatedBy: "\n") {
        if line.hasPrefix("```") { inCode.toggle() }
        guard !inCode else { continue }
        var run = ""
        for character in line + "\n" {
            if character.isLetter || character.isNumber || character == " " || character == "," {
                run.append(character)
                continue
            }
            let trimmed = run.trimmingCharacters(in: CharacterSet(charactersIn: " ,"))
            if trimmed.split(separator: " ").count >= 6 && !trimmed.contains("  ") && !statements.contains(trimmed) {
                sentences.append(trimmed)
            }
            run = ""
        }
    }
    return sentences
}

/// The text of every file under `folder`, by relative path.
private func siteText(_ folder: URL) throws -> [String: String] {
    var texts: [String: String] = [:]
    for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
        let url = folder.appendingPathComponent(path)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
        texts[path] = String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }
    return texts
}

private func runCommand(_ program: String, _ arguments: [String]) throws {
    let run = try ChapterRunner.run(arguments, chapter: program)
    try #require(run.status == 0, "\(program) \(arguments): \(run.standardError)")
}

@Suite(.serialized, slowTest) struct Publishing {
    @Test func publishingAsTheREADMESaysShowsNoWorkedSolution() throws {
        let commands = try publishingCommands()
        #expect(commands.map(\.program) == ["chapter-11-1", "chapter-11-2", "exercises"])
        #expect(commands.allSatisfy { !$0.arguments.contains("--solutions") && !$0.arguments.contains("--out") })
        let solutions = try workedSolutions()
        #expect(solutions.count >= 12, "every exercise page has a worked solution")
        let statements = try publicSources(solutions)
        let sentences = solutions.map { distinctiveSentences(of: $0.text, notIn: statements) }
        for (solution, found) in zip(solutions, sentences) {
            #expect(!found.isEmpty, "no distinctive sentence found in the worked solution of \(solution.page)")
        }

        let folder = try TemporaryFolder()
        let published = folder.url.appendingPathComponent("Site")
        let instructor = folder.url.appendingPathComponent("instructor-site")
        // An instructor's edition written into the folder first is replaced by the publishing steps.
        try runCommand("exercises", ["site", "--solutions", "--out", published.path])
        for command in commands { try runCommand(command.program, command.arguments + ["--out", published.path]) }
        try runCommand("exercises", ["site", "--solutions", "--out", instructor.path])

        let student = try siteText(published)
        let teacher = try siteText(instructor)
        #expect(student.keys.contains("chapter-11-2/index.html") && student.keys.contains("exercises-11-2/index.html"))
        for marker in ["Worked solution", "BEGIN SOLUTION", "END SOLUTION"] {
            #expect(!student.contains { $0.value.contains(marker) }, "the published site shows \"\(marker)\"")
        }
        #expect(teacher["exercises-11-2/index.html"]?.contains("Worked solution") == true)
        for (solution, found) in zip(solutions, sentences) {
            for sentence in found {
                let leaks = student.filter { $0.value.contains(sentence) }.keys.sorted()
                #expect(leaks.isEmpty, "\(solution.page)'s worked solution \"\(sentence)\" is published in \(leaks)")
                #expect(teacher.contains { $0.value.contains(sentence) },
                        "\(solution.page)'s worked solution \"\(sentence)\" is missing from the instructor's edition")
            }
        }
    }
}
