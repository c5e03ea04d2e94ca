import Foundation
import AttentionPooling
import CourseCLI
import CourseSite

// The pieces of the page that show Nadaraya–Watson results: a figure of estimates with its error table,
// and a figure of attention matrices, each with the CSV files behind it.

extension ChapterPage {
    /// Adds a figure of estimates (one panel per estimator), its CSV, and (given a name) a table of their scores.
    mutating func addEstimates(_ estimates: [[Double?]], names: [String], columns: [String],
                               data: RegressionData, figureName: String, snippet: String, tableName: String?,
                               scores: [EstimatorScore]?, caption: String) throws {
        let undefinedNote = undefinedSummary(undefined: estimates.map { $0.filter { $0 == nil }.count },
                                             of: data.validationInputs.count, names: names)
        let figure = estimatesFigure(
            id: figureName, title: caption, description: estimatesDescription(names: names, data: data),
            panelTitles: names, estimates: estimates, data: data)
        let table = DataFile("\(figureName).csv", columns: ["x", "truth"] + columns,
                             optionalValues: [data.validationInputs.map(Optional.some),
                                              data.validationTruth?.map(Optional.some)
                                                  ?? Array(repeating: nil, count: data.validationInputs.count)]
                                 + estimates)
        try addFigure(figure, snippet: snippet, caption: caption, data: [table], note: undefinedNote)
        if let tableName, let scores { addTable(tableName, html: errorTableHTML(names: names, scores: scores)) }
    }

    /// Adds a figure of attention matrices (one heatmap per estimator, its rows computed by `attentionRows`) and one
    /// CSV per matrix, labelled by the queries' and keys' inputs as the reader sees them (`data`).
    mutating func addAttention(_ estimators: [NadarayaWatson], names: [String], columns: [String], queries: [Double],
                               data: RegressionData, keys: KeyColumns, figureName: String, snippet: String,
                               caption: String) throws {
        let matrices = try estimators.map { try attentionRows($0, queries: queries, keys: keys.keys, groups: keys.groups).rows }
        let columnsText = keys.count == data.trainingInputs.count
            ? "the \(data.trainingInputs.count) keys in increasing order"
            : "\(keys.count) groups of the \(data.trainingInputs.count) keys in increasing order (a cell holds the group's total weight)"
        let figure = try attentionFigure(
            id: figureName, title: caption,
            description: "\(matrices.count) heatmaps sharing one square-root colour scale from white (weight 0) to dark red. "
                + "Rows are the \(data.validationInputs.count) queries from top to bottom, columns \(columnsText). "
                + attentionDescription(matrices, names),
            panelTitles: names, rows: matrices, data: data, keys: keys)
        let files = zip(columns, matrices).map { column, matrix in
            DataFile("\(figureName)-\(column).csv", header: ["query_x"] + keys.csvHeaders,
                     rows: zip(data.validationInputs, matrix).map { query, row in
                         [query] + (row ?? Array(repeating: nil, count: keys.count))
                     })
        }
        try addFigure(figure, snippet: snippet, caption: caption, data: files,
                      note: undefinedSummary(undefined: matrices.map { $0.filter { $0 == nil }.count },
                                             of: queries.count, names: names))
    }
}

// snippet: attention-rows
/// The attention matrix of `estimator`, row by row (nil where no key is in reach), each row summed over `groups` of
/// neighbouring keys (one key per group unless there are too many keys to draw). The estimator hands over one row
/// of n weights at a time, so a million keys cost megabytes, not gigabytes.
func attentionRows(_ estimator: NadarayaWatson, queries: [Double], keys: [Double], groups: [Range<Int>]) throws
    -> (rows: [[Double]?], path: EstimatorPath)
{
    try estimator.attentionRows(queries: queries, keys: keys) { weights in groups.map { weights[$0].reduce(0, +) } }
}
// end snippet

