import AttentionPooling

// Every sentence of the page that describes a result comes from one of these predicates, applied to that run's
// numbers. Each returns a verdict (a short, machine-readable string, exported to data/claims.csv so that a test can
// recompute it from the other CSV files) and the sentence that says it. The prose files hold the teaching text only.

/// A statement about one run: its predicate's name, the verdict, and the Markdown sentence the page shows.
struct Claim: Equatable {
    let name: String
    let verdict: String
    let sentence: String
}

// MARK: - The shape of a curve

/// One significant move of a curve.
enum Move: String, Equatable {
    case rise, fall
}

/// The significant moves of a curve, left to right: a move counts once the curve has gone at least `threshold` away
/// from its last turning point (a zigzag filter), so wiggles smaller than `threshold` are ignored. Undefined points
/// (nil) are skipped. A flat curve, or one with fewer than two defined points, has no moves.
func significantMoves(_ curve: [Double?], threshold: Double) -> [Move] {
    let points = curve.compactMap { $0 }
    guard var low = points.first else { return [] }
    var high = low
    var moves: [Move] = []
    for y in points.dropFirst() {
        switch moves.last {
        case nil:
            low = min(low, y)
            high = max(high, y)
            if y - low >= threshold { moves = [.rise]; high = y }
            else if high - y >= threshold { moves = [.fall]; low = y }
        case .rise:
            high = max(high, y)
            if high - y >= threshold { moves.append(.fall); low = y }
        case .fall:
            low = min(low, y)
            if y - low >= threshold { moves.append(.rise); high = y }
        }
    }
    return moves
}

/// The threshold of `significantMoves` for a data set: 3 % of the range of its labels.
func shapeThreshold(labels: [Double]) -> Double {
    0.03 * ((labels.max() ?? 0) - (labels.min() ?? 0))
}

/// "rise-fall-rise", or "flat" when there is no move: a shape's verdict.
func shapeVerdict(_ moves: [Move]) -> String {
    moves.isEmpty ? "flat" : moves.map(\.rawValue).joined(separator: "-")
}

/// A shape in words: "is flat", "rises throughout", "rises, dips and rises again", "changes direction 7 times".
func shapeWords(_ moves: [Move]) -> String {
    switch moves {
    case []: "is flat"
    case [.rise]: "rises throughout"
    case [.fall]: "falls throughout"
    case [.rise, .fall]: "rises, then falls"
    case [.fall, .rise]: "falls, then rises"
    case [.rise, .fall, .rise]: "rises, dips and rises again"
    case [.fall, .rise, .fall]: "falls, recovers and falls again"
    default: "changes direction \(moves.count - 1) times"
    }
}

/// How each estimate's shape compares with the truth's (or, without a truth, what each one does).
/// Verdict: "name=shape;…" for every estimate, then "truth=shape" when the truth is known.
func shapeClaim(name: String, estimates: [[Double?]], names: [String], truth: [Double]?, labels: [Double]) -> Claim {
    let threshold = shapeThreshold(labels: labels)
    let shapes = estimates.map { significantMoves($0, threshold: threshold) }
    var verdict = zip(names, shapes).map { "\($0)=\(shapeVerdict($1))" }
    var parts: [String] = []
    if let truth {
        let truthShape = significantMoves(truth.map(Optional.some), threshold: threshold)
        verdict.append("truth=\(shapeVerdict(truthShape))")
        let same = zip(names, shapes).filter { $1 == truthShape }.map(\.0)
        parts.append("The truth \(shapeWords(truthShape))"
            + (same.isEmpty ? ", and none of these estimates does"
                            : ", and so \(same.count == 1 ? "does" : "do") the \(listed(same)) estimate\(same.count == 1 ? "" : "s")"))
        for (name, shape) in zip(names, shapes) where shape != truthShape {
            parts.append("the \(name) estimate \(shapeWords(shape))")
        }
    } else {
        for (name, shape) in zip(names, shapes) { parts.append("the \(name) estimate \(shapeWords(shape))") }
        parts[0] = parts[0].capitalizedFirst
    }
    return Claim(name: name, verdict: verdict.joined(separator: ";"),
                 sentence: parts.joined(separator: "; ") + " (counting only moves of at least 3 % of the labels' range).")
}

// MARK: - Errors

