import CourseSite
import Figures

/// A figure of an exercise's worked solution, as the instructor's exercises page shows it: the figure itself, its
/// caption (plain text) and the data files behind it (written next to the page and linked under the figure).
public struct WorkedFigure: Sendable {
    public let figure: Figure
    public let caption: String
    public let data: [DataFile]

    /// A worked-solution figure; `data` may be empty.
    public init(figure: Figure, caption: String, data: [DataFile]) {
        self.figure = figure
        self.caption = caption
        self.data = data
    }
}
