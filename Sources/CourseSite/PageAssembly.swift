import Figures
import Foundation

/// A figure as a page shows it: the drawing, its caption and an optional note (plain text), the code that computed
/// it (highlighted HTML, or nil for none) and the data files behind it (linked under the caption).
public struct PageFigure: Sendable {
    public let figure: Figure
    public let caption: String
    public let note: String?
    public let codeHTML: String?
    public let data: [DataFile]

    /// A figure for a page; see the properties. `data` may be empty.
    public init(figure: Figure, caption: String, note: String? = nil, codeHTML: String? = nil, data: [DataFile]) {
        (self.figure, self.caption, self.note, self.codeHTML, self.data) = (figure, caption, note, codeHTML, data)
    }
}

/// One Markdown file of a page's prose: its name (for error messages) and its text.
public struct ProseFile: Sendable, Equatable {
    public let name: String
    public let text: String

    public init(name: String, text: String) {
        (self.name, self.text) = (name, text)
    }
}

/// The body of a page put together from its prose: the one assembler of the site's chapter and exercises pages.
///
/// The prose files are rendered in order (heading ids unique across them). A `{{figure: NAME}}` line becomes the
/// figure of that name, numbered in the order the prose places it (`figureNumberPrefix` + 1, 2, …); the other block
/// directives (`{{table: NAME}}`, `{{code: NAME}}`, …) take the HTML in `blocks` by their full name. The data files
/// are written to `directory/data/`.
///
/// - Throws: a Markdown error naming the file and line (also for a block the page does not have),
///   `ChapterPageError.notPlaced` for a figure or block the prose never places, and `ChapterPageError.duplicate`
///   for two data files of the same name.
public struct PageAssembly: Sendable {
    /// The rendered prose, figures and blocks in place.
    public let bodyHTML: String
    /// Every heading of the body, in order.
    public let headings: [TOCEntry]
    /// The data files, at `directory/data/NAME`.
    public let dataFiles: [SiteFile]

    /// Assembles `prose` with `figures` (by name) and `blocks` (by directive, such as `table: errors`), writing
    /// `data` (every data file of the page, its figures' among them).
    public init(prose: [ProseFile], figures: [String: PageFigure] = [:], blocks: [String: String] = [:],
                figureNumberPrefix: String, directory: String, data: [DataFile]) throws {
        var renderedBlocks = blocks
        for (index, name) in Self.figureNames(in: prose).filter({ figures[$0] != nil }).enumerated() {
            let entry = figures[name]!
            renderedBlocks["figure: \(name)"] = FigureBlock(
                name: name, number: "\(figureNumberPrefix)\(index + 1)", svg: try entry.figure.svg(),
                captionHTML: HTML.escape(entry.caption), noteHTML: entry.note.map(HTML.escape),
                dataFiles: entry.data.map { DataFileLink(href: "data/\($0.name)", label: $0.name) },
                codeHTML: entry.codeHTML, narrowSVG: try entry.figure.narrow().svg()).html
        }
        var body: [String] = []
        var headings: [TOCEntry] = []
        var used: Set<String> = []
        var ids: Set<String> = []
        for file in prose {
            let document = try Markdown.render(file.text, fileName: file.name, blocks: renderedBlocks, idsInUse: ids)
            ids = document.ids
            body.append(document.html)
            headings += document.headings.map { TOCEntry(level: $0.level, id: $0.id, title: $0.title) }
            used.formUnion(document.usedBlocks)
        }
        if let unused = renderedBlocks.keys.sorted().first(where: { !used.contains($0) }) {
            throw ChapterPageError.notPlaced(unused)
        }
        if let missing = figures.keys.sorted().first(where: { !used.contains("figure: \($0)") }) {
            throw ChapterPageError.notPlaced("figure: \(missing)")
        }
        var files: [SiteFile] = []
        for file in data {
            let path = "\(directory)/data/\(file.name)"
            guard !files.contains(where: { $0.path == path }) else {
                throw ChapterPageError.duplicate("data file \(file.name)")
            }
            files.append(SiteFile(path: path, contents: try file.contents()))
        }
        (bodyHTML, self.headings, dataFiles) = (body.joined(separator: "\n"), headings, files)
    }

    /// The names of the figures `prose` places with `{{figure: NAME}}` lines, in order, each once.
    public static func figureNames(in prose: [ProseFile]) -> [String] {
        var names: [String] = []
        for file in prose {
            for line in file.text.split(separator: "\n") {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                guard trimmed.hasPrefix("{{figure:"), trimmed.hasSuffix("}}") else { continue }
                let name = trimmed.dropFirst("{{figure:".count).dropLast(2).trimmingCharacters(in: .whitespaces)
                if !names.contains(name) { names.append(name) }
            }
        }
        return names
    }
}

extension Page {
    /// A page of `chapter` (its chapter page, its exercises page or a placeholder for either) with the course's
    /// header from `identity` and the chapter's section in the footer credit.
    public init(of chapter: ChapterEntry, path: String, title: String, bodyHTML: String,
                tableOfContents: [TOCEntry] = [], previous: PageLink? = nil, next: PageLink? = nil,
                identity: CourseIdentity) {
        self.init(path: path, title: title, bodyHTML: bodyHTML, tableOfContents: tableOfContents, previous: previous,
                  next: next, courseTitle: identity.title, authorLine: identity.author,
                  creditHTML: Page.credit(section: "§\(chapter.number) \(chapter.title)"))
    }
}

extension SiteWriter {
    /// The files every command rewrites beside its own pages: the course home (linking the chapters and exercises
    /// pages present, paths such as `chapter-11-2/index.html`) and the style sheet.
    public static func sharedFiles(presentChapters: Set<String>, presentExercises: Set<String>,
                                   identity: CourseIdentity) -> [SiteFile] {
        [SiteFile(path: "index.html",
                  contents: HomePage(courseTitle: identity.title, authorLine: identity.author,
                                     presentChapterPaths: presentChapters,
                                     presentExercisePaths: presentExercises).html),
         SiteFile(path: Stylesheet.fileName, contents: Stylesheet.css)]
    }
}
