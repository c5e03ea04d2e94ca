import Foundation
import Testing

// The chapter states every result through a named predicate and exports each verdict to data/claims.csv. These tests
// run the real chapter for many seeds, sizes and two user files of other shapes and scales, and recompute every
// verdict here, independently, from the other CSV files the run exported (and the training set, with a
// Nadaraya–Watson written out again below). A sentence the page states is then true of the numbers beside it.

/// One run of chapter 11.2 to check.
struct ClaimRun: CustomTestStringConvertible, Sendable {
    let arguments: [String]
    /// A user CSV to write first (its text), passed as --data.
    let userFile: String?
    var testDescription: String { userFile == nil ? arguments.joined(separator: " ") : "user file \(arguments.first ?? "")" }

    /// The runs checked: all of them with COURSE_SLOW_TESTS=1 (CI), else the default run, the smallest sample and a
    /// user file.
    static var selected: [ClaimRun] {
        ProcessInfo.processInfo.environment["COURSE_SLOW_TESTS"] == "1" ? all : [all[0], all[31], all[36]]
    }

    static let all: [ClaimRun] =
        (0...30).map { ClaimRun(arguments: ["--seed", "\($0)"], userFile: nil) }
        + [2, 3, 10, 200, 1000].map { ClaimRun(arguments: ["--samples", "\($0)"], userFile: nil) }
        + [ClaimRun(arguments: ["wide-scale"], userFile: wideScaleCSV), ClaimRun(arguments: ["tiny-scale"], userFile: tinyScaleCSV)]

    /// 300 unsorted rows on x ∈ [1000, 3000] with labels of order 10⁴: a slow wave and noise.
    static let wideScaleCSV: String = {
        var rows = ["x,y"]
        for i in 0..<300 {
            let x = 1000 + Double((i * 7919) % 300) * 2000 / 299
            rows.append("\(x),\(10_000 * cos(x / 300) + Double((i * 31) % 17 - 8) * 900)")
        }
        return rows.joined(separator: "\n") + "\n"
    }()

    /// 120 rows on x ∈ [−0.002, 0.001] with a step in the labels, repeated inputs and a gap in the middle.
    static let tinyScaleCSV: String = {
        var rows = ["x,y"]
        for i in 0..<120 {
            let x = i < 60 ? -0.002 + Double(i / 2) * 0.00002 : 0.0004 + Double(i - 60) * 0.00001
            rows.append("\(x),\((x < 0 ? -3.0 : 5.0) + Double((i * 13) % 7 - 3) * 0.4)")
        }
        return rows.joined(separator: "\n") + "\n"
    }()
}

@Suite struct ClaimTests {
    @Test(arguments: ClaimRun.selected)
    func everyClaimAgreesWithTheExportedNumbers(run: ClaimRun) throws {
        let folder = try TemporaryFolder()
        var arguments = ["--out", folder.path("Site")]
        if let text = run.userFile { arguments += ["--data", try folder.write("data.csv", text)] } else { arguments += run.arguments }
        let result = try ChapterRunner.run(arguments)
        try #require(result.status == 0, "\(result.standardError)")
        let exported = Exported(folder: folder.path("Site", "chapter-11-2"))
        let claims = try exported.claims()
        let page = try exported.pageText()
        for (name, claim) in claims {
            let fragment = String(claim.sentence.prefix { $0 != "$" }.prefix(40))
            #expect(page.contains(fragment), "the page does not state claim \(name): \(fragment)")
        }
        let recomputed = try Recomputed(exported)
        for (name, expected) in try recomputed.verdicts() {
            let verdict = try #require(claims[name]?.verdict, "no claim \(name)")
            #expect(expected.accepts(verdict), "\(name): the page says \(verdict), the CSVs say \(expected)")
        }
        #expect(Set(claims.keys) == Set(try recomputed.verdicts().keys), "every claim is rechecked")
    }

