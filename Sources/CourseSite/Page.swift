import Figures

/// One entry of a page's table of contents: a heading of the page body.
public struct TOCEntry: Sendable, Equatable {
    /// The heading level; only 2 and 3 are listed (3 nests under the preceding 2), other levels are ignored.
    public let level: Int
    /// The heading's `id` in the body, linked as `#id`.
    public let id: String
    /// The heading's plain text (escaped when rendered).
    public let title: String

    /// Creates an entry.
    public init(level: Int, id: String, title: String) {
        self.level = level
        self.id = id
        self.title = title
    }
}

/// A link to another page of the site, such as the previous or next chapter.
public struct PageLink: Sendable, Equatable {
    /// The link text (plain text, escaped when rendered), e.g. "11.1 Queries, Keys, and Values".
    public let title: String
    /// The target's path relative to the site root, e.g. `chapter-11-1/index.html`; pages make it relative to themselves.
    public let path: String

    /// Creates a link.
    public init(title: String, path: String) {
        self.title = title
        self.path = path
    }
}

/// A complete HTML5 page of the course site: head, course header, breadcrumb, title, table of contents, body,
/// previous/next links and the source credit.
///
/// All links are relative to the page's own location (`path`), so the site works from `file://` and on any static
/// host; the page makes no external requests. Every plain-text field is escaped; `bodyHTML` and `creditHTML` are
/// inserted as given.
public struct Page: Sendable {
    /// The `<meta name="generator">` of every page, by which a later run recognises a site it may overwrite.
    public static let generator = "attention-course (Swift companion to Dive into Deep Learning)"

    /// Marks a chapter page that only says how to generate the chapter (so that navigation links are never dead).
    public static let placeholderMarker = "data-placeholder=\"chapter\""

    /// The default course title shown in every page header.
    public static let defaultCourseTitle =
        "Attention by Similarity — a Swift companion to Dive into Deep Learning §11.1–11.2"

    /// Where the page lives, relative to the site root, with `/` separators and no `..`: `index.html` for the home
    /// page, `chapter-11-2/index.html` for a chapter. Its depth decides the `../` prefix of every link.
    public var path: String
    /// The page's title, used in `<title>`, the breadcrumb and the `<h1>` (plain text).
    public var title: String
    /// The rendered main content, without an `<h1>` (the page adds it) — inserted unescaped.
    public var bodyHTML: String
    /// Headings of the body to list in the table of contents; no table is shown when none has level 2 or 3.
    public var tableOfContents: [TOCEntry]
    /// The previous chapter, if any.
    public var previous: PageLink?
    /// The next chapter, if any.
    public var next: PageLink?
    /// The course title in the header (plain text), linking to the home page.
    public var courseTitle: String
    /// An optional line under the course title, e.g. the authors (plain text).
    public var authorLine: String?
    /// The footer credit (HTML, inserted unescaped); see `credit(section:)`.
    public var creditHTML: String

    /// Creates a page; see the properties for what each parameter means.
    public init(
        path: String,
        title: String,
        bodyHTML: String,
        tableOfContents: [TOCEntry] = [],
        previous: PageLink? = nil,
        next: PageLink? = nil,
        courseTitle: String = Page.defaultCourseTitle,
        authorLine: String? = nil,
        creditHTML: String = Page.credit(section: "§11.1–11.2")
    ) {
        self.path = path
        self.title = title
        self.bodyHTML = bodyHTML
        self.tableOfContents = tableOfContents
        self.previous = previous
        self.next = next
        self.courseTitle = courseTitle
        self.authorLine = authorLine
        self.creditHTML = creditHTML
    }

    /// The footer credit for a page covering `section` of the book (plain text, escaped), e.g.
    /// `"§11.2 Attention Pooling by Similarity"`.
    public static func credit(section: String) -> String {
        "Based on <cite>Dive into Deep Learning</cite> by Aston Zhang, Zachary C. Lipton, Mu Li and Alexander J. Smola "
            + "(<a href=\"https://d2l.ai\">d2l.ai</a>), \(HTML.escape(section)), and on Christoph Lippert's lecture "
            + "slides that follow it; prose, code and figures written for this course."
    }

