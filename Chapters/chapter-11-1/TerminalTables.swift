import AttentionPooling
import CourseCLI

// The short tables the command prints: the answers of the lookups and the checks of the special cases.

/// One row per lookup: the answer (the value with the largest weight, ties joined by "/") and its weight.
func lookupTable(_ lookups: [(name: String, database: StringDatabase, rule: LookupRule)], weights: [[Double]?])
    -> String
{
    TextTable(
        header: ["lookup", "answer", "weight"],
        rows: zip(lookups, weights).map { lookup, row in
            guard let answer = topAnswer(weights: row, values: lookup.database.values) else {
                return [lookup.name, "none", "—"]
            }
            return [lookup.name, answer.answer, answer.weight.rounded(places: 3)]
        },
        rightAligned: [2]).text
}

/// One row per query: the most likely first name and its probability.
func answerTable(_ distributions: [[Double]?], queries: [String], database: StringDatabase) -> String {
    TextTable(
        header: ["query", "most likely name", "probability"],
        rows: zip(queries, distributions).map { query, row in
            guard let answer = topAnswer(weights: row, values: database.distinctValues) else {
                return [query, "none", "—"]
            }
            return [query, answer.answer, answer.weight.rounded(places: 3)]
        },
        rightAligned: [2]).text
}

/// One row per special case: its checks.
func checksTable(_ checks: [SpecialCaseCheck]) -> String {
    TextTable(
        header: ["case", "min weight", "row sums", "in cone", "in hull", "= a value", "= mean"],
        rows: checks.map { check in
            let low = check.rowSums.lowerBound.rounded(places: 3), high = check.rowSums.upperBound.rounded(places: 3)
            return [check.name, check.smallestWeight.rounded(places: 5), low == high ? low : "\(low)–\(high)",
                    "\(check.inCone)/\(check.queries)", "\(check.inHull)/\(check.queries)",
                    "\(check.equalToAValue)/\(check.queries)", "\(check.equalToTheMean)/\(check.queries)"]
        },
        rightAligned: [1, 2, 3, 4, 5, 6]).text
}

/// The values with the largest weight ("Tim", or "Anna / Tim" for a tie) and that weight, or nil without weights.
func topAnswer(weights: [Double]?, values: [String]) -> (answer: String, weight: Double)? {
    guard let weights, let largest = weights.max() else { return nil }
    let best = zip(values, weights).filter { abs($0.1 - largest) <= 1e-12 }.map(\.0)
    return (best.joined(separator: " / "), largest)
}
