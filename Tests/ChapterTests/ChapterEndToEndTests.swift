import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The book's formula, written independently of the AttentionPooling module: w = α / Σα, f = Σ w y.
private func bookEstimate(query: Double, keys: [Double], values: [Double], alpha: (Double) -> Double) -> Double? {
    let similarities = keys.map { alpha(query - $0) }
    let total = similarities.reduce(0, +)
    guard total > 0 else { return nil }
    return zip(similarities, values).map { $0 * $1 }.reduce(0, +) / total
}

@Suite(.serialized) struct ChapterEndToEndTests {
    @Test func defaultRunWritesTheWholeSite() throws {
        let folder = try TemporaryFolder()
        let run = try ChapterRunner.run(["--out", folder.path("Site")])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardError.isEmpty)
        #expect(run.standardOutput.contains("Gaussian"))
        #expect(run.standardOutput.contains("MSE"))
        #expect(run.standardOutput.contains("chapter-11-2/index.html"))

        let files = try folder.snapshot(of: folder.path("Site"))
        for expected in ["index.html", "style.css", "chapter-11-2/index.html", "chapter-11-2/data/training-set.csv",
                         "chapter-11-2/data/kernel-shapes.csv", "chapter-11-2/data/estimates.csv",
                         "chapter-11-2/data/attention-gaussian.csv", "chapter-11-2/data/attention-epanechikov.csv",
                         "chapter-11-2/data/width-estimates.csv", "chapter-11-2/data/width-attention-sigma_0.1.csv"] {
            #expect(files[expected] != nil, "missing \(expected)")
        }
        #expect(!files.keys.contains { $0.contains(".staging") || $0.contains(".old-") || $0.hasSuffix(".tmp") })

        let page = String(decoding: try #require(files["chapter-11-2/index.html"]), as: UTF8.self)
        // Each figure twice: the wide layout and the narrow one for phones.
        #expect(page.components(separatedBy: "<svg xmlns").count - 1 == 22)
        #expect(page.components(separatedBy: "role=\"img\"").count - 1 == 22)
        #expect(page.components(separatedBy: "<div class=\"figure-narrow\">").count - 1 == 11)
        #expect(page.components(separatedBy: "<figure").count - 1 == 11)
        #expect(page.contains("<math"))
        #expect(!page.contains("\\frac") && !page.contains("$$") && !page.contains("{{"))
        #expect(page.contains("d2l.ai"))
        #expect(page.contains("href=\"data/estimates.csv\""))
        let figures = page.components(separatedBy: "<div class=\"figure-plot\">").dropFirst()
            .map { $0.components(separatedBy: "\n</div>\n<figcaption>")[0] }
        #expect(figures.count == 11)  // the book's five, two at matched spread, the explorer, three on learning the width
        for svg in figures {
            #expect(XMLParser(data: Data("<plot>\(svg)</plot>".utf8)).parse(), "an SVG on the page is not well-formed XML")
            #expect(svg.contains("<title") && svg.contains("<desc"))
        }
        let text = page.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
        #expect(text.contains("try nw.estimatesAndPath(queries: data.validationInputs"))  // the code that ran
        #expect(text.contains("public func weights(query: Double, keys: [Double]"))  // the reference that ran
        #expect(text.contains("case .boxcar: return r &lt;= 1 ? 1"))  // the four kernels, from the library
        // Nothing is loaded from elsewhere: no external scripts, images, style sheets or fonts.
        for external in ["src=\"http", "<link rel=\"stylesheet\" href=\"http", "url(http", "@import"] {
            #expect(!page.contains(external))
        }

        // The width explorer: 4 kernels × 25 widths drawn once each in both layouts (the narrow one showing the wide
        // one's cells and lines by reference), one shown without a script; the page stays small.
        #expect(page.components(separatedBy: "<g data-variant=").count - 1 == 200)
        #expect(page.components(separatedBy: "<g data-variant=\"12\">").count - 1 == 2)  // Gaussian, σ ≈ 0.32
        #expect(page.utf8.count < 1_100_000)  // about 180 kB gzipped; the explorer is half of it
        let training = try readCSV(folder.path("Site", "chapter-11-2", "data", "training-set.csv"))
        #expect(training.header == ["x", "y"])
        #expect(training.rows.count == 40)
        let estimates = try readCSV(folder.path("Site", "chapter-11-2", "data", "estimates.csv"))
        #expect(estimates.header == ["x", "truth", "gaussian", "boxcar", "constant", "epanechikov"])
        #expect(estimates.rows.count == 50)
    }

