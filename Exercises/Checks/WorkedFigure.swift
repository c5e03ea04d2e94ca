import CourseSite

/// A figure of an exercise's worked solution, as the instructor's exercises page shows it: the figure itself, its
/// caption (plain text) and the data files behind it (written next to the page and linked under the figure) — a
/// page figure without a note or code listing.
public typealias WorkedFigure = PageFigure
