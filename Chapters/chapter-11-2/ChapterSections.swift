import Foundation
import AttentionPooling
import CourseCLI
import CourseSite

// The pieces of the page that show Nadaraya–Watson results: a figure of estimates with its error table,
// and a figure of attention matrices, each with the CSV files behind it.

extension ChapterPage {
    /// Adds a figure of estimates (one panel per result), its CSV, and (given a name) a table of errors against the truth.
    mutating func addEstimates(_ results: [AttentionPoolingResult], names: [String], columns: [String],
                               data: RegressionData, figureName: String, snippet: String, tableName: String?,
                               caption: String) throws {
        let estimates = results.map(\.estimates)
        let undefinedNote = undefinedSummary(results: results, names: names)
        let figure = estimatesFigure(
            id: figureName, title: caption, description: estimatesDescription(names: names, data: data),
            panelTitles: names, estimates: estimates, data: data)
        let table = DataFile("\(figureName).csv", columns: ["x", "truth"] + columns,
                             optionalValues: [data.validationInputs.map(Optional.some),
                                              data.validationTruth?.map(Optional.some)
                                                  ?? Array(repeating: nil, count: data.validationInputs.count)]
                                 + estimates)
        try addFigure(figure, snippet: snippet, caption: caption, data: [table], note: undefinedNote)
        if let tableName { addTable(tableName, html: errorTableHTML(names: names, results: results, data: data)) }
    }

    /// Adds a figure of attention matrices (one heatmap per result) and one CSV per matrix, labelled by the
    /// queries' and keys' inputs.
    mutating func addAttention(_ results: [AttentionPoolingResult], names: [String], columns: [String],
                               data: RegressionData, keys: KeyColumns, figureName: String, snippet: String,
                               caption: String) throws {
        let columnsText = keys.count == data.trainingInputs.count
            ? "the \(data.trainingInputs.count) keys in increasing order"
            : "\(keys.count) groups of the \(data.trainingInputs.count) keys in increasing order (a cell holds the group's total weight)"
        let figure = try attentionFigure(
            id: figureName, title: caption,
            description: "\(results.count) heatmaps sharing one colour scale from white (weight 0) to dark red. "
                + "Rows are the \(data.validationInputs.count) queries from top to bottom, columns \(columnsText). "
                + attentionDescription(results, names),
            panelTitles: names, results: results, data: data, keys: keys)
        let files = zip(columns, results).map { column, result in
            DataFile("\(figureName)-\(column).csv", header: ["query_x"] + keys.csvHeaders,
                     rows: zip(data.validationInputs, result.weights).map { query, row in
                         [query] + (row ?? Array(repeating: nil, count: keys.count))
                     })
        }
        try addFigure(figure, snippet: snippet, caption: caption, data: files,
                      note: undefinedSummary(results: results, names: names))
    }
}

/// "Boxcar: 3 queries had no key in reach (gaps in the plot, empty CSV cells)", or nil when every query was answered.
private func undefinedSummary(results: [AttentionPoolingResult], names: [String]) -> String? {
    let counts = zip(names, results).filter { !$1.undefinedQueries.isEmpty }
        .map { "\($0): \($1.undefinedQueries.count) of \($1.weights.count)" }
    guard !counts.isEmpty else { return nil }
    return "Queries with no key in reach, where the estimate is undefined (a gap in the plot, an empty cell in the "
        + "data): " + counts.joined(separator: "; ") + "."
}

private func estimatesDescription(names: [String], data: RegressionData) -> String {
    "Four panels sharing the y axis, one per estimator (\(names.joined(separator: ", "))). Each shows the "
        + "\(data.trainingInputs.count) training examples as grey dots, "
        + (data.validationTruth == nil ? "" : "the true function 2 sin x + x as a dashed line, ")
        + "and the estimate at \(data.validationInputs.count) queries as a solid line."
}

private func attentionDescription(_ results: [AttentionPoolingResult], _ names: [String]) -> String {
    zip(names, results).map { name, result in
        let peaks = result.weights.compactMap { $0?.max() }
        let mean = peaks.isEmpty ? 0 : peaks.reduce(0, +) / Double(peaks.count)
        return "\(name): the largest weight in a row is \(mean.rounded(places: 2)) on average."
    }.joined(separator: " ")
}

/// The mean squared error against the truth and the count of undefined queries, per estimator.
func errorRows(names: [String], results: [AttentionPoolingResult], data: RegressionData)
    -> [(name: String, mse: Double?, undefined: Int)]
{
    zip(names, results).map { name, result in
        let truth = data.validationTruth ?? []
        let (mse, _) = meanSquaredError(estimates: result.estimates, truth: truth)
        return (name, truth.isEmpty ? nil : mse, result.undefinedQueries.count)
    }
}

func errorTableHTML(names: [String], results: [AttentionPoolingResult], data: RegressionData) -> String {
    let rows = errorRows(names: names, results: results, data: data)
    return HTMLTable(
        caption: data.validationTruth == nil
            ? "Queries without an answer (no truth is known for your data, so there is no error to report)."
            : "Mean squared error against the truth 2 sin x + x over the \(data.validationInputs.count) queries "
                + "(undefined estimates left out and counted).",
        header: ["estimator", "MSE", "queries with no key in reach"],
        rows: rows.map { [$0.name, $0.mse.map { $0.rounded(places: 3) } ?? "—", String($0.undefined)] },
        numericColumns: [1, 2]
    ).html
}

/// The terminal's table: estimator, MSE, undefined queries.
func errorTable(names: [String], results: [AttentionPoolingResult], data: RegressionData) -> String {
    let rows = errorRows(names: names, results: results, data: data)
    return TextTable(
        header: ["estimator", "MSE vs truth", "no key in reach"],
        rows: rows.map { [$0.name, $0.mse.map { $0.rounded(places: 3) } ?? "n/a", String($0.undefined)] },
        rightAligned: [1, 2]
    ).text
}

extension Double {
    /// The value with at most `places` decimals and no trailing zeros: 0.10 → "0.1", 2 → "2".
    func rounded(places: Int) -> String {
        var text = String(format: "%.\(places)f", self)
        while text.contains("."), text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// Four significant digits, for numbers whose size varies by orders of magnitude: 1.469, 2186, 4.263e-06.
    var significant: String { String(format: "%.4g", self) }

    /// A width as the page writes it: 0.1, 0.2, 0.5, 1.
    var formatted: String { rounded(places: 6) }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
