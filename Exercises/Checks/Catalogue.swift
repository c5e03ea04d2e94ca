/// Every exercise of the course, in the order the site and the grader list them.
public enum ExerciseCatalogue {
    public static var all: [Exercise] { chapter11_1 + chapter11_2 + earlierEdition11_2 }

    /// The points of each exercise's hidden checks, by exercise id (absent: none). Declared rather than summed, because
    /// the student edition has no hidden checks yet must tell students what grading adds; an instructor's test
    /// (`declaredHiddenPointsAreTheHiddenChecksPoints`) keeps it equal to the checks.
    public static let hiddenPoints: [String: Double] = [
        "11.1-1": 2, "11.1-2": 2, "11.2-1": 2, "11.2-2": 2, "11.2-3": 1, "11.2-4": 1,
        "11.2-E1": 2, "11.2-E2": 2, "11.2-E3": 2, "11.2-E4": 1,
    ]

    /// Makes one worked-solution figure (instructor's edition only: it may call the reference solutions).
    public typealias FigureMaker = @Sendable () throws -> WorkedFigure

    /// The worked-solution figures of the exercises pages of chapter `number` (`11.1` or `11.2`; the earlier
    /// edition's exercises are on 11.2's page), by the name `{{figure: NAME}}` places; empty for another chapter.
    /// A name given twice keeps the first maker (the page fails on the duplicate only if it places both).
    public static func figureMakers(chapter number: String) -> [String: FigureMaker] {
        switch number {
        case "11.1": figures11_1
        case "11.2": figures11_2.merging(figuresEarlierEdition11_2) { first, _ in first }
        default: [:]
        }
    }
}