/// Which estimator has the smallest error, and how the others compare. Estimators with undefined estimates are not
/// ranked (their error is over fewer points). Verdict: names in increasing order of error, joined by "<", then
/// "|unranked=…" when some were left out.
func errorRankingClaim(name: String, names: [String], errors: [Double?], undefined: [Int], scoreName: String) -> Claim {
    let ranked = names.indices.filter { undefined[$0] == 0 && errors[$0] != nil }
        .sorted { (errors[$0]!, $0) < (errors[$1]!, $1) }
    let unranked = names.indices.filter { !ranked.contains($0) }
    var verdict = ranked.map { names[$0] }.joined(separator: "<")
    if !unranked.isEmpty { verdict += "|unranked=" + unranked.map { names[$0] }.joined(separator: ",") }
    guard let best = ranked.first, let bestError = errors[best] else {
        return Claim(name: name, verdict: verdict, sentence: "No estimator answered every point, so none is ranked by \(scoreName).")
    }
    var sentence = "By \(scoreName), the \(names[best]) estimate is best, with mean squared error \(bestError.significant)"
    let others = ranked.dropFirst().map { index in
        "\(names[index]) \(ratioText(errors[index]!, bestError))"
    }
    if !others.isEmpty { sentence += "; relative to it: " + listed(others) }
    if !unranked.isEmpty {
        sentence += ". " + listed(unranked.map { names[$0] }) + " left some points without a key in reach and "
            + (unranked.count == 1 ? "is" : "are") + " not ranked"
    }
    return Claim(name: name, verdict: verdict, sentence: sentence + ".")
}

/// "1.7 times", "the same", "2.1 % more" — the ratio of two nonnegative numbers in words.
func ratioText(_ value: Double, _ reference: Double) -> String {
    guard reference > 0 else { return value == reference ? "the same" : "infinitely many times" }
    let ratio = value / reference
    if ratio < 1.0005 { return "within 0.05 %" }
    if ratio < 1.1 { return "\(((ratio - 1) * 100).rounded(places: 1)) % more" }
    return "\(ratio.twoDigits) times"
}

extension Double {
    /// Four significant digits for a TeX formula: 2.248 \\times 10^{4} rather than 2.248e+04.
    var inMath: String {
        let text = significant
        guard let e = text.firstIndex(of: "e"), let exponent = Int(text[text.index(after: e)...]) else { return text }
        return "\(text[..<e]) \\times 10^{\(exponent)}"
    }

    /// Two significant digits at least, three from 100 on: 0.0091, 0.83, 1.5, 12, 230.
    var twoDigits: String { self >= 100 ? rounded(places: 0) : significant(2) }
}

/// The best of several widths by `errors` (the first of equal ones), and whether it is an end of the range tried.
/// Verdict: "best=NAME;interior" or "best=NAME;end" (or "none" when no width answered every point).
func bestWidthClaim(names: [String], errors: [Double?], undefined: [Int], scoreName: String) -> Claim {
    let candidates = names.indices.filter { undefined[$0] == 0 && errors[$0] != nil }
    guard let best = candidates.min(by: { (errors[$0]!, $0) < (errors[$1]!, $1) }) else {
        return Claim(name: "best-width", verdict: "none", sentence: "No width answered every point.")
    }
    let interior = best != 0 && best != names.count - 1
    let sentence = interior
        ? "By \(scoreName), the best of these widths is \(names[best]), between the extremes: too narrow follows the "
            + "noise, too wide flattens the curve"
        : "By \(scoreName), the best of these widths is \(names[best]), an end of the range tried: on this run the "
            + "best width may lie beyond it"
    return Claim(name: "best-width", verdict: "best=\(names[best]);\(interior ? "interior" : "end")",
                 sentence: sentence + ".")
}

// MARK: - Which code ran

/// Which path of the one entry point computed each estimator's curve (`NadarayaWatson.estimatesAndPath`: the cost
/// model's choice, or the dense engine when a fast path refused the data). Verdict: "name=path;…".
func pathClaim(names: [String], paths: [EstimatorPath], queries m: Int, keys n: Int) -> Claim {
    let verdict = zip(names, paths).map { "\($0)=\($1.rawValue)" }.joined(separator: ";")
    if paths.allSatisfy({ $0 == .reference }) {
        return Claim(name: "estimator-path", verdict: verdict,
                     sentence: "On this run every curve and every heatmap row of this section was computed by exactly "
                        + "this code: \(m) queries and \(n) keys make \(m * n) kernel values per estimator, within the "
                        + "10⁵ up to which the cost model keeps the reference")
    }
    let groups = Dictionary(grouping: zip(names, paths), by: \.1)
        .sorted { $0.key.rawValue < $1.key.rawValue }
        .map { path, pairs in "\(path.name) for the \(listed(pairs.map(\.0)))" }
    return Claim(name: "estimator-path", verdict: verdict,
                 sentence: "With \(m) queries and \(n) keys (\(m * n) kernel values per estimator) this run's curves were "
                    + "computed by " + listed(groups) + ", and the heatmaps' rows by the dense engine's loops: faster "
                    + "ways to the same sums and weights, each tested against the code above")
}

