/// The course's name and author line as every page's header shows them, set by the instructor (`--title`,
/// `--author`). Plain text: pages escape it wherever it appears.
public struct CourseIdentity: Sendable, Equatable {
    /// The course title in every page header and the home page's heading.
    public var title: String
    /// A line under the title, such as the instructor's name and term; nil for none.
    public var author: String?

    public init(title: String = Page.defaultCourseTitle, author: String? = nil) {
        self.title = title
        self.author = author
    }

    /// The default: the companion's own title and no author line.
    public static let standard = CourseIdentity()
}
