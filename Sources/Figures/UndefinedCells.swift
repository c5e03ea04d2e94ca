/// How undefined heatmap cells look: light grey (#d9d9d9) crossed by darker grey (#969696) diagonal hatching,
/// distinct from every colour of the maps and visible at a glance.
enum UndefinedCells {
    /// The hatch's grey stroke.
    static let hatchColor = "#969696"

    /// A `<pattern>` with the given id that fills shapes with the hatch, fixed to the page (not stretched per cell).
    static func patternDefinition(id: String) -> String {
        "<pattern id=\"\(id)\" width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\" "
            + "patternTransform=\"rotate(45)\"><rect width=\"4\" height=\"4\" fill=\"#d9d9d9\"/>"
            + "<path d=\"M0 0V4\" stroke=\"\(hatchColor)\" stroke-width=\"1.5\"/></pattern>"
    }
}
