import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Chapter 11.1 run as a student runs it: the files it writes, the numbers in them, and its command line.
@Suite(.serialized) struct Chapter11_1Tests {
    private func run(_ arguments: [String]) throws -> ChapterRun {
        try ChapterRunner.run(arguments, chapter: "chapter-11-1")
    }

    @Test func defaultRunWritesTheWholePage() throws {
        let folder = try TemporaryFolder()
        let result = try run(["--out", folder.path("Site")])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.isEmpty)
        for expected in ["Lisa", "Tim", "none", "nonnegative", "uniform", "chapter-11-1/index.html"] {
            #expect(result.standardOutput.contains(expected), "stdout lacks \(expected)")
        }

        let files = try folder.snapshot(of: folder.path("Site"))
        let data = ["exact-lookups", "approximate-lookups", "temperatures-Schulz", "temperatures-Fisher",
                    "temperatures-Schmidt", "special-case-nonnegative", "special-case-convex", "special-case-one-hot",
                    "special-case-uniform", "values", "pooled-outputs", "random-scores", "random-weights-tau_1",
                    "random-weights-tau_0.1"]
        for expected in ["index.html", "style.css", "chapter-11-1/index.html"] + data.map({ "chapter-11-1/data/\($0).csv" }) {
            #expect(files[expected] != nil, "missing \(expected)")
        }
        #expect(files.keys.filter { $0.hasPrefix("chapter-11-1/data/") }.count == data.count)
        #expect(!files.keys.contains { $0.contains(".staging") || $0.contains(".old-") || $0.hasSuffix(".tmp") })

        let page = String(decoding: try #require(files["chapter-11-1/index.html"]), as: UTF8.self)
        let figures = page.components(separatedBy: "<div class=\"figure-plot\">").dropFirst()
            .map { $0.components(separatedBy: "\n</div>\n<figcaption>")[0] }
        #expect(figures.count == 6)
        for svg in figures {
            #expect(XMLParser(data: Data("<plot>\(svg)</plot>".utf8)).parse(), "an SVG on the page is not well-formed XML")
            #expect(svg.contains("<title") && svg.contains("<desc"))
        }
        #expect(page.contains("<math"))
        #expect(!page.contains("\\frac") && !page.contains("$$") && !page.contains("{{"))
        #expect(page.contains("d2l.ai") && page.contains("Lippert"))
        let text = page.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
        #expect(text.contains("try database.removing(key: &quot;Schulz&quot;)"))  // the code that ran
        #expect(text.contains("func editDistance(_ a: String, _ b: String)"))  // from the library
        #expect(text.contains("func weights(_ scores: [Double], temperature: Double = 1)"))
    }

    @Test func lookupsAnswerAsInTheLecture() throws {
        let folder = try TemporaryFolder()
        #expect(try run(["--out", folder.path("Site")]).status == 0)
        let data = folder.path("Site", "chapter-11-1", "data")
        let keys = ["Schumacher", "Schneider", "Fischer", "Weber", "Schulz", "Schuler"]
        let exact = try readCSV(data + "/exact-lookups.csv")
        #expect(exact.header == ["panel"] + keys)
        #expect(exact.rows[0] == [1, 0, 0, 0, 0, 1, 0])  // "Schulz" finds Lisa
        #expect(exact.rows[1] == [2, nil, nil, nil, nil, nil, nil])  // removed: no answer at all
        let approximate = try readCSV(data + "/approximate-lookups.csv")
        #expect(approximate.rows[0] == [1, 0, 0, 0, 0, nil, 1])  // nearest: Schuler, Tim
        #expect(approximate.rows[1] == [2, 0.5, 0, 0, 0, nil, 0.5])  // top-2: the tie goes to the first key
        let softmax = approximate.rows[2].dropFirst().compactMap { $0 }
        #expect(abs(softmax.reduce(0, +) - 1) < 1e-12)
        #expect(abs(softmax[4] - 1 / (1 + 4 * exp(-4.0))) < 1e-12)  // distances 6, 6, 6, 6, 2
    }