    /// The comparison at equal spread: Gaussian σ = s, boxcar half-width √3·s, triangle half-width √6·s, with s = 1 for
    /// the book's data and s = range / 5 in the user's units for a file (whose x the CSVs give in those units).
    @Test(arguments: [false, true])
    func matchedEstimatesEqualTheFormulaWithHalfWidthsRootThreeAndRootSix(userFile: Bool) throws {
        let folder = try TemporaryFolder()
        var arguments = ["--out", folder.path("Site"), "--seed", "5"]
        if userFile {
            let rows = (0..<70).map { i in "\(300 + Double((i * 37) % 70) * 4.5),\(sin(Double(i)) * 50 + Double(i))" }
            arguments = ["--out", folder.path("Site"), "--data", try folder.write("user.csv", "x,y\n" + rows.joined(separator: "\n") + "\n")]
        }
        #expect(try ChapterRunner.run(arguments).status == 0)
        let data = folder.path("Site", "chapter-11-2", "data")
        let training = try readCSV(data + "/training-set.csv").rows
        let keys = training.map { $0[0]! }
        let values = training.map { $0[1]! }
        let s = userFile ? (keys.max()! - keys.min()!) / 5 : 1
        let matched = try readCSV(data + "/estimates-matched.csv")
        #expect(matched.header == ["x", "truth", "gaussian", "boxcar", "epanechikov"])
        let (root3, root6) = (3.0.squareRoot() * s, 6.0.squareRoot() * s)
        let kernels: [(Double) -> Double] = [
            { exp(-$0 * $0 / (2 * s * s)) }, { abs($0) <= root3 ? 1 : 0 }, { max(0, 1 - abs($0) / root6) },
        ]
        let spread = values.max()! - values.min()!
        for row in matched.rows {
            #expect((row[1] == nil) == userFile)  // no truth for a user's file
            for (column, alpha) in kernels.enumerated() {
                let expected = bookEstimate(query: row[0]!, keys: keys, values: values, alpha: alpha)
                #expect((row[2 + column] == nil) == (expected == nil))
                if let ours = row[2 + column], let expected { #expect(abs(ours - expected) <= 1e-12 * max(1, spread)) }
            }
        }
    }

    @Test func estimatesAgreeWithTheBookFormula() throws {
        let folder = try TemporaryFolder()
        let run = try ChapterRunner.run(["--out", folder.path("Site"), "--seed", "3"])
        #expect(run.status == 0, "\(run.standardError)")
        let data = folder.path("Site", "chapter-11-2", "data")
        let training = try readCSV(data + "/training-set.csv").rows
        let keys = training.map { $0[0]! }
        let values = training.map { $0[1]! }
        let kernels: [(Double) -> Double] = [
            { exp(-$0 * $0 / 2) }, { abs($0) <= 1 ? 1 : 0 }, { _ in 1 }, { max(0, 1 - abs($0)) },
        ]
        for row in try readCSV(data + "/estimates.csv").rows {
            let x = try #require(row[0])
            #expect(abs(try #require(row[1]) - (2 * sin(x) + x)) < 1e-12)
            for (column, alpha) in kernels.enumerated() {
                let expected = bookEstimate(query: x, keys: keys, values: values, alpha: alpha)
                #expect((row[2 + column] == nil) == (expected == nil))
                if let ours = row[2 + column], let expected { #expect(abs(ours - expected) < 1e-12) }
            }
        }
        for (index, sigma) in [0.1, 0.2, 0.5, 1].enumerated() {
            for row in try readCSV(data + "/width-estimates.csv").rows {
                let expected = bookEstimate(query: row[0]!, keys: keys, values: values) {
                    exp(-$0 * $0 / (2 * sigma * sigma))
                }
                #expect(abs(try #require(row[2 + index]) - expected!) < 1e-10)
            }
        }
    }

    @Test func attentionRowsSumToOneAndAreLabelled() throws {
        let folder = try TemporaryFolder()
        #expect(try ChapterRunner.run(["--out", folder.path("Site")]).status == 0)
        let matrix = try readCSV(folder.path("Site", "chapter-11-2", "data", "attention-boxcar.csv"))
        #expect(matrix.header.first == "query_x")
        #expect(matrix.header.count == 41)
        #expect(matrix.header[1].hasPrefix("key_x="))
        #expect(matrix.rows.count == 50)
        for row in matrix.rows {
            #expect(abs(row.dropFirst().compactMap { $0 }.reduce(0, +) - 1) < 1e-12)
        }
    }

    @Test func sameCommandTwiceWritesIdenticalBytes() throws {
        let folder = try TemporaryFolder()
        #expect(try ChapterRunner.run(["--out", folder.path("a"), "--seed", "5"]).status == 0)
        #expect(try ChapterRunner.run(["--out", folder.path("b"), "--seed", "5"]).status == 0)
        let first = try folder.snapshot(of: folder.path("a"))
        #expect(!first.isEmpty)
        #expect(first == (try folder.snapshot(of: folder.path("b"))))
    }

    @Test func anotherSeedDrawsOtherData() throws {
        let folder = try TemporaryFolder()
        #expect(try ChapterRunner.run(["--out", folder.path("a"), "--seed", "1"]).status == 0)
        #expect(try ChapterRunner.run(["--out", folder.path("b"), "--seed", "2", "--samples", "60"]).status == 0)
        let a = try readCSV(folder.path("a", "chapter-11-2", "data", "training-set.csv"))
        let b = try readCSV(folder.path("b", "chapter-11-2", "data", "training-set.csv"))
        #expect(a.rows.count == 40 && b.rows.count == 60)
        #expect(a.rows[0] != b.rows[0])
    }

    @Test func courseTitleAndAuthorAppearEscapedOnEveryPage() throws {
        let folder = try TemporaryFolder()
        let run = try ChapterRunner.run(["--out", folder.path("Site"), "--title", "Attention <b>&</b> \"me\"",
                                         "--author", "Prof. <i>X</i>"])
        #expect(run.status == 0, "\(run.standardError)")
        for page in ["index.html", "chapter-11-2/index.html", "chapter-11-1/index.html"] {
            let html = try String(contentsOfFile: folder.path("Site", page), encoding: .utf8)
            #expect(html.contains("Attention &lt;b&gt;&amp;&lt;/b&gt; &quot;me&quot;"), "\(page)")
            #expect(html.contains("Prof. &lt;i&gt;X&lt;/i&gt;"), "\(page)")
            #expect(!html.contains("<b>&</b>") && !html.contains("<i>X</i>"), "\(page)")
        }
        let empty = try ChapterRunner.run(["--out", folder.path("Other"), "--title", " "])
        #expect(empty.status == 2)
        #expect(empty.standardError.contains("--title"))
    }

    @Test func helpPrintsEveryOptionAndWritesNothing() throws {
        let folder = try TemporaryFolder()
        let run = try ChapterRunner.run(["--help", "--out", folder.path("Site")])
        #expect(run.status == 0)
        for option in ["--out", "--title", "--author", "--seed", "--samples", "--data", "--epochs", "--learning-rate",
                       "--help"] {
            #expect(run.standardOutput.contains(option))
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path("Site")))
    }

    @Test func userDataWithAGapReportsUndefinedQueries() throws {
        let folder = try TemporaryFolder()
        let csv = try folder.write("gap.csv", "x,y\n0,1\n0.2,1.5\n0.4,1\n4.6,3\n4.8,3.5\n5,3\n")
        let run = try ChapterRunner.run(["--out", folder.path("Site"), "--data", csv])
        #expect(run.status == 0, "\(run.standardError)")
        let estimates = try readCSV(folder.path("Site", "chapter-11-2", "data", "estimates.csv"))
        #expect(estimates.rows.count == 50)
        #expect(estimates.rows.allSatisfy { $0[1] == nil })  // no truth for the user's data
        let boxcarUndefined = estimates.rows.filter { $0[3] == nil }.count
        #expect(boxcarUndefined > 0)
        #expect(estimates.rows.allSatisfy { $0[2] != nil && $0[4] != nil })  // Gaussian and constant always answer
        #expect(run.standardOutput.contains(String(boxcarUndefined)))
        let page = try String(contentsOfFile: folder.path("Site", "chapter-11-2", "index.html"), encoding: .utf8)
        #expect(page.contains("no key in reach"))
    }
}

/// Learning the width (issue 3): the two trainings as the CSV records them.
@Suite(.serialized) struct WidthLearningEndToEndTests {
    @Test func trainingHistoryShowsOverfittingAndAFiniteOptimum() throws {
        let folder = try TemporaryFolder()
        let run = try ChapterRunner.run(["--out", folder.path("Site")])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("(b) leave-one-out: w = "))
        let history = try readCSV(folder.path("Site", "chapter-11-2", "data", "width-learning.csv"))
        #expect(history.header == ["epoch", "loss_all", "w_all", "loss_loo", "w_loo"])
        let rows = history.rows.map { $0.map { $0! } }
        #expect(rows.map { $0[0] } == (0..<rows.count).map(Double.init))  // one row per epoch from 0
        for (before, after) in zip(rows, rows.dropFirst()) {
            #expect(after[2] >= before[2])  // (a): w only grows ...
            #expect(after[1] <= before[1])  // ... and the loss only falls
            #expect(after[3] <= before[3])  // (b): the loss never rises either
        }
        #expect(rows[rows.count - 1][1] < 1e-6 * rows[0][1])  // (a) has memorised the labels: its loss is gone
        #expect(rows[rows.count - 1][2] > 100 * rows[0][2])  // by making w enormous
        let loo = rows.map { $0[4] }
        #expect(loo[loo.count - 1] == loo[loo.count - 2])  // (b) stopped early at a finite w (repeated to the end)
        #expect(loo[loo.count - 1] < 10)
        // The leave-one-out loss over the grid has its minimum next to the trained w.
        let grid = try readCSV(folder.path("Site", "chapter-11-2", "data", "loo-loss-grid.csv")).rows.map { $0.map { $0! } }
        let best = try #require(grid.min { $0[1] < $1[1] })
        #expect(abs(best[0] - loo[loo.count - 1]) / best[0] < 0.02)  // 200 points over three decades: 3.5 % apart
        let page = try String(contentsOfFile: folder.path("Site", "chapter-11-2", "index.html"), encoding: .utf8)
        #expect(page.contains("in the same valley"))
    }

