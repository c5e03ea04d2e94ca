import CourseSite
import Figures
import Foundation

/// The exercises pages of the course site: `exercises-11-1/index.html` and `exercises-11-2/index.html`, one per
/// chapter, rendered from `Exercises/Pages/NUMBER/*.md` (in file-name order) with the course's layout.
///
/// Worked solutions between `<!-- BEGIN SOLUTION -->` and `<!-- END SOLUTION -->` are shown (the markers removed);
/// in the student edition those blocks are gone. A `{{figure: NAME}}` is drawn by the maker of that name
/// (`ExerciseCatalogue.figureMakers(chapter:)`), only when a page places it, and numbered in page order; its data
/// files go to `exercises-X/data/`. A chapter without a pages folder gets no page.
public struct ExercisesSite: Sendable {
    /// The package whose `Exercises/Pages` are rendered.
    public let packageRoot: URL
    /// Figure makers by chapter number; by default the catalogue's.
    public let figureMakers: @Sendable (String) -> [String: ExerciseCatalogue.FigureMaker]

    /// A site of the pages in `packageRoot`.
    public init(packageRoot: URL,
                figureMakers: @escaping @Sendable (String) -> [String: ExerciseCatalogue.FigureMaker]
                    = ExerciseCatalogue.figureMakers(chapter:)) {
        self.packageRoot = packageRoot
        self.figureMakers = figureMakers
    }

    /// The files of `chapter`'s exercises page (the page and its data), or none when it has no pages folder.
    /// - Throws: a marker, Markdown or figure error naming the file.
    public func files(for chapter: ChapterEntry, identity: CourseIdentity = .standard) throws -> [SiteFile] {
        let folder = packageRoot.appendingPathComponent("Exercises/Pages/\(chapter.number)")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        var sources: [(name: String, text: String)] = []
        for name in names.filter({ $0.hasSuffix(".md") }).sorted() {
            let url = folder.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw ExerciseToolError.fileSystem(path: url.path, reason: "cannot read")
            }
            let file = "Exercises/Pages/\(chapter.number)/\(name)"
            sources.append((file, try ReleaseTransform.showPageSolutions(String(decoding: data, as: UTF8.self),
                                                                          file: file)))
        }
        guard !sources.isEmpty else { return [] }
        let makers = figureMakers(chapter.number)
        var blocks: [String: String] = [:]
        var dataFiles: [SiteFile] = []
        var number = 0
        for name in sources.flatMap({ Self.figureNames(in: $0.text) }) where blocks["figure: \(name)"] == nil {
            guard let make = makers[name] else { continue }  // Markdown reports the unknown block with its line.
            number += 1
            let worked = try make()
            for file in worked.data {
                let path = "\(chapter.exercisesDirectory)/data/\(file.name)"
                guard !dataFiles.contains(where: { $0.path == path }) else {
                    throw ExerciseToolError.fileSystem(path: path, reason: "two figures write this data file")
                }
                dataFiles.append(SiteFile(path: path, contents: try file.table.text()))
            }
            blocks["figure: \(name)"] = FigureBlock(
                name: name, number: "\(number)", svg: try worked.figure.svg(), captionHTML: HTML.escape(worked.caption),
                dataFiles: worked.data.map { DataFileLink(href: "data/\($0.name)", label: $0.name) },
                narrowSVG: try worked.figure.narrow().svg()).html
        }
        var body = ["<p class=\"intro\">The exercises of <a href=\""
            + HTML.escape(Page.relativeHref(to: chapter.path, from: chapter.exercisesPath))
            + "\">§\(HTML.escape(chapter.number)) \(HTML.escape(chapter.title))</a>. Implement the functions in "
            + "<code>Exercises/Workspace/</code> and run <code>swift run exercises check</code>.</p>"]
        var headings: [TOCEntry] = []
        var ids: Set<String> = []
        for source in sources {
            let document = try Markdown.render(source.text, fileName: source.name, blocks: blocks, idsInUse: ids)
            ids = document.ids
            body.append(document.html)
            // The contents list the exercises; every exercise has the same subheadings (hints, …).
            headings += document.headings.filter { $0.level == 2 }
                .map { TOCEntry(level: $0.level, id: $0.id, title: $0.title) }
        }
        let page = Page(
            path: chapter.exercisesPath, title: "Exercises for \(chapter.number) \(chapter.title)",
            bodyHTML: body.joined(separator: "\n"), tableOfContents: headings, previous: chapter.link,
            courseTitle: identity.title, authorLine: identity.author, creditHTML: Page.credit(section: "§\(chapter.number) \(chapter.title)"))
        return [SiteFile(path: chapter.exercisesPath, contents: page.html)] + dataFiles
    }

    /// Writes every chapter's exercises page into the site at `output` (created if missing), each folder replaced
    /// atomically; rewrites the home page (linking the exercises) and the style sheet; leaves the chapter pages
    /// alone and adds placeholders for the missing ones. Returns the pages written (paths relative to `output`).
    /// - Throws: `ChapterPageError.foreignSite` when `output/index.html` was not written by this course, or a
    ///   rendering or writing error. Every page is rendered before anything is written.
    public func write(to output: URL, identity: CourseIdentity = .standard) throws -> [String] {
        let home = output.appendingPathComponent("index.html")
        if let existing = FileManager.default.contents(atPath: home.path),
           !String(decoding: existing, as: UTF8.self).contains(Page.generator) {
            throw ChapterPageError.foreignSite(home.path)
        }
        let rendered = try CourseCatalogue.chapters.map { ($0, try files(for: $0, identity: identity)) }
            .filter { !$0.1.isEmpty }
        let exercisePages = SiteWriter.existingExercisePages(in: output).union(rendered.map { $0.0.exercisesPath })
        let homePage = HomePage(courseTitle: identity.title, authorLine: identity.author,
                                presentChapterPaths: SiteWriter.existingChapters(in: output),
                                presentExercisePaths: exercisePages)
        for (chapter, files) in rendered {
            try SiteWriter.write(files + [SiteFile(path: "index.html", contents: homePage.html),
                                          SiteFile(path: Stylesheet.fileName, contents: Stylesheet.css)],
                                 to: output, replacingDirectory: chapter.exercisesDirectory)
        }
        try ChapterSite.writeMissingPlaceholders(in: output, identity: identity)
        return rendered.map { $0.0.exercisesPath }
    }

    private static func figureNames(in page: String) -> [String] {
        page.split(separator: "\n").compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("{{figure:"), trimmed.hasSuffix("}}") else { return nil }
            return trimmed.dropFirst("{{figure:".count).dropLast(2).trimmingCharacters(in: .whitespaces)
        }
    }
}
