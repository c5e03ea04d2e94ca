import Figures
import Foundation

/// A CSV file of a chapter's data, written to `chapter-X/data/NAME`.
public struct DataFile: Sendable {
    public let name: String
    private let content: Content

    /// What the file holds: a table of any cells, or columns of numbers (kept as they are, so that a million rows
    /// cost their numbers and the bytes, not a cell object each).
    private enum Content: Sendable {
        case table(CSVTable)
        case numbers(header: [String], columns: [[Double]])
        case optionalNumbers(header: [String], columns: [[Double?]])
    }

    /// A table of any cells, text included.
    public init(_ name: String, table: CSVTable) {
        self.name = name
        content = .table(table)
    }

    /// A table given row by row; nil cells are written empty (an undefined estimate, an unknown truth).
    public init(_ name: String, header: [String], rows: [[Double?]]) {
        self.name = name
        content = .table(CSVTable(header: header, rows: rows.map { $0.map(CSVCell.number) }))
    }

    /// A table given column by column (a shorter column is padded with empty cells); nil cells are written empty.
    public init(_ name: String, columns: [String], optionalValues: [[Double?]]) {
        self.name = name
        content = .optionalNumbers(header: columns, columns: optionalValues)
    }

    /// A table given column by column, with every cell defined (a shorter column is padded with empty cells).
    public init(_ name: String, columns: [String], values: [[Double]]) {
        self.name = name
        content = .numbers(header: columns, columns: values)
    }

    /// The file's CSV bytes (see `CSVTable.text()`: numbers given by column are written the same way).
    public func contents() throws(CSVTableError) -> Data {
        switch content {
        case .table(let table):
            return Data(try table.text().utf8)
        case .numbers(let header, let columns):
            return try CSVTable.data(header: header, counts: columns.map(\.count)) { columns[$0][$1] }
        case .optionalNumbers(let header, let columns):
            return try CSVTable.data(header: header, counts: columns.map(\.count)) { columns[$0][$1] }
        }
    }
}

/// A chapter's page being put together: its prose (Markdown files next to the chapter's `main.swift`), and the
/// figures, tables, code listings, texts and data files the chapter computed for it.
///
/// The prose places them with block directives on lines of their own — `{{figure: NAME}}`, `{{table: NAME}}`,
/// `{{code: NAME}}` — and inline `{{text: NAME}}` placeholders. Figures are numbered in the order the prose shows
/// them (Figure 11.2.1, 11.2.2, …). Rendering fails, naming the file, if the prose asks for something the chapter did
/// not provide or leaves out a figure it did.
public struct ChapterPage {
    public let chapter: ChapterEntry
    /// The chapter's source folder (`Chapters/chapter-11-2`), holding `main.swift` and `prose/`.
    let chapterDirectory: URL
    /// The package's root folder, for code listings from the shared modules.
    let packageRoot: URL
    let mainSourceName: String
    let mainSource: String
    private var figures: [String: PageFigure] = [:]
    private var blocks: [String: String] = [:]
    private var texts: [String: String] = [:]
    private var dataFiles: [DataFile] = []

    /// Starts the page of `chapter`, whose `main.swift` is at `mainSourceFile` (pass `#filePath`).
    /// - Throws: `ChapterPageError.sourceMissing` when the chapter's sources cannot be read (the command must run
    ///   from the package checkout, where its prose and code live).
    public init(chapter: ChapterEntry, mainSourceFile: String) throws(ChapterPageError) {
        let main = URL(fileURLWithPath: mainSourceFile)
        self.chapter = chapter
        chapterDirectory = main.deletingLastPathComponent()
        packageRoot = chapterDirectory.deletingLastPathComponent().deletingLastPathComponent()
        mainSourceName = main.lastPathComponent
        mainSource = try Self.read(main)
    }

    /// Adds a figure with the code that computed it (the `snippet` of the chapter's `main.swift`), a caption
    /// (plain text), the data files behind it and an optional note (plain text).
    public mutating func addFigure(_ figure: Figure, snippet: String, caption: String, data: [DataFile],
                                   note: String? = nil) throws {
        guard figures[figure.id] == nil else { throw ChapterPageError.duplicate("figure \(figure.id)") }
        let code = try CodeSnippets.snippet(named: snippet, in: mainSource, fileName: mainSourceName)
        for file in data { try addData(file) }
        figures[figure.id] = PageFigure(figure: figure, caption: caption, note: note,
                                        codeHTML: SwiftHighlighter.html(code), data: data)
    }

    /// Adds a data file that no figure shows (the training set, say).
    public mutating func addData(_ file: DataFile) throws(ChapterPageError) {
        guard !dataFiles.contains(where: { $0.name == file.name }) else { throw .duplicate("data file \(file.name)") }
        dataFiles.append(file)
    }