    @Test func zigzagCountsOnlyMovesLargerThanTheThreshold() {
        #expect(Recomputed.moves([0, 1, 0.9, 2, 1, 3], threshold: 0.5) == ["rise", "fall", "rise"])
        #expect(Recomputed.moves([0, 0.1, 0, 0.1], threshold: 0.5) == [])
        #expect(Recomputed.moves([3, 2, 1, nil, 0], threshold: 0.5) == ["fall"])
    }
}

/// What a verdict recomputed from the CSVs allows the page to have said.
enum Expected: CustomStringConvertible {
    case exactly(String)
    case anyOf([String])
    /// The page's verdict, split at ";", must start with these parts; numeric parts "key=value" are compared to 1e-3.
    case parts([String])

    func accepts(_ verdict: String) -> Bool {
        switch self {
        case .exactly(let text): return verdict == text
        case .anyOf(let texts): return texts.contains(verdict)
        case .parts(let expected):
            let found = verdict.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            guard found.count >= expected.count else { return false }
            return zip(expected, found).allSatisfy { e, f in
                if e == f { return true }
                let (ek, ev) = (e.split(separator: "=").first, e.split(separator: "=").last.flatMap { Double($0) })
                let (fk, fv) = (f.split(separator: "=").first, f.split(separator: "=").last.flatMap { Double($0) })
                guard ek == fk, let ev, let fv else { return false }
                return abs(ev - fv) <= 1e-3 * max(abs(ev), abs(fv), 1e-12)
            }
        }
    }

    var description: String {
        switch self {
        case .exactly(let text): text
        case .anyOf(let texts): "one of " + texts.joined(separator: " | ")
        case .parts(let parts): parts.joined(separator: ";") + "…"
        }
    }
}

/// The files a run exported.
struct Exported {
    let folder: String

    func table(_ name: String) throws -> [String: [Double?]] {
        let (header, rows) = try readCSV(folder + "/data/" + name)
        var columns: [String: [Double?]] = [:]
        for (index, column) in header.enumerated() { columns[column] = rows.map { index < $0.count ? $0[index] : nil } }
        return columns
    }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: folder + "/data/" + name) }

    func textTable(_ name: String) throws -> [[String]] {
        parseQuotedCSV(try String(contentsOfFile: folder + "/data/" + name, encoding: .utf8))
    }

    func claims() throws -> [String: (verdict: String, sentence: String)] {
        var claims: [String: (String, String)] = [:]
        for row in try textTable("claims.csv").dropFirst() where row.count == 3 { claims[row[0]] = (row[1], row[2]) }
        return claims
    }

    /// The page's text with tags removed and the common entities decoded.
    func pageText() throws -> String {
        let html = try String(contentsOfFile: folder + "/index.html", encoding: .utf8)
        let text = html.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
        return [("&#39;", "'"), ("&quot;", "\""), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")]
            .reduce(text) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }
}

/// RFC 4180: quoted fields may hold commas, doubled quotes and line breaks.
func parseQuotedCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var characters = text.makeIterator()
    var pending: Character? = nil
    while let c = pending ?? characters.next() {
        pending = nil
        if quoted {
            if c == "\"" {
                if let next = characters.next() {
                    if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                } else { quoted = false }
            } else { field.append(c) }
        } else if c == "\"" { quoted = true }
        else if c == "," { row.append(field); field = "" }
        else if c == "\n" { row.append(field); rows.append(row); row = []; field = "" }
        else { field.append(c) }
    }
    if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
    return rows
}

/// Every verdict, computed again from the exported files with code of its own.
struct Recomputed {
    let exported: Exported
    let x: [Double]
    let y: [Double]
    /// Book units per user unit: widths on the page are in units of (range of x) / 5 for a user file, 1 for the book.
    let unit: Double
    let userData: Bool
    let queries: [Double]
    let truth: [Double]?