    @Test func temperatureSweepsRunFromNearestToUniform() throws {
        let folder = try TemporaryFolder()
        #expect(try run(["--out", folder.path("Site")]).status == 0)
        let sweep = try readCSV(folder.path("Site", "chapter-11-1", "data", "temperatures-Schmidt.csv"))
        #expect(sweep.header == ["tau", "Schumacher", "Schneider", "Fischer", "Weber", "Schuler"])
        let coldest = try #require(sweep.rows.first), hottest = try #require(sweep.rows.last)
        #expect(abs(coldest[0]! - 0.0316) < 1e-3 && abs(hottest[0]! - 31.6) < 0.1)
        #expect(abs(coldest[2]! - 0.5) < 1e-6 && abs(coldest[5]! - 0.5) < 1e-6)  // a tie shares the weight
        for weight in hottest.dropFirst() { #expect(abs(weight! - 0.2) < 0.03) }
        for row in sweep.rows { #expect(abs(row.dropFirst().map { $0! }.reduce(0, +) - 1) < 1e-12) }
    }

    @Test func specialCasesHaveTheirProperties() throws {
        let folder = try TemporaryFolder()
        #expect(try run(["--out", folder.path("Site")]).status == 0)
        let data = folder.path("Site", "chapter-11-1", "data")
        let oneHot = try readCSV(data + "/special-case-one-hot.csv")
        #expect(oneHot.header.first == "query_q" && oneHot.header[1] == "key_k=1")
        for (i, row) in oneHot.rows.enumerated() {
            #expect(row.dropFirst() == ArraySlice((0..<5).map { Double?($0 == i ? 1 : 0) }))  // the identity
        }
        for name in ["convex", "one-hot", "uniform"] {
            for row in try readCSV(data + "/special-case-\(name).csv").rows {
                #expect(abs(row.dropFirst().map { $0! }.reduce(0, +) - 1) < 1e-12, "\(name) rows sum to 1")
            }
        }
        let values = try readCSV(data + "/values.csv").rows.map { [$0[1]!, $0[2]!] }
        let mean = [values.map { $0[0] }.reduce(0, +) / 5, values.map { $0[1] }.reduce(0, +) / 5]
        let outputs = try readCSV(data + "/pooled-outputs.csv")
        #expect(outputs.header == ["query_q", "nonnegative_x", "nonnegative_y", "convex_x", "convex_y", "one-hot_x",
                                   "one-hot_y", "uniform_x", "uniform_y"])
        for (j, row) in outputs.rows.enumerated() {
            #expect(row[5] == values[j][0] && row[6] == values[j][1])  // one-hot reproduces the value
            #expect(abs(row[7]! - mean[0]) < 1e-12 && abs(row[8]! - mean[1]) < 1e-12)  // uniform gives the mean
        }
    }