    @Test func userDataLearnsTheWidthTooInItsOwnUnits() throws {
        // Inputs spread over [0, 100] with labels of another scale than the book's: the learned width must still be
        // the leave-one-out loss's minimiser (the page says how close; the grid file lets us check).
        let folder = try TemporaryFolder()
        let rows = (0..<80).map { i -> String in
            let x = Double(i) * 1.25 + 0.4 * sin(Double(i * i))
            return "\(x),\(30 * cos(x / 10) + 6 * sin(Double(7 * i)))"
        }
        let csv = try folder.write("wide.csv", "x,y\n" + rows.joined(separator: "\n") + "\n")
        let run = try ChapterRunner.run(["--out", folder.path("Site"), "--data", csv])
        #expect(run.status == 0, "\(run.standardError)")
        let history = try readCSV(folder.path("Site", "chapter-11-2", "data", "width-learning.csv")).rows
        #expect(history.allSatisfy { row in row.allSatisfy { $0.map(\.isFinite) == true } })
        let trained = try #require(history.last?[4] ?? nil)
        let grid = try readCSV(folder.path("Site", "chapter-11-2", "data", "loo-loss-grid.csv")).rows.map { $0.map { $0! } }
        let best = try #require(grid.min { $0[1] < $1[1] })
        #expect(abs(best[0] - trained) / best[0] < 0.02)
        #expect(trained < 20)  // in rescaled units (the range spans 5): σ = 1/w is a sizeable part of it
        let page = try String(contentsOfFile: folder.path("Site", "chapter-11-2", "index.html"), encoding: .utf8)
        #expect(page.contains("in the same valley"))
        for phrase in ["against the truth", "MSE vs truth", "2 sin x + x as a dashed line", "σ = 1 for all"] {
            #expect(!page.contains(phrase), "a user's page says \(phrase)")  // no truth these data do not have
        }
    }