    /// The href reaching `sitePath` (relative to the site root) from the page at `pagePath`: one `../` per folder
    /// the page is in. `relativeHref(to: "style.css", from: "chapter-11-2/index.html")` is `../style.css`.
    public static func relativeHref(to sitePath: String, from pagePath: String) -> String {
        let depth = max(0, pagePath.split(separator: "/").count - 1)
        return String(repeating: "../", count: depth) + sitePath
    }

    /// Whether this is the site's home page (`index.html` at the root), which has no breadcrumb.
    public var isHome: Bool {
        path.split(separator: "/") == ["index.html"]
    }

    /// The full HTML5 document.
    public var html: String {
        let home = HTML.escape(Self.relativeHref(to: "index.html", from: path))
        let stylesheet = HTML.escape(Self.relativeHref(to: Stylesheet.fileName, from: path))
        let documentTitle = title == courseTitle ? title : "\(title) — \(courseTitle)"
        var lines = [
            "<!doctype html>",
            "<html lang=\"en\">",
            "<head>",
            "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<meta name=\"color-scheme\" content=\"light dark\">",
            "<meta name=\"generator\" content=\"\(Page.generator)\">",
            "<title>\(HTML.escape(documentTitle))</title>",
            "<link rel=\"stylesheet\" href=\"\(stylesheet)\">",
            "</head>",
            "<body>",
            "<header class=\"site-header\">",
            "<a class=\"course-title\" href=\"\(home)\">\(HTML.escape(courseTitle))</a>",
        ]
        if let authorLine {
            lines.append("<p class=\"byline\">\(HTML.escape(authorLine))</p>")
        }
        lines.append("</header>")
        if !isHome {
            lines.append("<nav class=\"breadcrumb\" aria-label=\"Breadcrumb\"><ol><li><a href=\"\(home)\">Home</a></li>"
                + "<li aria-current=\"page\">\(HTML.escape(title))</li></ol></nav>")
        }
        lines.append("<main id=\"content\">")
        lines.append("<h1>\(HTML.escape(title))</h1>")
        lines.append(contentsOf: tableOfContentsLines)
        lines.append(bodyHTML)
        lines.append("</main>")
        lines.append(contentsOf: chapterNavigationLines)
        lines.append("<footer class=\"site-footer\"><p>\(creditHTML)</p></footer>")
        if bodyHTML.contains("data-readout-values") {
            lines.append(HeatmapReadoutScript.html)
        }
        lines.append("</body>")
        lines.append("</html>")
        return lines.joined(separator: "\n") + "\n"
    }

    private var tableOfContentsLines: [String] {
        let entries = tableOfContents.filter { (2...3).contains($0.level) }
        guard !entries.isEmpty else { return [] }
        var lines = ["<nav class=\"toc\" aria-label=\"Contents\">", "<h2 class=\"toc-title\">Contents</h2>", "<ul>"]
        var openItem = false
        var openSublist = false
        for entry in entries {
            let link = "<a href=\"#\(HTML.escape(entry.id))\">\(HTML.escape(entry.title))</a>"
            if entry.level == 3 && openItem {
                if !openSublist {
                    lines.append("<ul>")
                    openSublist = true
                }
                lines.append("<li>\(link)</li>")
                continue
            }
            if openSublist {
                lines.append("</ul>")
                openSublist = false
            }
            if openItem {
                lines.append("</li>")
            }
            lines.append("<li>\(link)")
            openItem = true
        }
        if openSublist {
            lines.append("</ul>")
        }
        lines.append(contentsOf: ["</li>", "</ul>", "</nav>"])
        return lines
    }

    private var chapterNavigationLines: [String] {
        guard previous != nil || next != nil else { return [] }
        var lines = ["<nav class=\"chapter-nav\" aria-label=\"Previous and next chapters\">"]
        if let previous {
            lines.append("<a class=\"previous\" rel=\"prev\" href=\"\(href(previous))\">← \(HTML.escape(previous.title))</a>")
        }
        if let next {
            lines.append("<a class=\"next\" rel=\"next\" href=\"\(href(next))\">\(HTML.escape(next.title)) →</a>")
        }
        lines.append("</nav>")
        return lines
    }

    private func href(_ link: PageLink) -> String {
        HTML.escape(Self.relativeHref(to: link.path, from: path))
    }
}