/// "Boxcar: 3 of 50" for the estimators that left queries with no key in reach, or nil when every query was answered.
private func undefinedSummary(undefined: [Int], of queries: Int, names: [String]) -> String? {
    let counts = zip(names, undefined).filter { $1 > 0 }.map { "\($0): \($1) of \(queries)" }
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

private func attentionDescription(_ matrices: [[[Double]?]], _ names: [String]) -> String {
    zip(names, matrices).map { name, matrix in
        let peaks = matrix.compactMap { $0?.max() }
        let mean = peaks.isEmpty ? 0 : peaks.reduce(0, +) / Double(peaks.count)
        return "\(name): the largest weight in a row is \(mean.rounded(places: 2)) on average."
    }.joined(separator: " ")
}

/// The explorer's trade-off: for every kernel and width, the leave-one-out MSE on `data`'s pairs and the MSE of
/// `results` against the truth, nil where some point had no key in reach.
func widthTradeOff(_ results: [[AttentionPoolingResult]], widths: [Double], data: RegressionData) throws -> WidthTradeOff {
    let inputs = data.trainingInputs.map { [$0] }
    let leaveOneOut = try Kernel.allCases.map { kernel in
        try widths.map { sigma -> Double? in
            let (mean, undefined) = try NadarayaWatson(kernel: kernel, width: .scalar(sigma))
                .leaveOneOutError(inputs: inputs, targets: data.trainingTargets)
            return undefined == 0 ? mean : nil
        }
    }
    let truth = data.validationTruth.map { truth in
        results.map { row in
            row.map { result -> Double? in
                let (mean, undefined) = meanSquaredError(estimates: result.estimates, truth: truth)
                return undefined == 0 ? mean : nil
            }
        }
    }
    return WidthTradeOff(widths: widths, leaveOneOut: leaveOneOut, truth: truth)
}

/// How well one estimator did: its leave-one-out error on the training pairs (always) and its error against the truth
/// at the queries (when the truth is known), each with the count of points it could not answer.
struct EstimatorScore {
    let leaveOneOut: Double?
    let leaveOneOutUndefined: Int
    let truth: Double?
    let queriesUndefined: Int
    /// The error the page ranks by: against the truth when it is known, else leave-one-out.
    let ranked: Double?
    let rankedUndefined: Int
}

/// Scores estimators on a run's data: leave-one-out on `sample` (every pair unless there are more than 500, since it
/// costs n² work), the truth's error at the queries of `data`.
struct Scores {
    let data: RegressionData
    let sample: RegressionData

    /// What the ranking error is called in sentences.
    var rankingName: String {
        data.validationTruth == nil ? "leave-one-out error" : "error against the truth"
    }

    func of(_ estimators: [NadarayaWatson], _ estimates: [[Double?]]) throws -> [EstimatorScore] {
        try zip(estimators, estimates).map { estimator, estimates in
            let loo = try estimator.leaveOneOutError(inputs: sample.trainingInputs.map { [$0] }, targets: sample.trainingTargets)
            let truth = data.validationTruth.map { meanSquaredError(estimates: estimates, truth: $0).mean } ?? nil
            let undefined = estimates.filter { $0 == nil }.count
            let known = data.validationTruth != nil
            return EstimatorScore(leaveOneOut: loo.mean, leaveOneOutUndefined: loo.undefined, truth: truth,
                                  queriesUndefined: undefined, ranked: known ? truth : loo.mean,
                                  rankedUndefined: known ? undefined : loo.undefined)
        }
    }
}

extension [EstimatorScore] {
    var ranking: [Double?] { map(\.ranked) }
    var rankingUndefined: [Int] { map(\.rankedUndefined) }
}

/// Numbers for a table column, each with the fewest significant digits (at least 4) that keep different values
/// different in print.
func distinctTexts(_ values: [Double?]) -> [String] {
    for digits in 4...17 {
        let texts = values.map { $0.map { $0.significant(digits) } }
        let pairs = zip(values, texts).compactMap { value, text in value.flatMap { v in text.map { (v, $0) } } }
        let clash = pairs.contains { a in pairs.contains { b in a.0 != b.0 && a.1 == b.1 } }
        if !clash { return texts.map { $0 ?? "—" } }
    }
    return values.map { $0.map { "\($0)" } ?? "—" }
}

func errorTableHTML(names: [String], scores: [EstimatorScore]) -> String {
    let truthKnown = scores.contains { $0.truth != nil }
    let loo = distinctTexts(scores.map(\.leaveOneOut))
    let truth = distinctTexts(scores.map(\.truth))
    let rows = names.indices.map { i in
        [names[i], loo[i] + (scores[i].leaveOneOutUndefined > 0 ? " (\(scores[i].leaveOneOutUndefined) undefined)" : "")]
            + (truthKnown ? [truth[i]] : []) + [String(scores[i].queriesUndefined)]
    }
    return HTMLTable(
        caption: "Leave-one-out mean squared error on the training pairs (each label predicted from the others)"
            + (truthKnown ? " and mean squared error against the truth 2 sin x + x at the queries" : "")
            + "; undefined estimates are left out of a mean and counted.",
        header: ["estimator", "leave-one-out MSE"] + (truthKnown ? ["MSE vs truth"] : []) + ["queries with no key in reach"],
        rows: rows, numericColumns: truthKnown ? [1, 2, 3] : [1, 2]
    ).html
}

/// The terminal's table: estimator, leave-one-out MSE, MSE against the truth, undefined queries.
func errorTable(names: [String], scores: [EstimatorScore]) -> String {
    let loo = distinctTexts(scores.map(\.leaveOneOut))
    let truth = distinctTexts(scores.map(\.truth))
    return TextTable(
        header: ["estimator", "leave-one-out MSE", "MSE vs truth", "no key in reach"],
        rows: names.indices.map { [names[$0], loo[$0], truth[$0] == "—" ? "n/a" : truth[$0], String(scores[$0].queriesUndefined)] },
        rightAligned: [1, 2, 3]
    ).text
}

/// The claims of a run: each one's sentence goes to its `{{text: NAME}}` slot, and all of them to data/claims.csv.
struct ClaimLedger {
    private(set) var claims: [Claim] = []

    mutating func state(_ claim: Claim, on page: inout ChapterPage) {
        page.setText(claim.name, claim.sentence)
        claims.append(claim)
    }

    subscript(name: String) -> Claim? { claims.first { $0.name == name } }

    /// claims.csv: claim, verdict, sentence.
    var dataFile: DataFile {
        DataFile("claims.csv", table: CSVTable(header: ["claim", "verdict", "sentence"],
                                               rows: claims.map { [.text($0.name), .text($0.verdict), .text($0.sentence)] }))
    }
}

extension Double {
    /// A width as the page writes it: 0.1, 0.2, 0.5, 1.
    var formatted: String { rounded(places: 6) }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
