// Chapter 11.1, "Queries, Keys, and Values", of Dive into Deep Learning (Zhang, Lipton, Li and Smola), with the
// lecture's name database (Lippert, "10.1 Attention Mechanism"), as a program: it runs the section's examples,
// prints a short table and writes the chapter's web page.
// The blocks between `snippet` markers are shown on the page beside the figures they computed.
import AttentionPooling
import CourseCLI
import CourseSite
import Foundation

CommandLineTool.run(name: "chapter-11-1") {
    guard let settings = try Settings(arguments: Array(CommandLine.arguments.dropFirst())) else { return }
    var page = try ChapterPage(chapter: CourseCatalogue.chapter11_1, mainSourceFile: #filePath)

    // A database of (key, value) pairs: exact, approximate and top-k lookups of "Schulz" as attention.
    // snippet: lookups
    let database = StringDatabase.lecture  // (Schumacher, Anna), …, (Schulz, Lisa), (Schuler, Tim)
    let withoutSchulz = try database.removing(key: "Schulz")
    let lookups: [(name: String, database: StringDatabase, rule: LookupRule)] = [
        ("exact in D", database, .exact),
        ("exact in D′", withoutSchulz, .exact),
        ("nearest in D′", withoutSchulz, .nearest),
        ("top-2 in D′", withoutSchulz, .topK(2)),
        ("softmax τ = 1 in D′", withoutSchulz, .softmax(temperature: 1)),
    ]
    let lookupWeights = try lookups.map { try $0.database.weights(for: "Schulz", rule: $0.rule) }
    // end snippet
    try page.addCode("edit-distance", file: "Sources/AttentionPooling/StringSimilarity.swift", snippet: "edit-distance")
    try page.addCode("lookup", file: "Sources/AttentionPooling/StringDatabase.swift", snippet: "lookup")
    try page.addLookups(lookups, weights: lookupWeights, query: "Schulz", allKeys: database.keys)

    // Softmax blends the rules: from the nearest key (τ → 0) to every key alike (τ → ∞).
    // snippet: temperatures
    let temperatures = (0...48).map { pow(10, -1.5 + Double($0) / 16) }  // τ from 0.03 to 30, evenly on a log scale
    let queries = ["Schulz", "Fisher", "Schmidt"]
    let sweeps = try queries.map { query in
        try temperatures.map { tau in try withoutSchulz.weights(for: query, rule: .softmax(temperature: tau)) }
    }
    let answers = try queries.map { query in
        try withoutSchulz.weights(for: query, rule: .softmax(temperature: 1)).map(withoutSchulz.valueDistribution)
    }
    // end snippet
    try page.addTemperatures(sweeps, queries: queries, temperatures: temperatures, database: withoutSchulz,
                             allKeys: database.keys)
    page.addNameDistributions(answers, queries: queries, database: withoutSchulz)

    // Attention pooling and its special cases: five queries, five keys, five values in the plane.
    // snippet: special-cases
    let keys = [1.0, 2, 3, 4, 5]
    let values: [[Double]] = [[1, 0.5], [3, 1], [4, 3], [2, 3.5], [1.2, 2.2]]
    let scores = keys.map { q in keys.map { k in -(q - k) * (q - k) / 2 } }  // a(q, k) = −(q − k)²/2, queries = keys
    let cases: [(name: String, weights: [[Double]])] = [
        ("nonnegative", scores.map { row in row.map { exp($0) } }),  // the Gaussian kernel, not normalised
        ("convex", try softmaxRows(scores, temperature: 1)),  // normalised: Nadaraya–Watson
        ("one-hot", try scores.map(AttentionWeights.argmax)),  // the identity matrix: a lookup
        ("uniform", try scores.map { _ in try AttentionWeights.uniform(count: keys.count) }),  // average pooling
    ]
    let outputs = try cases.map { special in
        try special.weights.map { try AttentionWeights.pool(weights: $0, values: values) }
    }
    // end snippet
    try page.addCode("pool", file: "Sources/AttentionPooling/AttentionPoolingSpecialCases.swift", snippet: "pool")
    let checks = try specialCaseChecks(cases: cases, outputs: outputs, values: values)
    try page.addSpecialCases(cases, outputs: outputs, keys: keys, values: values, checks: checks)

    // Softmax attention: stable for any scores, and the earlier edition's random 10 × 10 score matrix.
    try page.addCode("softmax", file: "Sources/AttentionPooling/Softmax.swift", snippet: "softmax")
    page.addTable("softmax-stability", html: try stabilityTableHTML())
    // snippet: random-scores
    var generator = SeededGenerator(seed: UInt64(settings.seed))
    let randomScores = (0..<10).map { _ in (0..<10).map { _ in generator.uniform() } }  // uniform on [0, 1)
    let randomWeights = try [1, 0.1].map { tau in try softmaxRows(randomScores, temperature: tau) }
    // end snippet
    try page.addRandomSoftmax(scores: randomScores, weights: randomWeights, temperatures: [1, 0.1])
    page.setText("seed", String(settings.seed))

    page.setText("data-files", page.dataFileList)
    let site = try page.render(sections: [
        "0-introduction.md", "1-attention-pooling.md", "2-softmax.md", "3-summary.md", "4-exercises.md",
        "5-run-it-yourself.md",
    ])
    try site.write(to: settings.site.outputDirectory, identity: settings.site.identity)

    print("Looking up \"Schulz\" in the lecture's names D (and in D′, without Schulz):")
    print(lookupTable(lookups, weights: lookupWeights))
    print("Other queries in D′, softmax at τ = 1:")
    print(answerTable(answers, queries: queries, database: withoutSchulz))
    print("Attention pooling's special cases (5 queries, 5 values in the plane):")
    print(checksTable(checks))
    print("Wrote \(site.pagePath(in: settings.site.outputDirectory)) — open it in a browser.")
}
