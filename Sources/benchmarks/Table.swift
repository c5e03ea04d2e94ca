/// The plain-text table: fixed column widths, so rows print as soon as they are measured.
enum Table {
    static let widths = [22, 9, 9, 10, 10, 10, 10, 0]

    /// `cells` padded to the column widths and separated by two spaces (the last column unpadded).
    static func row(_ cells: [String]) -> String {
        zip(cells, widths).map { cell, width in
            cell.count >= width ? cell : cell + String(repeating: " ", count: width - cell.count)
        }.joined(separator: "  ")
    }
}
