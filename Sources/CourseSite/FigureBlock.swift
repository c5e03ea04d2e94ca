import Figures

/// A link from a figure to one of the data files behind it.
public struct DataFileLink: Sendable, Equatable {
    /// The href relative to the page, e.g. `data/estimates.csv`.
    public let href: String
    /// The link text (plain text); by default the href's last path component.
    public let label: String
    /// Whether to add the `download` attribute so browsers save the file rather than display it.
    public let download: Bool

    /// Creates a link; `label` defaults to the file name at the end of `href`.
    public init(href: String, label: String? = nil, download: Bool = true) {
        self.href = href
        self.label = label ?? String(href.split(separator: "/").last ?? Substring(href))
        self.download = download
    }
}

/// A numbered figure of a chapter page: the plot, its caption, an optional note, links to its data and its
/// Swift code folded in a `<details>` element.
///
/// Renders `<figure id="fig-NAME">` whose `<figcaption>` (last child, as HTML requires) holds the caption
/// ("Figure N: …"), the note, the data links and the code listing. The SVG, caption, note and code are HTML inserted
/// as given; the name, number, hrefs and labels are escaped.
public struct FigureBlock: Sendable {
    /// The figure's name: the element id is `fig-NAME`, so it should be a valid id fragment (no spaces).
    public var name: String
    /// The figure's number as shown, e.g. `1` or `11.2.3`.
    public var number: String
    /// The plot as an inline `<svg>` element (no XML declaration), shown on a light card at up to 1000px wide.
    public var svg: String
    /// The same plot laid out for phones (`Figure.narrow()`), shown instead of `svg` on screens up to 700px wide;
    /// nil to show `svg` everywhere.
    public var narrowSVG: String?
    /// The caption text as HTML (phrasing content).
    public var captionHTML: String
    /// An optional remark as HTML, e.g. "3 queries had no key in reach: gaps in the plot".
    public var noteHTML: String?
    /// The figure's data files, listed after the caption; none means no data line.
    public var dataFiles: [DataFileLink]
    /// The highlighted Swift code for the figure (from `SwiftHighlighter.html`), or `nil` for no listing.
    public var codeHTML: String?

    /// Creates a figure; see the properties for what each parameter means.
    public init(
        name: String, number: String, svg: String, captionHTML: String, noteHTML: String? = nil,
        dataFiles: [DataFileLink] = [], codeHTML: String? = nil, narrowSVG: String? = nil
    ) {
        self.name = name
        self.number = number
        self.svg = svg
        self.narrowSVG = narrowSVG
        self.captionHTML = captionHTML
        self.noteHTML = noteHTML
        self.dataFiles = dataFiles
        self.codeHTML = codeHTML
    }

    /// The element id, `fig-NAME`, for links such as `[Figure 2](#fig-estimates)`.
    public var id: String {
        "fig-\(name)"
    }

    /// The figure's HTML.
    public var html: String {
        var lines = [
            "<figure id=\"\(HTML.escape(id))\">",
            "<div class=\"figure-plot\">",
            plotHTML(wide: svg, narrow: narrowSVG),
            "</div>",
            "<figcaption>",
            "<div class=\"caption\"><span class=\"figure-label\">Figure \(HTML.escape(number)):</span> \(captionHTML)</div>",
        ]
        if let noteHTML {
            lines.append("<div class=\"figure-note\">\(noteHTML)</div>")
        }
        if !dataFiles.isEmpty {
            let links = dataFiles.map { file in
                let download = file.download ? " download" : ""
                return "<a href=\"\(HTML.escape(file.href))\"\(download)>\(HTML.escape(file.label))</a>"
            }
            lines.append("<div class=\"figure-data\">Data: \(links.joined(separator: ", "))</div>")
        }
        if let codeHTML {
            lines.append("<details><summary>Swift code for this figure</summary>"
                + "<pre tabindex=\"0\"><code class=\"language-swift\">\(codeHTML)</code></pre></details>")
        }
        lines.append("</figcaption>")
        lines.append("</figure>")
        return lines.joined(separator: "\n")
    }
}

/// A figure's plot: the SVG alone, or with a narrow layout both in their wrappers, which the style sheet shows one at a
/// time (`figure-wide` above 700px, `figure-narrow` up to 700px). No script is needed.
func plotHTML(wide: String, narrow: String?) -> String {
    guard let narrow else { return wide }
    return "<div class=\"figure-wide\">\(wide)</div>\n<div class=\"figure-narrow\">\(narrow)</div>"
}