    @Test func randomWeightsAreTheRowSoftmaxOfTheScores() throws {
        let folder = try TemporaryFolder()
        #expect(try run(["--out", folder.path("Site"), "--seed", "11"]).status == 0)
        let data = folder.path("Site", "chapter-11-1", "data")
        let scores = try readCSV(data + "/random-scores.csv")
        #expect(scores.header == ["query"] + (1...10).map { "key_\($0)" })
        #expect(scores.rows.count == 10)
        for (file, tau) in [("random-weights-tau_1", 1.0), ("random-weights-tau_0.1", 0.1)] {
            let weights = try readCSV(data + "/\(file).csv").rows
            for (scoreRow, weightRow) in zip(scores.rows, weights) {
                let a = scoreRow.dropFirst().map { $0! }
                #expect(a.allSatisfy { (0..<1).contains($0) })
                let total = a.map { exp($0 / tau) }.reduce(0, +)
                for (score, weight) in zip(a, weightRow.dropFirst()) { #expect(abs(weight! - exp(score / tau) / total) < 1e-12) }
            }
        }
    }

    @Test func sameCommandTwiceWritesIdenticalBytesAndTheSeedOnlyChangesTheRandomMatrix() throws {
        let folder = try TemporaryFolder()
        #expect(try run(["--out", folder.path("a"), "--seed", "5"]).status == 0)
        #expect(try run(["--out", folder.path("b"), "--seed", "5"]).status == 0)
        #expect(try run(["--out", folder.path("c"), "--seed", "6"]).status == 0)
        let a = try folder.snapshot(of: folder.path("a")), c = try folder.snapshot(of: folder.path("c"))
        #expect(!a.isEmpty)
        #expect(a == (try folder.snapshot(of: folder.path("b"))))
        let differing = Set(a.keys.filter { a[$0] != c[$0] })
        #expect(differing == ["chapter-11-1/index.html", "chapter-11-1/data/random-scores.csv",
                              "chapter-11-1/data/random-weights-tau_1.csv", "chapter-11-1/data/random-weights-tau_0.1.csv"])
    }

    @Test func helpPrintsEveryOptionAndWritesNothing() throws {
        let folder = try TemporaryFolder()
        let result = try run(["--help", "--out", folder.path("Site")])
        #expect(result.status == 0)
        for option in ["--out", "--seed", "--help"] { #expect(result.standardOutput.contains(option)) }
        #expect(!result.standardOutput.contains("--samples"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("Site")))
    }

    @Test(arguments: [
        (["--sed", "3"], "--sed"), (["--seed"], "--seed"), (["--seed", "abc"], "abc"), (["--seed", "-1"], "--seed"),
        (["--seed", "4294967296"], "--seed"), (["--samples", "40"], "--samples"), (["extra"], "extra"),
        (["--out", ""], "--out"),
    ])
    func badArgumentsGetOneLineAndWriteNothing(arguments: [String], fragment: String) throws {
        let folder = try TemporaryFolder()
        let result = try run(arguments + (arguments.contains("--out") ? [] : ["--out", folder.path("Site")]))
        #expect(result.status == 2)
        #expect(result.standardError.split(separator: "\n").count == 1, "stderr: \(result.standardError)")
        #expect(result.standardError.hasPrefix("chapter-11-1: error:"))
        #expect(result.standardError.contains(fragment), "stderr: \(result.standardError)")
        #expect(result.standardOutput.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder.path("Site")))
    }

    @Test func bothChaptersInOneSiteLinkToEachOther() throws {
        let folder = try TemporaryFolder()
        // 11.2 first: its link to 11.1 leads to a placeholder saying how to generate 11.1, never to nothing.
        #expect(try ChapterRunner.run(["--out", folder.path("Site")], chapter: "chapter-11-2").status == 0)
        let placeholder = try String(contentsOfFile: folder.path("Site", "chapter-11-1", "index.html"), encoding: .utf8)
        #expect(placeholder.contains("swift run chapter-11-1") && placeholder.contains("data-placeholder"))
        var home = try String(contentsOfFile: folder.path("Site", "index.html"), encoding: .utf8)
        #expect(home.contains("Not generated yet"))
        // Then 11.1 replaces the placeholder; 11.2's page, written before, already links to it.
        #expect(try run(["--out", folder.path("Site")]).status == 0)
        let first = try String(contentsOfFile: folder.path("Site", "chapter-11-1", "index.html"), encoding: .utf8)
        let second = try String(contentsOfFile: folder.path("Site", "chapter-11-2", "index.html"), encoding: .utf8)
        home = try String(contentsOfFile: folder.path("Site", "index.html"), encoding: .utf8)
        #expect(!first.contains("data-placeholder"))
        #expect(first.contains("href=\"../chapter-11-2/index.html\""))
        #expect(second.contains("href=\"../chapter-11-1/index.html\""))
        #expect(home.contains("href=\"chapter-11-1/index.html\"") && home.contains("href=\"chapter-11-2/index.html\""))
        #expect(!home.contains("Not generated yet"))
    }
}
