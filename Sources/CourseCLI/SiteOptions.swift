import CourseSite
import Foundation

/// The options of every command that writes the course site: where to write it, and the course's title and author
/// line for the page headers. Give every command the same `--title` and `--author`: each rewrites the home page.
public struct SiteOptions: Sendable, Equatable {
    /// `--out DIR`, `--title TEXT`, `--author TEXT`.
    public static let specs = [
        OptionSpec(name: "--out", valueName: "DIR", help: "Folder to write the site into.", kind: .path,
                   defaultValue: "Site"),
        OptionSpec(name: "--title", valueName: "TEXT", help: "Course title in every page header.", kind: .string,
                   defaultValue: "the companion's own title"),
        OptionSpec(name: "--author", valueName: "TEXT", help: "A line under the title, such as the instructor and term.",
                   kind: .string),
    ]

    public let outputDirectory: String
    /// nil: the course's default title.
    public let title: String?
    public let author: String?

    /// The options as parsed; a title or author that is empty or spans lines is refused.
    public init(_ parsed: ParsedArguments) throws(CLIError) {
        outputDirectory = parsed.string("--out") ?? "Site"
        for name in ["--title", "--author"] {
            if let text = parsed.string(name), text.trimmingCharacters(in: .whitespaces).isEmpty || text.contains("\n") {
                throw .invalidValue(option: name, message: "must be one line of text, not empty")
            }
        }
        title = parsed.string("--title")
        author = parsed.string("--author")
    }

    /// The course identity the options ask for: `--title` (or the default title) and `--author`.
    public var identity: CourseIdentity {
        CourseIdentity(title: title ?? Page.defaultCourseTitle, author: author)
    }
}