// MARK: - Attention weights

/// The spread of a query's attention: the standard deviation of the keys under its weights,
/// √(Σᵢ αᵢ kᵢ² − (Σᵢ αᵢ kᵢ)²), averaged over the queries whose weights are defined. Both sums are Nadaraya–Watson
/// estimates themselves (pooling kᵢ² and kᵢ instead of yᵢ), so this needs no attention matrix. nil if no query is
/// defined.
func meanWeightSpread(_ estimator: NadarayaWatson, queries: [Double], keys: [Double]) throws -> Double? {
    let mean = try estimator.estimates(queries: queries, keys: keys, values: keys)
    let meanOfSquares = try estimator.estimates(queries: queries, keys: keys, values: keys.map { $0 * $0 })
    let spreads = zip(mean, meanOfSquares).compactMap { m, s in m.flatMap { m in s.map { (max(0, $0 - m * m)).squareRoot() } } }
    return spreads.isEmpty ? nil : spreads.reduce(0, +) / Double(spreads.count)
}

/// How far the attention of each estimator spreads (see `meanWeightSpread`). Verdict: names in increasing order of
/// spread joined by "<", then ";similar" when the largest is at most 1.25 times the smallest, else ";different".
func spreadClaim(name: String, names: [String], spreads: [Double?], unit: String) -> Claim {
    let known = names.indices.filter { spreads[$0] != nil }.sorted { (spreads[$0]!, $0) < (spreads[$1]!, $1) }
    guard let narrowest = known.first, let widest = known.last else {
        return Claim(name: name, verdict: "none", sentence: "No query had a defined row of weights.")
    }
    let similar = spreads[widest]! <= 1.25 * spreads[narrowest]!
    if spreads[narrowest]! < 0.005, !similar {
        let values = known.reversed().map { "\(spreads[$0]!.twoDigits) for \(names[$0])" }
        return Claim(name: name, verdict: known.map { names[$0] }.joined(separator: "<") + ";different",
                     sentence: "On average, the keys a query attends to have a standard deviation\(unit.isEmpty ? "" : " " + unit) of "
                        + listed(values) + ": with \(names[narrowest]) nearly all of a query's weight sits on a single key.")
    }
    let values = known.reversed().map { "\(spreads[$0]!.twoDigits) for \(names[$0])" }
    let sentence = "On average, the keys a query attends to have a standard deviation\(unit.isEmpty ? "" : " " + unit) of "
        + listed(values) + ": " + (similar ? "nearly the same reach"
                                         : "the widest band is \(ratioText(spreads[widest]!, spreads[narrowest]!)) as wide as the narrowest")
    return Claim(name: name, verdict: known.map { names[$0] }.joined(separator: "<") + (similar ? ";similar" : ";different"),
                 sentence: sentence + ".")
}

/// Whether matching the kernels' standard deviations brought their estimates closer together than one σ for all
/// did: the largest gap between any two estimates at any query where all are defined. Verdict: "closer" or
/// "not-closer", then ";gap-sigma=…;gap-matched=…" (4 significant digits).
func matchedClaim(atSigma: [[Double?]], matched: [[Double?]]) -> Claim {
    let (sigmaGap, matchedGap) = (largestGap(atSigma), largestGap(matched))
    let partly = (atSigma + matched).contains { $0.contains { $0 == nil } }
    let closer = matchedGap < sigmaGap
    let sentence = closer
        ? "With σ = 1 for each, the three estimates are up to \(sigmaGap.rounded(places: 2)) apart"
            + (partly ? " (at the queries where all three are defined)" : "") + "; with matched spreads "
            + "they are never more than \(matchedGap.rounded(places: 2)) apart. On this run the difference between the "
            + "kernels was mostly a difference of width, not of shape"
        : "Matching the spreads did not bring the three estimates together on this run: "
            + (partly ? "where all three are defined, " : "") + "they are up to "
            + "\(matchedGap.rounded(places: 2)) apart, against \(sigmaGap.rounded(places: 2)) with σ = 1 for each"
    return Claim(name: "matched-gap",
                 verdict: "\(closer ? "closer" : "not-closer");gap-sigma=\(sigmaGap.significant);gap-matched=\(matchedGap.significant)",
                 sentence: sentence + ".")
}