    /// Provides the HTML for `{{table: NAME}}`.
    public mutating func addTable(_ name: String, html: String) {
        blocks["table: \(name)"] = html
    }

    /// Provides `{{explorer: NAME}}`: a figure the reader switches between variants, with its data files.
    public mutating func addExplorer(_ explorer: FigureExplorer, data: [DataFile]) throws(ChapterPageError) {
        for file in data { try addData(file) }
        blocks["explorer: \(explorer.name)"] = explorer.html
    }

    /// Provides `{{code: NAME}}`: the snippet `snippet` of `file` (a path from the package root), highlighted.
    public mutating func addCode(_ name: String, file: String, snippet: String) throws {
        let source = try Self.read(packageRoot.appendingPathComponent(file))
        let code = try CodeSnippets.snippet(named: snippet, in: source, fileName: file)
        blocks["code: \(name)"] = "<div class=\"listing\"><p class=\"listing-source\">\(HTML.escape(file))</p>"
            + "<pre tabindex=\"0\"><code class=\"language-swift\">\(SwiftHighlighter.html(code))</code></pre></div>"
    }

    /// Provides the Markdown for `{{text: NAME}}`.
    public mutating func setText(_ name: String, _ markdown: String) {
        texts[name] = markdown
    }

    /// The data files added so far, as a Markdown list of links (for the prose).
    public var dataFileList: String {
        dataFiles.map { "[\($0.name)](data/\($0.name))" }.joined(separator: ", ") + "."
    }

    /// Renders the prose files `sections` (in `prose/`, in this order) with everything added, and the data files.
    public func render(sections: [String]) throws -> ChapterSite {
        var prose: [ProseFile] = []
        for section in sections {
            let text = try Self.read(chapterDirectory.appendingPathComponent("prose").appendingPathComponent(section))
            prose.append(ProseFile(name: section, text: try ProseTemplate.fill(text, fileName: section, texts: texts)))
        }
        let page = try PageAssembly(prose: prose, figures: figures, blocks: blocks,
                                    figureNumberPrefix: "\(chapter.number).", directory: chapter.directory,
                                    data: dataFiles)
        return ChapterSite(chapter: chapter, bodyHTML: page.bodyHTML, headings: page.headings,
                           dataFiles: page.dataFiles)
    }

    private static func read(_ url: URL) throws(ChapterPageError) -> String {
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8)
        else { throw .sourceMissing(url.path) }
        return text
    }
}

/// A rendered chapter, ready to be written into a site together with the course home and the style sheet.
public struct ChapterSite: Sendable {
    public let chapter: ChapterEntry
    let bodyHTML: String
    let headings: [TOCEntry]
    let dataFiles: [SiteFile]

    /// Every file of the chapter's site: the chapter page, its data, the home page and the style sheet.
    /// `presentChapters` (paths such as `chapter-11-1/index.html`) are the other chapters already in the site; the
    /// home page links them and shows how to generate the rest.
    /// `presentExercises` (paths such as `exercises-11-2/index.html`) are the exercises pages in the site.
    public func files(presentChapters: Set<String>, presentExercises: Set<String> = [],
                      identity: CourseIdentity = .standard) -> [SiteFile] {
        let present = presentChapters.union([chapter.path])
        let chapters = CourseCatalogue.chapters
        let position = chapters.firstIndex(of: chapter)
        let page = Page(
            of: chapter, path: chapter.path, title: "\(chapter.number) \(chapter.title)", bodyHTML: bodyHTML,
            tableOfContents: headings.filter { (2...3).contains($0.level) },
            previous: position.flatMap { $0 > 0 ? chapters[$0 - 1].link : nil },
            next: position.flatMap { $0 + 1 < chapters.count ? chapters[$0 + 1].link : nil }, identity: identity)
        return [SiteFile(path: chapter.path, contents: page.html)]
            + SiteWriter.sharedFiles(presentChapters: present, presentExercises: presentExercises, identity: identity)
            + dataFiles
    }

    /// A page standing in for `chapter` until its command has run, so that the previous and next links of the
    /// chapters around it are never dead. Its own command replaces it.
    public static func placeholder(for chapter: ChapterEntry, identity: CourseIdentity = .standard) -> SiteFile {
        let body = "<p \(Page.placeholderMarker)>This chapter has not been generated yet. In the course package, run "
            + "<code>swift run \(HTML.escape(chapter.command))</code> with the same <code>--out</code> folder to write it "
            + "here.</p>"
        let page = Page(of: chapter, path: chapter.path, title: "\(chapter.number) \(chapter.title)",
                        bodyHTML: body, identity: identity)
        return SiteFile(path: chapter.path, contents: page.html)
    }

