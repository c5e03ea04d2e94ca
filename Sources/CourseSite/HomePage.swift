import Figures

/// One chapter of the course as listed on the home page.
public struct ChapterEntry: Sendable, Equatable {
    /// The book's section number, e.g. `11.2`.
    public let number: String
    /// The chapter title, e.g. "Attention Pooling by Similarity".
    public let title: String
    /// One sentence on what the chapter covers (plain text).
    public let summary: String
    /// The chapter page relative to the site root, e.g. `chapter-11-2/index.html`.
    public let path: String
    /// The executable that generates the chapter, run as `swift run COMMAND`.
    public let command: String

    /// Creates an entry.
    public init(number: String, title: String, summary: String, path: String, command: String) {
        self.number = number
        self.title = title
        self.summary = summary
        self.path = path
        self.command = command
    }

    /// A link to the chapter titled "NUMBER TITLE", for previous/next navigation.
    public var link: PageLink {
        PageLink(title: "\(number) \(title)", path: path)
    }
}

/// Every chapter of the course, in reading order, so that whichever chapter command runs writes the same home page.
public enum CourseCatalogue {
    /// §11.1 and §11.2.
    public static let chapters = [chapter11_1, chapter11_2]

    /// §11.1 "Queries, Keys, and Values".
    public static let chapter11_1 = ChapterEntry(
        number: "11.1",
        title: "Queries, Keys, and Values",
        summary: "Attention as a soft database lookup: a query is compared with every key, "
            + "and the values are averaged with weights given by those similarities.",
        path: "chapter-11-1/index.html",
        command: "chapter-11-1")

    /// §11.2 "Attention Pooling by Similarity".
    public static let chapter11_2 = ChapterEntry(
        number: "11.2",
        title: "Attention Pooling by Similarity",
        summary: "Nadaraya–Watson kernel regression: predict at a query by averaging the training targets, "
            + "weighted by a kernel of how close their inputs are — attention pooling without learned parameters.",
        path: "chapter-11-2/index.html",
        command: "chapter-11-2")

    /// The chapter with section `number`, or `nil` if the course has none.
    public static func chapter(_ number: String) -> ChapterEntry? {
        chapters.first { $0.number == number }
    }
}

/// The course's home page: one card per chapter, linking to the chapters already generated and showing the command
/// that generates each missing one (never a dead link).
public struct HomePage: Sendable {
    /// The default introduction paragraph (HTML).
    public static let defaultIntroHTML = "A companion to §11.1–11.2 of <cite>Dive into Deep Learning</cite>, written in "
        + "Swift. Each chapter page is generated, with its figures and data, by its own command."

    /// The course title (plain text): the page's `<h1>` and header.
    public var courseTitle: String
    /// An optional author line under the header title (plain text).
    public var authorLine: String?
    /// The introduction above the chapter list (HTML, inserted as given).
    public var introHTML: String
    /// The chapters, in the order listed.
    public var chapters: [ChapterEntry]
    /// Paths (as in `ChapterEntry.path`) of the chapters present in the site, e.g. from
    /// `SiteWriter.existingChapters(in:)` plus the chapter being written.
    public var presentChapterPaths: Set<String>
    /// Paths (as in `ChapterEntry.exercisesPath`) of the exercises pages present in the site, e.g. from
    /// `SiteWriter.existingExercisePages(in:)`; a chapter's card links its exercises only when present.
    public var presentExercisePaths: Set<String>

    /// Creates the home page of `chapters`, of which those whose path is in `presentChapterPaths` are linked (and
    /// their exercises when in `presentExercisePaths`).
    public init(
        courseTitle: String = Page.defaultCourseTitle,
        authorLine: String? = nil,
        introHTML: String = HomePage.defaultIntroHTML,
        chapters: [ChapterEntry] = CourseCatalogue.chapters,
        presentChapterPaths: Set<String>,
        presentExercisePaths: Set<String> = []
    ) {
        self.courseTitle = courseTitle
        self.authorLine = authorLine
        self.introHTML = introHTML
        self.chapters = chapters
        self.presentChapterPaths = presentChapterPaths
        self.presentExercisePaths = presentExercisePaths
    }

    /// The home page as a `Page` at `index.html`.
    public var page: Page {
        let cards = chapters.map(card)
        let body = (["<p class=\"intro\">\(introHTML)</p>", "<ol class=\"chapter-list\">"] + cards + ["</ol>"])
            .joined(separator: "\n")
        return Page(
            path: "index.html", title: courseTitle, bodyHTML: body, courseTitle: courseTitle, authorLine: authorLine)
    }

    /// The home page's full HTML document.
    public var html: String {
        page.html
    }

    private func card(_ chapter: ChapterEntry) -> String {
        let number = "<span class=\"chapter-number\">\(HTML.escape(chapter.number))</span>"
        let title = HTML.escape(chapter.title)
        var summary = "<p>\(HTML.escape(chapter.summary))</p>"
        if presentExercisePaths.contains(chapter.exercisesPath) {
            let exercises = HTML.escape(Page.relativeHref(to: chapter.exercisesPath, from: "index.html"))
            summary += "<p class=\"chapter-exercises\"><a href=\"\(exercises)\">Exercises</a></p>"
        }
        guard presentChapterPaths.contains(chapter.path) else {
            return "<li class=\"chapter-card\"><h2>\(number) \(title)</h2>\(summary)"
                + "<p class=\"chapter-missing\">Not generated yet: run "
                + "<code>swift run \(HTML.escape(chapter.command))</code></p></li>"
        }
        let href = HTML.escape(Page.relativeHref(to: chapter.path, from: "index.html"))
        return "<li class=\"chapter-card\"><h2><a href=\"\(href)\">\(number) \(title)</a></h2>\(summary)</li>"
    }
}
