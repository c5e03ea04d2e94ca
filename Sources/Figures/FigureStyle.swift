/// The fixed sizes and colours shared by every part of a figure, in px.
enum FigureStyle {
    /// Text and axis colour: near-black, readable on the light card the figure sits on.
    static let ink = "#222222"
    /// Outer margin around everything.
    static let margin = 6.0
    /// Length of tick marks, drawn outwards.
    static let tickLength = 3.5
    /// Space between a tick mark and its label.
    static let tickPadding = 3.0
    /// Font size of panel titles and axis labels.
    static let labelFontSize = 12.0
    /// Stroke width of frames and tick marks.
    static let frameWidth = 0.8
    /// Height of one legend row.
    static let legendRowHeight = 18.0
    /// Room a rotated axis label takes beside its tick labels.
    static let rotatedLabelRoom = 18.0
}