/// The largest |fᵢ(q) − fⱼ(q)| over queries q where every curve is defined, and pairs i, j; 0 when there is none.
func largestGap(_ curves: [[Double?]]) -> Double {
    guard let count = curves.first?.count else { return 0 }
    var gap = 0.0
    for q in 0..<count {
        let values = curves.compactMap { $0[q] }
        guard values.count == curves.count, let low = values.min(), let high = values.max() else { continue }
        gap = max(gap, high - low)
    }
    return gap
}

/// How many queries each kernel leaves without a key in reach at the explorer's narrowest width. Verdict:
/// "name=count;…".
func explorerGapsClaim(names: [String], narrowest: [AttentionPoolingResult], width: String) -> Claim {
    let counts = narrowest.map(\.undefinedQueries.count)
    let queries = narrowest.first?.weights.count ?? 0
    let gapped = names.indices.filter { counts[$0] > 0 }
    let sentence = gapped.isEmpty
        ? "On these data every query keeps at least one key in reach even at \(width), so no row turns grey"
        : "At \(width), " + listed(gapped.map { "the \(names[$0]) kernel leaves \(counts[$0]) of the \(queries) queries" })
            + " without any key in reach: those rows turn grey and the estimate breaks into pieces"
    return Claim(name: "explorer-gaps", verdict: zip(names, counts).map { "\($0)=\($1)" }.joined(separator: ";"),
                 sentence: sentence + ".")
}

/// The summary's point about width and shape, as this run supports it (from `matchedClaim`'s verdict).
func summaryClaim(matched: Claim?) -> Claim {
    let closer = matched?.verdict.hasPrefix("closer") ?? false
    return Claim(name: "summary-width-shape", verdict: closer ? "width-over-shape" : "shape-matters",
                 sentence: closer
                    ? "A kernel's width matters more than its shape: on this run, giving the three kernels the same "
                        + "standard deviation brought their estimates close together"
                    : "Width and shape both matter: on this run, giving the three kernels the same standard deviation did "
                        + "not bring their estimates closer together")
}

// MARK: - Learning the width

/// The first epoch from which a run's loss and w stay within one part in 10⁹ of their final values (the last epoch
/// if they are still changing more than that at the end).
func settledEpoch(_ run: WidthTrainingRun) -> Int {
    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(abs(a), abs(b)) }
    var index = run.records.count - 1
    while index > 0, close(run.records[index - 1].loss, run.final.loss),
          zip(run.records[index - 1].w, run.final.w).allSatisfy(close) { index -= 1 }
    return run.records[index].epoch
}

/// How a training run ended. Verdict: "zero-loss@E" (the loss reached 0 to within rounding, 10⁻¹² of its start, and
/// stayed there from epoch E), "settled@E" (loss and w within one part in 10⁹ of their final values from epoch E on,
/// E before the last epoch, or the run stopped by its rule), or "moving@E" (still changing at its last epoch E).
func trainingEndClaim(name: String, label: String, run: WidthTrainingRun, epochLimit: Int) -> Claim {
    let last = run.final.epoch
    let settled = settledEpoch(run)
    let w = run.final.w[0]
    let state = "$w = \(w.inMath)$ ($\\sigma = \((1 / w).inMath)$) with loss \(run.final.loss.significant)"
    if run.final.loss <= 1e-12 * run.records[0].loss {
        return Claim(name: name, verdict: "zero-loss@\(settled)",
                     sentence: "\(label) drove its loss to zero, to within rounding, by epoch \(settled), at " + state
                        + ": each training input's weight on its own label is 1")
    }
    if settled < last || run.stop != .epochLimit {
        let why = switch run.stop {
        case .converged: "its gradient had vanished by the stopping rule above"
        case .stalled: "no step, however short, lowered the loss any further"
        case .epochLimit: "after that its loss and w changed by less than one part in a billion, although the "
            + "stopping rule was never met, until the limit of \(epochLimit) epochs"
        }
        return Claim(name: name, verdict: "settled@\(settled)",
                     sentence: "\(label) settled at epoch \(settled), at " + state + ": " + why)
    }
    let earlier = run.records[max(0, run.records.count - 11)].loss
    return Claim(name: name, verdict: "moving@\(last)",
                 sentence: "\(label) was still " + (run.final.loss < earlier ? "lowering its loss" : "changing")
                    + " when the limit of \(epochLimit) epochs came, at " + state)
}