    init(_ exported: Exported) throws {
        self.exported = exported
        let training = try exported.table("training-set.csv")
        x = training["x"]!.map { $0! }
        y = training["y"]!.map { $0! }
        let estimates = try exported.table("estimates.csv")
        queries = estimates["x"]!.map { $0! }
        let truthColumn = estimates["truth"]!
        truth = truthColumn.allSatisfy { $0 != nil } ? truthColumn.map { $0! } : nil
        userData = truth == nil
        unit = userData ? (x.max()! - x.min()!) / 5 : 1
    }

    // MARK: An independent Nadaraya–Watson (book units for widths).

    enum K { case gaussian, boxcar, triangle, constant }

    func weights(_ kernel: K, sigma: Double, query: Double, keys: [Double], perKey: [Double]? = nil, skip: Int? = nil) -> [Double]? {
        var raw = keys.indices.map { i -> Double in
            if i == skip { return 0 }
            let r = abs(query - keys[i]) / (sigma * unit) / (perKey?[i] ?? 1)
            switch kernel {
            case .gaussian: return -0.5 * r * r
            case .boxcar: return r <= 1 ? 0 : -.infinity
            case .triangle: return r < 1 ? log(1 - r) : -.infinity
            case .constant: return 0
            }
        }
        if let skip { raw[skip] = -.infinity }
        guard let top = raw.max(), top > -.infinity else { return nil }
        let e = raw.map { exp($0 - top) }
        let total = e.reduce(0, +)
        return e.map { $0 / total }
    }

    /// Every ⌈n/500⌉-th pair, as the chapter's sample for n² work.
    var sample: (x: [Double], y: [Double]) {
        let step = (x.count + 499) / 500
        let kept = Array(stride(from: 0, to: x.count, by: step))
        return (kept.map { x[$0] }, kept.map { y[$0] })
    }

    func leaveOneOut(_ kernel: K, sigma: Double, perKey: [Double]? = nil) -> (mse: Double?, undefined: Int) {
        let (sx, sy) = sample
        var sum = 0.0, count = 0, undefined = 0
        for n in sx.indices {
            guard let w = weights(kernel, sigma: sigma, query: sx[n], keys: sx, perKey: perKey, skip: n) else { undefined += 1; continue }
            let f = zip(w, sy).reduce(0) { $0 + $1.0 * $1.1 }
            sum += (f - sy[n]) * (f - sy[n])
            count += 1
        }
        return (count > 0 ? sum / Double(count) : nil, undefined)
    }

    func meanSpread(_ kernel: K, sigma: Double, keys: [Double]) -> Double? {
        let spreads = queries.compactMap { q -> Double? in
            guard let w = weights(kernel, sigma: sigma, query: q, keys: keys) else { return nil }
            let mean = zip(w, keys).reduce(0) { $0 + $1.0 * $1.1 }
            return zip(w, keys).reduce(0) { $0 + $1.0 * ($1.1 - mean) * ($1.1 - mean) }.squareRoot() / unit
        }
        return spreads.isEmpty ? nil : spreads.reduce(0, +) / Double(spreads.count)
    }

    // MARK: Small predicates, written again.

    static func moves(_ curve: [Double?], threshold: Double) -> [String] {
        let points = curve.compactMap { $0 }
        guard let first = points.first else { return [] }
        var result: [String] = []
        var extreme = first, low = first, high = first
        for p in points.dropFirst() {
            if result.isEmpty {
                low = min(low, p); high = max(high, p)
                if p - low >= threshold { result = ["rise"]; extreme = p } else if high - p >= threshold { result = ["fall"]; extreme = p }
            } else if result.last == "rise" {
                extreme = max(extreme, p)
                if extreme - p >= threshold { result.append("fall"); extreme = p }
            } else {
                extreme = min(extreme, p)
                if p - extreme >= threshold { result.append("rise"); extreme = p }
            }
        }
        return result
    }

    func shapes(_ table: [String: [Double?]], columns: [(String, String)]) -> Expected {
        let threshold = 0.03 * (y.max()! - y.min()!)
        var parts = columns.map { name, column in "\(name)=\(Self.shape(table[column]!, threshold))" }
        if let truth { parts.append("truth=\(Self.shape(truth.map(Optional.some), threshold))") }
        return .exactly(parts.joined(separator: ";"))
    }

