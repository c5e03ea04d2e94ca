// Chapter 11.2, "Attention Pooling by Similarity", of Dive into Deep Learning (Zhang, Lipton, Li and Smola),
// as a program: it runs the section's experiments, prints a short table and writes the chapter's web page.
// The blocks between `snippet` markers are shown on the page beside the figures they computed. Every sentence of the
// page that describes a result is a `Claim` (Claims.swift) computed from this run's numbers.
import AttentionPooling
import Foundation
import CourseCLI
import CourseSite

CommandLineTool.run(name: "chapter-11-2") {
    guard let settings = try Settings(arguments: Array(CommandLine.arguments.dropFirst())) else { return }
    var page = try ChapterPage(chapter: CourseCatalogue.chapter11_2, mainSourceFile: #filePath)
    var claims = ClaimLedger()

    // 11.2.1 Kernels and data.
    // snippet: kernel-shapes
    let offsets = (-25..<25).map { Double($0) / 10 }  // q − k on [−2.5, 2.5) in steps of 0.1
    let shapes = Kernel.allCases.map { kernel in offsets.map { kernel.weight(scaledDistance: abs($0)) } }
    // end snippet
    let names = Kernel.allCases.map(\.displayName)
    let sentenceNames = Kernel.allCases.map(\.nameInSentence)
    try page.addCode("kernels", file: "Sources/AttentionPooling/Kernel.swift", snippet: "kernels")
    try page.addCode("plotting", file: "Chapters/chapter-11-2/ChapterFigures.swift", snippet: "plotting")
    try page.addFigure(
        kernelShapesFigure(distances: offsets, shapes: shapes, names: names), snippet: "kernel-shapes",
        caption: "The kernels of (11.2.1) with width σ = 1, as functions of the offset between query and key.",
        data: [DataFile("kernel-shapes.csv", columns: ["offset"] + Kernel.allCases.map(\.rawValue),
                        values: [offsets] + shapes)])

    // snippet: data
    let data = settings.data  // the book's (11.2.3) for --seed and --samples, or your --data file, x rescaled to [0, 5]
    // end snippet
    let shown = settings.inUserUnits(data)  // figures and data files show your own x
    let sample = data.thinned(toAtMost: 500)  // every pair here; fewer for the n² work when there are more
    let keys = KeyColumns(data: shown, groups: data.keyGroups(atMost: 200), keys: data.trainingInputs)
    page.setText("data-description", settings.dataDescription(data, columns: keys.count, sample: sample))
    progress(data, "estimates and attention of the four kernels and four widths")
    try page.addData(DataFile("training-set.csv", columns: ["x", "y"], values: [shown.trainingInputs, shown.trainingTargets]))
    let scores = Scores(data: data, sample: sample)
    page.setText("explorer-errors", data.validationTruth == nil ? "leave-one-out error"
                                                                 : "leave-one-out error and its error against the truth")
    page.setText("against-what", data.validationTruth == nil ? "with your examples" : "against the truth and the noisy examples")

    // 11.2.2 Attention pooling via Nadaraya–Watson regression: every kernel at width σ = 1.
    // snippet: estimates
    let kernels = try Kernel.allCases.map { try NadarayaWatson(kernel: $0, width: .scalar(1)) }
    let computed = try kernels.map { nw in  // each curve, and which of the engine's paths computed it
        try nw.estimatesAndPath(queries: data.validationInputs, keys: data.trainingInputs, values: data.trainingTargets)
    }
    let byKernel = computed.map(\.estimates)
    // end snippet
    try page.addCode("estimator", file: "Sources/AttentionPooling/NadarayaWatson.swift", snippet: "estimator")
    try page.addCode("softmax", file: "Sources/AttentionPooling/Softmax.swift", snippet: "softmax")
    try page.addCode("attention-rows", file: "Chapters/chapter-11-2/ChapterSections.swift", snippet: "attention-rows")
    claims.state(pathClaim(names: sentenceNames, paths: computed.map(\.path), queries: data.validationInputs.count,
                           keys: data.trainingInputs.count), on: &page)
    let kernelScores = try scores.of(kernels, byKernel)
    try page.addEstimates(byKernel, names: names, columns: Kernel.allCases.map(\.rawValue), data: shown,
                          figureName: "estimates", snippet: "estimates", tableName: "kernel-errors", scores: kernelScores,
                          caption: "Nadaraya–Watson estimates of the four kernels, each with width σ = 1.")
    try page.addAttention(kernels, names: names, columns: Kernel.allCases.map(\.rawValue), queries: data.validationInputs,
                          data: shown, keys: keys,
                          figureName: "attention", snippet: "estimates",
                          caption: "Attention weights of the four kernels (σ = 1): one row per query, one column per key.")
    claims.state(shapeClaim(name: "kernel-shapes", estimates: byKernel, names: sentenceNames,
                            truth: data.validationTruth, labels: data.trainingTargets), on: &page)
    claims.state(errorRankingClaim(name: "kernel-ranking", names: sentenceNames, errors: kernelScores.ranking,
                                   undefined: kernelScores.rankingUndefined, scoreName: scores.rankingName), on: &page)
    let looking = [Kernel.gaussian, .boxcar, .epanechikov]
    claims.state(spreadClaim(name: "kernel-spread", names: looking.map(\.nameInSentence), spreads: try looking.map {
        try meanWeightSpread(NadarayaWatson(kernel: $0, width: .scalar(1)), queries: data.validationInputs,
                             keys: data.trainingInputs)
    }, unit: settings.inputUnitName), on: &page)

    // The same comparison at equal spread: every kernel with standard deviation s = 1.
    // snippet: matched
    let matchedKernels = try looking.map { kernel in
        try NadarayaWatson(kernel: kernel, width: .scalar(1 / kernel.standardDeviation!))  // σ = 1, √3, √6
    }
    let matched = try matchedKernels.map { nw in
        try nw.estimates(queries: data.validationInputs, keys: data.trainingInputs, values: data.trainingTargets)
    }
    // end snippet
    let matchedNames = looking.map(\.displayName)
    let matchedScores = try scores.of(matchedKernels, matched)
    try page.addEstimates(matched, names: matchedNames, columns: looking.map(\.rawValue), data: shown,
                          figureName: "estimates-matched", snippet: "matched", tableName: "matched-errors",
                          scores: matchedScores,
                          caption: "The three kernels with the same standard deviation, s = 1: boxcar half-width √3, "
                              + "triangle half-width √6, Gaussian σ = 1.")
    try page.addAttention(matchedKernels, names: matchedNames, columns: looking.map(\.rawValue),
                          queries: data.validationInputs, data: shown, keys: keys,
                          figureName: "attention-matched", snippet: "matched",
                          caption: "Attention weights of the three kernels at the same standard deviation, s = 1.")
    claims.state(matchedClaim(atSigma: [0, 1, 3].map { byKernel[$0] }, matched: matched), on: &page)
    claims.state(errorRankingClaim(name: "matched-ranking", names: looking.map(\.nameInSentence), errors: matchedScores.ranking,
                                   undefined: matchedScores.rankingUndefined, scoreName: scores.rankingName), on: &page)

    // 11.2.3 Adapting attention pooling: the Gaussian kernel at four widths.
    // snippet: widths
    let sigmas = [0.1, 0.2, 0.5, 1]
    let gaussians = try sigmas.map { try NadarayaWatson(kernel: .gaussian, width: .scalar($0)) }
    let byWidth = try gaussians.map { nw in
        try nw.estimates(queries: data.validationInputs, keys: data.trainingInputs, values: data.trainingTargets)
    }
    // end snippet
    let widthNames = sigmas.map { "σ = \($0.formatted)" }
    let widthColumns = sigmas.map { "sigma_\($0.formatted)" }
    let widthScores = try scores.of(gaussians, byWidth)
    try page.addEstimates(byWidth, names: widthNames, columns: widthColumns, data: shown,
                          figureName: "width-estimates", snippet: "widths", tableName: "width-errors", scores: widthScores,
                          caption: "Gaussian estimates at four widths.")
    try page.addAttention(gaussians, names: widthNames, columns: widthColumns, queries: data.validationInputs,
                          data: shown, keys: keys,
                          figureName: "width-attention", snippet: "widths", caption: "Gaussian attention weights at four widths.")
    claims.state(shapeClaim(name: "width-shapes", estimates: byWidth, names: widthNames,
                            truth: data.validationTruth, labels: data.trainingTargets), on: &page)
    claims.state(bestWidthClaim(names: widthNames, errors: widthScores.ranking, undefined: widthScores.rankingUndefined,
                                scoreName: scores.rankingName), on: &page)
    claims.state(spreadClaim(name: "width-spread", names: widthNames, spreads: try sigmas.map {
        try meanWeightSpread(NadarayaWatson(kernel: .gaussian, width: .scalar($0)), queries: data.validationInputs,
                             keys: data.trainingInputs)
    }, unit: settings.inputUnitName), on: &page)

    // Explore: every kernel at 25 widths from 0.05 to 2, log-spaced; the page switches between them.
    // snippet: explorer
    let explorerWidths = (0..<25).map { 0.05 * pow(40.0, Double($0) / 24) }  // 0.05 · 40^(i/24): 0.05 … 2
    let explorerData = data.thinned(toAtMost: 200)  // a hundred heatmaps must stay small: at most 200 keys
    let explored = try Kernel.allCases.map { kernel in
        try explorerWidths.map { sigma in
            try NadarayaWatson(kernel: kernel, width: .scalar(sigma)).pool(
                queries: explorerData.validationInputs, keys: explorerData.trainingInputs,
                values: explorerData.trainingTargets)
        }
    }
    // end snippet
    let trade = try widthTradeOff(explored, widths: explorerWidths, data: explorerData)
    let widthTexts = explorerWidths.map { "σ = \($0.significant)" }
    let explorerColumns = Kernel.allCases.flatMap { kernel in explorerWidths.map { "\(kernel.rawValue)_sigma_\($0.significant)" } }
    try page.addExplorer(
        widthExplorer(results: explored, kernelNames: names, widths: widthTexts, data: settings.inUserUnits(explorerData),
                      trade: trade, shown: (kernel: 0, width: 12)),
        data: [DataFile("width-explorer.csv", columns: ["x"] + explorerColumns,
                        optionalValues: [shown.validationInputs.map(Optional.some)] + explored.joined().map(\.estimates)),
               DataFile("width-explorer-errors.csv", columns: ["sigma"] + Kernel.allCases.flatMap { ["\($0.rawValue)_loo", "\($0.rawValue)_truth"] },
                        optionalValues: [explorerWidths.map(Optional.some)] + Kernel.allCases.indices.flatMap { k in
                            [trade.leaveOneOut[k], trade.truth?[k] ?? Array(repeating: nil, count: explorerWidths.count)]
                        })])
    claims.state(explorerGapsClaim(names: sentenceNames, narrowest: explored.map { $0[0] }, width: widthTexts[0]), on: &page)

    // Learning the width: the earlier edition's parametric attention pooling, and exercise 2.
    progress(sample, "learning the width")
    // snippet: width-learning
    var draw = SeededGenerator(seed: UInt64(settings.seed))
    let initialW = draw.uniform()  // as in the book, w₀ is uniform on [0, 1)
    let schedule = WidthTraining(learningRate: settings.learningRate, epochs: settings.epochs, tolerance: 1e-8,
                                 adaptiveStepAfter: 5,  // the book's five epochs, then secant steps
                                 lossScale: settings.lossScale(for: sample))  // 1 for the book's data
    let allKeys = try WidthObjective(keys: sample.trainingInputs, values: sample.trainingTargets, leaveOneOut: false)
    let leaveOneOut = try WidthObjective(keys: sample.trainingInputs, values: sample.trainingTargets, leaveOneOut: true)
    let trainedAll = try allKeys.train(from: [initialW], settings: schedule)
    let trainedLOO = try leaveOneOut.train(from: [initialW], settings: schedule)
    let grid = try leaveOneOut.gridSearch(lower: 0.1, upper: 100, count: 200)  // the check
    // end snippet
    let plainStep = Result { () throws(AttentionPoolingError) in
        try leaveOneOut.train(from: [initialW], settings: WidthTraining(learningRate: settings.learningRate, epochs: 20,
                                                                        lineSearch: false, lossScale: schedule.lossScale))
    }
    try page.addCode("width-gradient", file: "Sources/AttentionPooling/WidthLearning.swift", snippet: "width-gradient")
    page.setText("learning-rate", "$\\eta = \(settings.learningRate.formatted)$")
    page.setText("epoch-limit", "\(settings.epochs) epochs")
    let learned = WidthLearningResults(initialW: initialW, allKeys: trainedAll, leaveOneOut: trainedLOO,
                                       plainStep: plainStep, grid: grid)
    try page.addWidthLearning(learned, snippet: "width-learning")
    let allKeysEnd = trainingEndClaim(name: "all-keys-final", label: "(a)", run: trainedAll, epochLimit: settings.epochs)
    let looEnd = trainingEndClaim(name: "loo-final", label: "(b)", run: trainedLOO, epochLimit: settings.epochs)
    claims.state(allKeysEnd, on: &page)
    claims.state(looEnd, on: &page)
    claims.state(plainStepClaim(plainStep, safeguarded: trainedLOO), on: &page)
    claims.state(gridClaim(grid: grid, trainedW: trainedLOO.final.w[0], trainingEnd: looEnd), on: &page)

    // Beyond one global width: Silverman's rule of thumb and Abramson's adaptive widths.
    // snippet: width-rules
    let silverman = try BandwidthRules.silverman(sample.trainingInputs)
    let adaptive = try BandwidthRules.abramson(keys: sample.trainingInputs, pilotWidth: silverman)
    let choices: [(name: String, width: Width)] = [
        ("learned, all keys (a)", .scalar(1 / trainedAll.final.w[0])),
        ("learned, leave-one-out (b)", .scalar(1 / trainedLOO.final.w[0])),
        ("Silverman's rule of thumb", .scalar(silverman)),
        ("adaptive (Abramson)", .perKey(adaptive)),
    ]
    let chosen = try choices.map { try NadarayaWatson(kernel: .gaussian, width: $0.width) }
    let byChoice = try chosen.map { nw in
        try nw.estimates(queries: sample.validationInputs, keys: sample.trainingInputs, values: sample.trainingTargets)
    }
    // end snippet
    let choiceNames = ["(a) all keys", "(b) leave-one-out", "Silverman", "Abramson"]
    let choiceColumns = ["all_keys", "leave_one_out", "silverman", "abramson"]
    let sampleShown = settings.inUserUnits(sample)
    try page.addEstimates(byChoice, names: choiceNames, columns: choiceColumns, data: sampleShown,
                          figureName: "learned-estimates", snippet: "width-rules", tableName: nil, scores: nil,
                          caption: "Estimates with the two learned widths and with two rules.")
    try page.addAttention(chosen, names: choiceNames, columns: choiceColumns, queries: sample.validationInputs,
                          data: sampleShown,
                          keys: KeyColumns(data: sampleShown, groups: sample.keyGroups(atMost: 200), keys: sample.trainingInputs),
                          figureName: "learned-attention", snippet: "width-rules",
                          caption: "Attention weights with the two learned widths and the two rules.")
    try page.addData(DataFile("adaptive-widths.csv", columns: ["x", "sigma"], values: [sampleShown.trainingInputs, adaptive]))
    let handPicked = sigmas.map { (name: "hand-picked, σ = \($0.formatted)", width: Width.scalar($0)) }
    let choiceScores = try widthChoices(handPicked + choices, data: sample)
    page.addTable("width-choices", html: widthChoicesTable(choiceScores, truthKnown: sample.validationTruth != nil))
    try page.addData(widthChoicesFile(choiceScores))
    let choiceLOO = choiceScores.suffix(choices.count).map(\.leaveOneOut)
    claims.state(overfitClaim(allKeysW: trainedAll.final.w[0], leaveOneOutW: trainedLOO.final.w[0],
                              allKeysLOO: choiceLOO[0], leaveOneOutLOO: choiceLOO[1]), on: &page)
    claims.state(spreadClaim(name: "learned-spread", names: ["(a)", "(b)"], spreads: try [trainedAll, trainedLOO].map {
        try meanWeightSpread(NadarayaWatson(kernel: .gaussian, width: .scalar(1 / $0.final.w[0])),
                             queries: sample.validationInputs, keys: sample.trainingInputs)
    }, unit: settings.inputUnitName), on: &page)
    claims.state(widthChoiceClaim(names: choiceScores.map(\.name), looErrors: choiceScores.map(\.leaveOneOut),
                                  truthErrors: choiceScores.map(\.truth)), on: &page)
    claims.state(summaryClaim(matched: claims["matched-gap"]), on: &page)

    try page.addData(claims.dataFile)
    page.setText("data-files", page.dataFileList)
    let site = try page.render(sections: [
        "0-introduction.md", "1-kernels-and-data.md", "2-nadaraya-watson.md", "3-adapting.md", "3b-learning-the-width.md",
        "4-summary.md", "5-exercises.md", "6-run-it-yourself.md", "7-references.md",
    ])
    try site.write(to: settings.site.outputDirectory, identity: settings.site.identity)

    print(settings.dataSource.capitalizedFirst + ":")
    print(errorTable(names: names + widthNames.map { "Gaussian, \($0)" }, scores: kernelScores + widthScores))
    print()
    print(trainingLog(allKeys: trainedAll, leaveOneOut: trainedLOO))
    print("Wrote \(site.pagePath(in: settings.site.outputDirectory)) — open it in a browser.")
}

/// For a large data set, says in the terminal what is being computed, since it takes a while.
func progress(_ data: RegressionData, _ what: String) {
    guard data.trainingInputs.count > 5000 else { return }
    print("Computing \(what) on \(data.trainingInputs.count) examples…")
}