/// Whether the leave-one-out loss depends on w at all over the grid: flat when max − min ≤ 10⁻⁹ · max.
func lossIsFlat(_ losses: [Double]) -> Bool {
    guard let low = losses.min(), let high = losses.max() else { return true }
    return high - low <= 1e-9 * abs(high)
}

/// How gradient descent's w compares with the grid's minimiser. Verdict: "flat" (the loss does not depend on w),
/// "agree" (the trained w lies between the grid neighbours of the grid's smallest loss), "other-minimum" (it lies
/// between the neighbours of another local minimum of the grid), or "elsewhere".
func gridClaim(grid: WidthGridSearch, trainedW: Double, trainingEnd: Claim) -> Claim {
    let (ws, losses) = (grid.grid, grid.losses)
    func near(_ index: Int) -> Bool {
        ws[max(0, index - 1)] <= trainedW && trainedW <= ws[min(ws.count - 1, index + 1)]
    }
    let best = losses.indices.min { (losses[$0], $0) < (losses[$1], $1) } ?? 0
    let localMinima = losses.indices.filter { i in
        (i == 0 || losses[i] <= losses[i - 1]) && (i == losses.count - 1 || losses[i] <= losses[i + 1])
    }
    let range = "From $w = \(ws[0].significant)$ to $\(ws[ws.count - 1].significant)$"
    if lossIsFlat(losses) {
        return Claim(name: "grid-check", verdict: "flat",
                     sentence: range + " the leave-one-out loss is the same for every $w$ (to 9 digits): with these pairs "
                        + "the width changes no prediction, so there is nothing to learn and every $w$ is as good as any other.")
    }
    let found = "the grid's smallest loss is at $w = \(grid.bestOnGrid.significant)$, and golden-section search between "
        + "its neighbours refines it to $w = \(grid.refined.significant)$; gradient descent ended at $w = \(trainedW.significant)$"
    if near(best) {
        return Claim(name: "grid-check", verdict: "agree", sentence: range + ", " + found + ", in the same valley.")
    }
    if localMinima.contains(where: near) {
        return Claim(name: "grid-check", verdict: "other-minimum",
                     sentence: range + ", " + found + ", at the bottom of another valley: this loss has more than one "
                        + "local minimum, descent found the nearer one, and the grid is the one to trust.")
    }
    let why = trainingEnd.verdict.hasPrefix("moving") ? "descent had not finished when the epoch limit came"
        : "descent stopped on a slope too gentle for its stopping rule to tell from flat"
    return Claim(name: "grid-check", verdict: "elsewhere",
                 sentence: range + ", " + found + ", away from any valley of the grid: " + why + ", and the grid is the one to trust.")
}

/// How the book's plain step (no safeguard) behaved. Verdict: "diverged@E", "settled@E", or, when it ran to its
/// limit, "oscillating" (w changed direction in at least 3 of its last 8 steps) or "sliding" (otherwise).
func plainStepClaim(_ plain: Result<WidthTrainingRun, AttentionPoolingError>, safeguarded: WidthTrainingRun) -> Claim {
    let halvings = safeguarded.records.map(\.halvings).reduce(0, +)
    let safeguard = halvings == 0 ? "Here the safeguard never had to act."
        : "Here it halved the step \(halvings == 1 ? "once" : "\(halvings) times") in all."
    switch plain {
    case .failure(.diverged(let epoch)):
        return Claim(name: "plain-step", verdict: "diverged@\(epoch)",
                     sentence: "Without a safeguard the book's step diverges here at epoch \(epoch). " + safeguard)
    case .failure(let error):
        return Claim(name: "plain-step", verdict: "failed",
                     sentence: "Without a safeguard the book's step fails (\(error)). " + safeguard)
    case .success(let run) where settledEpoch(run) < run.final.epoch || run.stop != .epochLimit:
        return Claim(name: "plain-step", verdict: "settled@\(settledEpoch(run))",
                     sentence: "On these data the book's plain step settles by itself, by epoch \(settledEpoch(run)). " + safeguard)
    case .success(let run):
        let ws = run.records.suffix(9).map { $0.w[0] }
        let steps = zip(ws, ws.dropFirst()).map { $1 - $0 }
        let turns = zip(steps, steps.dropFirst()).filter { $0 * $1 < 0 }.count
        let last = ws.suffix(4).map(\.significant).joined(separator: ", ")
        if turns >= 3 {
            return Claim(name: "plain-step", verdict: "oscillating",
                         sentence: "Without a safeguard the book's step does not settle on these data: after "
                            + "\(run.final.epoch) epochs w is still jumping back and forth (its last values: \(last)). " + safeguard)
        }
        return Claim(name: "plain-step", verdict: "sliding",
                     sentence: "Without a safeguard the book's step is still moving w after \(run.final.epoch) epochs, "
                        + "steadily (its last values: \(last)). " + safeguard)
    }
}

