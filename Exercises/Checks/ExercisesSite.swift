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
        var prose: [ProseFile] = []
        for name in names.filter({ $0.hasSuffix(".md") }).sorted() {
            let url = folder.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw ExerciseToolError.fileSystem(path: url.path, reason: "cannot read")
            }
            let file = "Exercises/Pages/\(chapter.number)/\(name)"
            prose.append(ProseFile(name: file, text: try ReleaseTransform.showPageSolutions(
                String(decoding: data, as: UTF8.self), file: file)))
        }
        guard !prose.isEmpty else { return [] }
        let makers = figureMakers(chapter.number)
        var figures: [String: PageFigure] = [:]
        for name in PageAssembly.figureNames(in: prose) {
            guard let make = makers[name] else { continue }  // Markdown reports the unknown block with its line.
            figures[name] = try make()
        }
        let page = try PageAssembly(
            prose: prose, figures: figures, figureNumberPrefix: "", directory: chapter.exercisesDirectory,
            data: PageAssembly.figureNames(in: prose).compactMap { figures[$0] }.flatMap(\.data))
        let intro = "<p class=\"intro\">The exercises of <a href=\""
            + HTML.escape(Page.relativeHref(to: chapter.path, from: chapter.exercisesPath))
            + "\">§\(HTML.escape(chapter.number)) \(HTML.escape(chapter.title))</a>. Implement the functions in "
            + "<code>Exercises/Workspace/</code> and run <code>swift run exercises check</code>.</p>"
        // The contents list the exercises; every exercise has the same subheadings (hints, …).
        let html = Page(of: chapter, path: chapter.exercisesPath,
                        title: "Exercises for \(chapter.number) \(chapter.title)",
                        bodyHTML: intro + "\n" + page.bodyHTML, tableOfContents: page.headings.filter { $0.level == 2 },
                        previous: chapter.link, identity: identity).html
        return [SiteFile(path: chapter.exercisesPath, contents: html)] + page.dataFiles
    }

    /// Writes every chapter's exercises page into the site at `output` (created if missing), each folder replaced
    /// atomically; rewrites the home page (linking the exercises) and the style sheet; leaves the chapter pages
    /// alone and adds placeholders for the missing ones. Returns the pages written (paths relative to `output`).
    /// - Throws: `ChapterPageError.foreignSite` when `output/index.html` was not written by this course, or a
    ///   rendering or writing error. Every page is rendered before anything is written.
    public func write(to output: URL, identity: CourseIdentity = .standard) throws -> [String] {
        try SiteWriter.requireCourseSite(at: output)
        let rendered = try CourseCatalogue.chapters.map { ($0, try files(for: $0, identity: identity)) }
            .filter { !$0.1.isEmpty }
        let exercisePages = SiteWriter.existingExercisePages(in: output).union(rendered.map { $0.0.exercisesPath })
        let shared = SiteWriter.sharedFiles(presentChapters: SiteWriter.existingChapters(in: output),
                                            presentExercises: exercisePages, identity: identity)
        for (chapter, files) in rendered {
            try SiteWriter.write(files + shared, to: output, replacingDirectory: chapter.exercisesDirectory)
        }
        try ChapterSite.writeMissingPlaceholders(in: output, identity: identity)
        return rendered.map { $0.0.exercisesPath }
    }
}