    static func shape(_ curve: [Double?], _ threshold: Double) -> String {
        let m = moves(curve, threshold: threshold)
        return m.isEmpty ? "flat" : m.joined(separator: "-")
    }

    /// Names ordered by error (ties by position), those with undefined points left out.
    func ranking(_ names: [String], errors: [(Double?, Int)]) -> Expected {
        let ranked = names.indices.filter { errors[$0].1 == 0 && errors[$0].0 != nil }
            .sorted { (errors[$0].0!, $0) < (errors[$1].0!, $1) }
        let unranked = names.indices.filter { !ranked.contains($0) }
        var verdict = ranked.map { names[$0] }.joined(separator: "<")
        if !unranked.isEmpty { verdict += "|unranked=" + unranked.map { names[$0] }.joined(separator: ",") }
        return .exactly(verdict)
    }

    func errors(_ table: [String: [Double?]], columns: [String], kernels: [(K, Double)]) -> [(Double?, Int)] {
        if let truth {
            return columns.map { column in
                let estimates = table[column]!
                let defined = zip(estimates, truth).compactMap { e, t in e.map { ($0 - t) * ($0 - t) } }
                return (defined.isEmpty ? nil : defined.reduce(0, +) / Double(defined.count), estimates.count - defined.count)
            }
        }
        return kernels.map { leaveOneOut($0.0, sigma: $0.1) }
    }

    func spreadOrder(_ names: [String], _ spreads: [Double?]) -> Expected {
        let known = names.indices.filter { spreads[$0] != nil }.sorted { (spreads[$0]!, $0) < (spreads[$1]!, $1) }
        guard let low = known.first, let high = known.last else { return .exactly("none") }
        let similar = spreads[high]! <= 1.25 * spreads[low]!
        return .exactly(known.map { names[$0] }.joined(separator: "<") + (similar ? ";similar" : ";different"))
    }

    func gap(_ curves: [[Double?]]) -> Double {
        (0..<curves[0].count).reduce(0.0) { gap, q in
            let values = curves.compactMap { $0[q] }
            return values.count == curves.count ? max(gap, values.max()! - values.min()!) : gap
        }
    }

