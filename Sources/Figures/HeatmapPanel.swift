/// A panel showing a matrix as coloured cells, like matplotlib's `imshow`, coloured by the figure's `ColorScale`.
///
/// Column `j` spans `[a + j·w, a + (j+1)·w]` of `columnExtent` `a...b` (w = (b − a) / columns), left to right.
/// Row `i` spans `[c + i·h, c + (i+1)·h]` of `rowExtent` `c...d`, drawn from the TOP down, so the y axis values
/// grow downwards as in `imshow`. Undefined cells (nil or non-finite) are drawn light grey with a darker diagonal
/// hatch and get an entry in the figure's legend.
public struct HeatmapPanel: Sendable {
    /// The title drawn above the panel; empty for none.
    public var title: String
    /// The values, `values[row][column]`; at least one row and column, every row the same length.
    public var values: [[Double?]]
    /// The x-axis label; empty for none.
    public var xLabel: String
    /// The y-axis label; empty for none. With a shared y axis only the leftmost panel's label is drawn.
    public var yLabel: String
    /// The x coordinates spanned by the columns (finite, distinct bounds); ticks are nice numbers in them.
    public var columnExtent: ClosedRange<Double>
    /// The y coordinates spanned by the rows (finite, distinct bounds), the lower bound at the top.
    public var rowExtent: ClosedRange<Double>
    /// Names for the rows and columns, so that a page can say which cell is under the pointer; nil for none.
    public var readout: HeatmapReadout?

    /// Creates a heatmap panel. The extents default to cell indices: `0...columns` and `0...rows`.
    public init(
        title: String = "", values: [[Double?]], xLabel: String = "", yLabel: String = "",
        columnExtent: ClosedRange<Double>? = nil, rowExtent: ClosedRange<Double>? = nil,
        readout: HeatmapReadout? = nil
    ) {
        self.readout = readout
        self.title = title
        self.values = values
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.columnExtent = columnExtent ?? 0...Double(max(values.first?.count ?? 1, 1))
        self.rowExtent = rowExtent ?? 0...Double(max(values.count, 1))
    }

    /// True when some cell is nil or non-finite.
    var hasUndefinedCells: Bool {
        values.contains { row in row.contains { !($0?.isFinite ?? false) } }
    }
}

/// What a heatmap's cells are called, for a read-out of the cell under the pointer: "query x = 0.3, key 7 (x = 0.52):
/// weight 0.213".
///
/// With a read-out the heatmap carries its values, rounded to thousandths of the colour scale's span, in the data
/// attributes of a transparent rectangle over the cells (`data-readout-…`); a page's script turns the pointer's
/// position into a row and column and shows the text. The SVG itself needs no script.
public struct HeatmapReadout: Sendable {
    /// How a row is named, and each row's name ("query x", ["0", "0.1", …]).
    public var rowName: String
    public var rowNames: [String]
    /// How a column is named, and each column's name ("key", ["1 (x = 0.29)", …]).
    public var columnName: String
    public var columnNames: [String]
    /// How a value is named ("weight").
    public var valueName: String

    public init(rowName: String, rowNames: [String], columnName: String, columnNames: [String], valueName: String) {
        (self.rowName, self.rowNames, self.columnName) = (rowName, rowNames, columnName)
        (self.columnNames, self.valueName) = (columnNames, valueName)
    }
}