    /// A page standing in for `chapter`'s exercises page until `swift run exercises site` has run, so that the
    /// chapter's link to its exercises is never dead.
    public static func exercisesPlaceholder(for chapter: ChapterEntry, identity: CourseIdentity = .standard)
        -> SiteFile
    {
        let body = "<p \(Page.placeholderMarker)>The exercises page has not been generated yet. In the course package, "
            + "run <code>swift run exercises site</code> with the same <code>--out</code> folder to write it here.</p>"
        let page = Page(of: chapter, path: chapter.exercisesPath,
                        title: "Exercises for \(chapter.number) \(chapter.title)", bodyHTML: body, identity: identity)
        return SiteFile(path: chapter.exercisesPath, contents: page.html)
    }

    /// A placeholder for every chapter page and exercises page of the course whose folder is missing from the site
    /// at `output` (nothing at all at its path), so that no link between them is dead; `except` names folders the
    /// caller writes itself. Each entry is the folder and its page.
    public static func missingPlaceholders(in output: URL, except: Set<String> = [],
                                           identity: CourseIdentity = .standard) -> [(directory: String, page: SiteFile)] {
        CourseCatalogue.chapters.flatMap { chapter in
            [(chapter.directory, placeholder(for: chapter, identity: identity)),
             (chapter.exercisesDirectory, exercisesPlaceholder(for: chapter, identity: identity))]
        }.filter { directory, _ in
            var status = stat()
            return !except.contains(directory)
                && lstat(output.appendingPathComponent(directory).path, &status) != 0 && errno == ENOENT
        }.map { (directory: $0.0, page: $0.1) }
    }

    /// Writes the chapter into `outputDirectory` in one transaction (see `SiteWriter`): the chapter's folder is
    /// replaced whole, the home page and style sheet are rewritten, other chapters stay, and every other chapter of
    /// the course that is not in the site yet gets a placeholder page, so previous and next links always lead
    /// somewhere.
    /// - Throws: a `SiteWriteError`, among them `foreignPath` when a path to be replaced (the home page, the
    ///   chapter's folder) was not written by this course or cannot be read.
    public func write(to outputDirectory: String, identity: CourseIdentity = .standard) throws {
        let output = URL(fileURLWithPath: outputDirectory)
        let placeholders = Self.missingPlaceholders(in: output, except: [chapter.directory], identity: identity)
        try SiteWriter.write(files(presentChapters: SiteWriter.existingChapters(in: output),
                                   presentExercises: SiteWriter.existingExercisePages(in: output),
                                   identity: identity) + placeholders.map(\.page),
                             to: output, replacingDirectories: [chapter.directory] + placeholders.map(\.directory))
    }

    /// Where the chapter page lands for `outputDirectory`, for telling the user in the terminal (control characters
    /// escaped, see `ControlCharacters`).
    public func pagePath(in outputDirectory: String) -> String {
        ControlCharacters.escaped(
            URL(fileURLWithPath: outputDirectory).appendingPathComponent(chapter.path).standardizedFileURL.path)
    }
}

extension ChapterEntry {
    /// The chapter's folder in the site, e.g. `chapter-11-2`.
    public var directory: String { String(path.split(separator: "/").first ?? "") }

    /// The chapter's exercises page in the site, e.g. `exercises-11-2/index.html` (written by `exercises site`).
    public var exercisesPath: String { "\(exercisesDirectory)/index.html" }

    /// The exercises page's folder, e.g. `exercises-11-2`.
    public var exercisesDirectory: String { "exercises-" + number.replacingOccurrences(of: ".", with: "-") }
}

extension SiteWriter {
    /// The exercises pages present in the site at `outputDirectory`: the paths `exercises-X/index.html` of every
    /// chapter whose exercises page exists and is not a placeholder. Empty when the directory cannot be read.
    public static func existingExercisePages(in outputDirectory: URL) -> Set<String> {
        Set(CourseCatalogue.chapters.map(\.exercisesPath).filter { path in
            guard let page = FileManager.default.contents(atPath: outputDirectory.appendingPathComponent(path).path)
            else { return false }
            return !String(decoding: page, as: UTF8.self).contains(Page.placeholderMarker)
        })
    }
}

/// Why a chapter page could not be put together. One line each.
public enum ChapterPageError: Error, Equatable, CustomStringConvertible {
    case sourceMissing(String)
    case duplicate(String)
    case notPlaced(String)

    public var description: String {
        switch self {
        case .sourceMissing(let path):
            "cannot read \(path): run the chapter from the course package's folder, where its prose and code live"
        case .duplicate(let what): "the chapter adds \(what) twice"
        case .notPlaced(let block): "the prose never places {{\(block)}}: add it to one of the chapter's Markdown files"
        }
    }
}