    @Test(slowTest) func aLargeFileIsSummarisedNotDrawnKeyByKey() throws {
        let folder = try TemporaryFolder()
        let rows = (0..<20_000).map { i -> String in
            let x = Double(i) / 4000
            return "\(x),\(2 * sin(x) + x + sin(Double(i) * 12.9898))"
        }
        let csv = try folder.write("large.csv", "x,y\n" + rows.joined(separator: "\n") + "\n")
        let run = try ChapterRunner.run(["--out", folder.path("Site"), "--data", csv])
        #expect(run.status == 0, "\(run.standardError)")
        let attention = try readCSV(folder.path("Site", "chapter-11-2", "data", "attention-gaussian.csv"))
        #expect(attention.header.count == 201)  // the query, then 200 groups of 100 keys
        #expect(attention.header[1].hasPrefix("keys_x="))
        for row in attention.rows { #expect(abs(row.dropFirst().compactMap { $0 }.reduce(0, +) - 1) < 1e-9) }
        let estimates = try readCSV(folder.path("Site", "chapter-11-2", "data", "estimates.csv"))
        #expect(estimates.rows.count == 50)
        let page = try String(contentsOfFile: folder.path("Site", "chapter-11-2", "index.html"), encoding: .utf8)
        #expect(page.contains("200 columns, each the total weight of a group of about 100 neighbouring keys"))
        #expect(page.contains("500 of the examples"))
        #expect(page.utf8.count < 3_600_000)
    }

    @Test func learningSettingsAreValidated() throws {
        let folder = try TemporaryFolder()
        for arguments in [["--epochs", "0"], ["--epochs", "x"], ["--learning-rate", "0"], ["--learning-rate", "-2"],
                          ["--learning-rate", "nan"], ["--learning-rate", "inf"], ["--learning-rate", "fast"]] {
            let run = try ChapterRunner.run(arguments + ["--out", folder.path("Site")])
            #expect(run.status == 2)
            #expect(run.standardError.split(separator: "\n").count == 1)
            #expect(run.standardError.contains(arguments[0]))
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path("Site")))
    }

    @Test func fewerEpochsAndAnotherRateStillGiveAFiniteHistory() throws {
        let folder = try TemporaryFolder()
        let run = try ChapterRunner.run(["--out", folder.path("Site"), "--epochs", "3", "--learning-rate", "5"])
        #expect(run.status == 0, "\(run.standardError)")
        let history = try readCSV(folder.path("Site", "chapter-11-2", "data", "width-learning.csv"))
        #expect(history.rows.count == 4)
        #expect(history.rows.allSatisfy { row in row.allSatisfy { $0.map(\.isFinite) == true } })
    }
}