    /// First epoch from which loss and w stay within 1e-9 (relative) of their last values.
    static func settled(_ epochs: [Double?], _ loss: [Double?], _ w: [Double?]) -> Int {
        func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(abs(a), abs(b)) }
        var i = loss.count - 1
        while i > 0, close(loss[i - 1]!, loss.last!!), close(w[i - 1]!, w.last!!) { i -= 1 }
        return Int(epochs[i]!)
    }

    func ending(loss: [Double?], w: [Double?], epochs: [Double?]) -> Expected {
        let settled = Self.settled(epochs, loss, w)
        let last = Int(epochs.last!!)
        if loss.last!! <= 1e-12 * loss[0]! { return .exactly("zero-loss@\(settled)") }
        return settled < last ? .exactly("settled@\(settled)") : .anyOf(["moving@\(last)", "settled@\(last)"])
    }

    func verdicts() throws -> [String: Expected] {
        var v: [String: Expected] = [:]
        let kernelNames = ["Gaussian", "boxcar", "constant", "Epanechikov"]
        let kernelColumns = ["gaussian", "boxcar", "constant", "epanechikov"]
        let kernels: [K] = [.gaussian, .boxcar, .constant, .triangle]
        let estimates = try exported.table("estimates.csv")
        v["kernel-shapes"] = shapes(estimates, columns: Array(zip(kernelNames, kernelColumns)))
        v["kernel-ranking"] = ranking(kernelNames, errors: errors(estimates, columns: kernelColumns, kernels: kernels.map { ($0, 1) }))
        // The cost model: the reference up to 10⁵ kernel values, then windowed sums for bounded kernels, the fast
        // Gauss transform from 8 queries, the mean of the values for the constant kernel, the dense engine otherwise
        // (which also stands in when a fast path refuses).
        let work = Double(queries.count) * Double(x.count)
        let paths: [[String]] = kernelNames.indices.map { k in
            if work <= 1e5 { return ["reference"] }
            switch kernels[k] {
            case .boxcar, .triangle: return ["windowed", "dense"]
            case .gaussian: return queries.count >= 8 ? ["fastGauss", "dense"] : ["dense"]
            case .constant: return ["mean"]
            }
        }
        v["estimator-path"] = .anyOf(paths.indices.reduce([""]) { partial, k in
            partial.flatMap { prefix in paths[k].map { prefix + (k == 0 ? "" : ";") + "\(kernelNames[k])=\($0)" } }
        })
        let looking: [(String, K, String)] = [("Gaussian", .gaussian, "gaussian"), ("boxcar", .boxcar, "boxcar"), ("Epanechikov", .triangle, "epanechikov")]
        v["kernel-spread"] = spreadOrder(looking.map(\.0), looking.map { meanSpread($0.1, sigma: 1, keys: x) })

        let matched = try exported.table("estimates-matched.csv")
        let matchedWidths = [1, 3.0.squareRoot(), 6.0.squareRoot()]
        let (sigmaGap, matchedGap) = (gap(looking.map { estimates[$0.2]! }), gap(looking.map { matched[$0.2]! }))
        v["matched-gap"] = .parts([matchedGap < sigmaGap ? "closer" : "not-closer",
                                   "gap-sigma=\(sigmaGap)", "gap-matched=\(matchedGap)"])
        v["matched-ranking"] = ranking(looking.map(\.0), errors: errors(matched, columns: looking.map(\.2),
                                                                        kernels: zip(looking, matchedWidths).map { ($0.1, $1) }))
        v["summary-width-shape"] = .exactly(matchedGap < sigmaGap ? "width-over-shape" : "shape-matters")

        let widths = [0.1, 0.2, 0.5, 1]
        let widthNames = ["σ = 0.1", "σ = 0.2", "σ = 0.5", "σ = 1"]
        let byWidth = try exported.table("width-estimates.csv")
        let widthColumns = ["sigma_0.1", "sigma_0.2", "sigma_0.5", "sigma_1"]
        v["width-shapes"] = shapes(byWidth, columns: Array(zip(widthNames, widthColumns)))
        let widthErrors = errors(byWidth, columns: widthColumns, kernels: widths.map { (.gaussian, $0) })
        let candidates = widthNames.indices.filter { widthErrors[$0].1 == 0 && widthErrors[$0].0 != nil }
        if let best = candidates.min(by: { (widthErrors[$0].0!, $0) < (widthErrors[$1].0!, $1) }) {
            v["best-width"] = .exactly("best=\(widthNames[best]);" + (best == 0 || best == 3 ? "end" : "interior"))
        } else { v["best-width"] = .exactly("none") }
        v["width-spread"] = spreadOrder(widthNames, widths.map { meanSpread(.gaussian, sigma: $0, keys: x) })

        let explorer = try exported.table("width-explorer.csv")
        v["explorer-gaps"] = .exactly(zip(kernelNames, kernelColumns).map { name, column in
            "\(name)=\(explorer["\(column)_sigma_0.05"]!.filter { $0 == nil }.count)"
        }.joined(separator: ";"))

        let history = try exported.table("width-learning.csv")
        v["all-keys-final"] = ending(loss: history["loss_all"]!, w: history["w_all"]!, epochs: history["epoch"]!)
        let looEnding = ending(loss: history["loss_loo"]!, w: history["w_loo"]!, epochs: history["epoch"]!)
        v["loo-final"] = looEnding

        if exported.exists("plain-step.csv") {
            let plain = try exported.table("plain-step.csv")
            let settled = Self.settled(plain["epoch"]!, plain["loss"]!, plain["w"]!)
            if settled < Int(plain["epoch"]!.last!!) {
                v["plain-step"] = .exactly("settled@\(settled)")
            } else {
                let ws = plain["w"]!.suffix(9).map { $0! }
                let steps = zip(ws, ws.dropFirst()).map { $1 - $0 }
                let turns = zip(steps, steps.dropFirst()).filter { $0 * $1 < 0 }.count
                v["plain-step"] = .exactly(turns >= 3 ? "oscillating" : "sliding")
            }
        } else {
            v["plain-step"] = .anyOf((0...20).map { "diverged@\($0)" } + ["failed"])
        }

        let grid = try exported.table("loo-loss-grid.csv")
        let (gw, gl) = (grid["w"]!.map { $0! }, grid["loss_loo"]!.map { $0! })
        let trainedW = history["w_loo"]!.last!!
        func near(_ i: Int) -> Bool { gw[max(0, i - 1)] <= trainedW && trainedW <= gw[min(gw.count - 1, i + 1)] }
        if gl.max()! - gl.min()! <= 1e-9 * abs(gl.max()!) {
            v["grid-check"] = .exactly("flat")
        } else {
            let best = gl.indices.min { (gl[$0], $0) < (gl[$1], $1) }!
            let minima = gl.indices.filter { i in (i == 0 || gl[i] <= gl[i - 1]) && (i == gl.count - 1 || gl[i] <= gl[i + 1]) }
            v["grid-check"] = .exactly(near(best) ? "agree" : minima.contains(where: near) ? "other-minimum" : "elsewhere")
        }

        // The width choices: every error recomputed from the training set and the widths.
        let choices = try exported.textTable("width-choices.csv").dropFirst().filter { $0.count == 4 }
        let adaptive = try exported.table("adaptive-widths.csv")["sigma"]!.map { $0! }
        let sampleX = sample.x
        let looErrors: [Double?] = choices.map { row in
            if let sigma = Double(row[1]) { return leaveOneOut(.gaussian, sigma: sigma).mse }
            // Abramson's per-key widths are in book units already; a width of 1 scaled per key.
            return leaveOneOut(.gaussian, sigma: 1, perKey: adaptive).mse
        }
        let names = choices.map { $0[0] }
        let bestLOO = looErrors.indices.filter { looErrors[$0] != nil }.min { (looErrors[$0]!, $0) < (looErrors[$1]!, $1) }
        let truthErrors = choices.map { Double($0[3]) }
        let bestTruth = truthErrors.indices.filter { truthErrors[$0] != nil }.min { (truthErrors[$0]!, $0) < (truthErrors[$1]!, $1) }
        let ties = bestLOO.map { b in looErrors.indices.filter { looErrors[$0].map { abs($0 - looErrors[b]!) <= 1e-9 * abs(looErrors[b]!) } ?? false } } ?? []
        let truthPart = "truth=\(bestTruth.map { names[$0] } ?? "none")"
        if ties.count > 1 {
            v["width-choice"] = .exactly("loo=tie;" + truthPart)
        } else {
            v["width-choice"] = .exactly("loo=\(bestLOO.map { names[$0] } ?? "none");" + truthPart)
        }

        let (sigmaA, sigmaB) = (Double(choices[4][1])!, Double(choices[5][1])!)
        let (looA, looB) = (looErrors[4], looErrors[5])
        if let looA, let looB {
            // Overfitting needs a leave-one-out error more than 0.1 % above (b)'s.
            if 1 / sigmaA > 1 / sigmaB, looA > looB * 1.001 * (1 + 1e-9) { v["overfit"] = .exactly("overfits") }
            else if 1 / sigmaA <= 1 / sigmaB || looA < looB * 1.001 * (1 - 1e-9) {
                v["overfit"] = .exactly("does-not-overfit")
            }
            else { v["overfit"] = .anyOf(["overfits", "does-not-overfit"]) }
        } else { v["overfit"] = .exactly("unknown") }
        let spreadsAB = [sigmaA, sigmaB].map { meanSpread(.gaussian, sigma: $0, keys: sampleX) }
        v["learned-spread"] = spreadOrder(["(a)", "(b)"], spreadsAB)
        return v
    }
}