/// Whether learning with every key overfits: (a)'s w is larger than (b)'s and (a)'s leave-one-out error is more
/// than 0.1 % higher than (b)'s (a difference the four digits printed show). Verdict: "overfits" or
/// "does-not-overfit".
func overfitClaim(allKeysW: Double, leaveOneOutW: Double, allKeysLOO: Double?, leaveOneOutLOO: Double?) -> Claim {
    guard let a = allKeysLOO, let b = leaveOneOutLOO else {
        return Claim(name: "overfit", verdict: "unknown", sentence: "A leave-one-out error is undefined here, so we cannot say whether (a) overfits.")
    }
    if allKeysW > leaveOneOutW, a > b * 1.001 {
        let ratio = allKeysW / leaveOneOutW
        let larger = ratio < 1.1 ? "\(((ratio - 1) * 100).rounded(places: 1)) % larger than" : "\(ratio.twoDigits) times"
        return Claim(name: "overfit", verdict: "overfits",
                     sentence: "(a) has memorised the noise: its $w$ is \(larger) (b)'s, and its leave-one-out error "
                        + "is \(a.significant) against (b)'s \(b.significant)")
    }
    return Claim(name: "overfit", verdict: "does-not-overfit",
                 sentence: "On this run (a) does not overfit: its leave-one-out error is \(a.significant), (b)'s \(b.significant)")
}

/// Which width choice each score prefers. Verdict: "loo=NAME;truth=NAME" (truth "none" without a truth).
func widthChoiceClaim(names: [String], looErrors: [Double?], truthErrors: [Double?]) -> Claim {
    func best(_ errors: [Double?]) -> Int? {
        errors.indices.filter { errors[$0] != nil }.min { (errors[$0]!, $0) < (errors[$1]!, $1) }
    }
    func tied(_ errors: [Double?], with index: Int) -> [Int] {
        errors.indices.filter { errors[$0].map { abs($0 - errors[index]!) <= 1e-9 * abs(errors[index]!) } ?? false }
    }
    let byLOO = best(looErrors)
    let byTruth = best(truthErrors)
    let looTies = byLOO.map { tied(looErrors, with: $0) } ?? []
    let verdict = "loo=\(looTies.count > 1 ? "tie" : byLOO.map { names[$0] } ?? "none");truth=\(byTruth.map { names[$0] } ?? "none")"
    guard let byLOO else { return Claim(name: "width-choice", verdict: verdict, sentence: "No width has a defined leave-one-out error.") }
    if looTies.count > 1 {
        return Claim(name: "width-choice", verdict: verdict,
                     sentence: "Leave-one-out cannot tell \(looTies.count == names.count ? "any of these widths" : "\(looTies.count) of these widths") "
                        + "apart: their errors agree to 9 digits"
                        + (looTies.count == names.count ? ", as they must if the width changes no leave-one-out prediction on these pairs." : "."))
    }
    var sentence = "Leave-one-out ranks \(names[byLOO]) best"
    if let byTruth {
        if byTruth == byLOO {
            sentence += ", and against the truth it is best too: on this run the honest score picked the right width"
        } else {
            sentence += "; against the truth \(names[byTruth]) is best. The two scores disagree because they measure "
                + "different things: leave-one-out predicts the noisy training labels at the training inputs from their "
                + "neighbours, while the truth's error is measured at evenly spaced queries against noise-free values. On "
                + "one sample of noise the two need not pick the same width"
        }
    } else {
        sentence += " (your data has no truth to compare with)"
    }
    return Claim(name: "width-choice", verdict: verdict, sentence: sentence + ".")
}

// MARK: - Words

extension Kernel {
    /// The kernel's name inside a sentence: "Gaussian", "boxcar", "constant", "Epanechikov".
    var nameInSentence: String {
        switch self {
        case .gaussian, .epanechikov: displayName
        case .boxcar, .constant: displayName.lowercased()
        }
    }
}

/// "a", "a and b", "a, b and c".
func listed(_ items: [String]) -> String {
    switch items.count {
    case 0: ""
    case 1: items[0]
    default: items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
}
