import CourseSite
import Figures
import Foundation

/// The exercises pages of the course site: `exercises-11-1/index.html` and `exercises-11-2/index.html`, one per
/// chapter, rendered from `Exercises/Pages/NUMBER/*.md` (in file-name order) with the course's layout.
///
/// Two editions from one source: the student edition (the default) leaves out every worked solution, the blocks
/// between `<!-- BEGIN SOLUTION -->` and `<!-- END SOLUTION -->` with their markers, so it shows statements, hints
/// and public checks only; the instructor's edition shows the worked solutions (the markers removed). A `{{figure: NAME}}` is drawn by the maker of that name
/// (`ExerciseCatalogue.figureMakers(chapter:)`), only when a page places it, and numbered in page order; its data
/// files go to `exercises-X/data/`. A chapter without a pages folder gets no page.
public struct ExercisesSite: Sendable {
    /// Which readers a site is for.
    public enum Edition: Sendable, Equatable {
        /// Statements, hints and public checks: safe to publish.
        case student
        /// The student edition plus the worked solutions (and their figures).
        case instructor
    }

    /// The package whose `Exercises/Pages` are rendered.
    public let packageRoot: URL
    /// Whether the worked solutions are shown.
    public let edition: Edition
    /// Figure makers by chapter number; by default the catalogue's.
    public let figureMakers: @Sendable (String) -> [String: ExerciseCatalogue.FigureMaker]

    /// A site of the pages in `packageRoot`, by default the student edition.
    public init(packageRoot: URL, edition: Edition = .student,
                figureMakers: @escaping @Sendable (String) -> [String: ExerciseCatalogue.FigureMaker]
                    = ExerciseCatalogue.figureMakers(chapter:)) {
        self.packageRoot = packageRoot
        self.edition = edition
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
            let source = String(decoding: data, as: UTF8.self)
            let text = switch edition {
            case .student: try ReleaseTransform.removePageSolutions(source, file: file)
            case .instructor: try ReleaseTransform.showPageSolutions(source, file: file)
            }
            prose.append(ProseFile(name: file, text: text))
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
    /// - Throws: `SiteWriteError.foreignPath` when a path to be replaced (such as `output/index.html`) was not
    ///   written by this course, or a rendering or writing error. Every page is rendered before anything is
    ///   written, and everything is written in one transaction.
    public func write(to output: URL, identity: CourseIdentity = .standard) throws -> [String] {
        let rendered = try CourseCatalogue.chapters.map { ($0, try files(for: $0, identity: identity)) }
            .filter { !$0.1.isEmpty }
        let exercisePages = SiteWriter.existingExercisePages(in: output).union(rendered.map { $0.0.exercisesPath })
        let shared = SiteWriter.sharedFiles(presentChapters: SiteWriter.existingChapters(in: output),
                                            presentExercises: exercisePages, identity: identity)
        let ownFolders = rendered.map { $0.0.exercisesDirectory }
        let placeholders = ChapterSite.missingPlaceholders(in: output, except: Set(ownFolders), identity: identity)
        try SiteWriter.write(rendered.flatMap(\.1) + shared + placeholders.map(\.page), to: output,
                             replacingDirectories: ownFolders + placeholders.map(\.directory))
        return rendered.map { $0.0.exercisesPath }
    }
}
