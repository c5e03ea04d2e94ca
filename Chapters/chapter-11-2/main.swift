// Chapter 11.2, "Attention Pooling by Similarity", of Dive into Deep Learning (Zhang, Lipton, Li and Smola),
// as a program: it runs the section's experiments, prints a short table and writes the chapter's web page.
// The blocks between `snippet` markers are shown on the page beside the figures they computed.
import AttentionPooling
import Foundation
import CourseCLI
import CourseSite

CommandLineTool.run(name: "chapter-11-2") {
    guard let settings = try Settings(arguments: Array(CommandLine.arguments.dropFirst())) else { return }
    var page = try ChapterPage(chapter: CourseCatalogue.chapter11_2, mainSourceFile: #filePath)

    // 11.2.1 Kernels and data.
    // snippet: kernel-shapes
    let offsets = (-25..<25).map { Double($0) / 10 }  // q − k on [−2.5, 2.5) in steps of 0.1
    let shapes = Kernel.allCases.map { kernel in offsets.map { kernel.weight(scaledDistance: abs($0)) } }
    // end snippet
    let names = Kernel.allCases.map(\.displayName)
    try page.addFigure(
        kernelShapesFigure(distances: offsets, shapes: shapes, names: names), snippet: "kernel-shapes",
        caption: "The kernels of (11.2.1) with width σ = 1, as functions of the offset between query and key.",
        data: [DataFile("kernel-shapes.csv", columns: ["offset"] + Kernel.allCases.map(\.rawValue),
                        values: [offsets] + shapes)])

    // snippet: data
    let data = try settings.regressionData()
    let unit = settings.widthUnit(for: data)  // 1 for the book's data; range / 5 for yours
    let keyGroups = data.keyGroups(atMost: 200)  // one key per column of the heatmaps, unless there are thousands
    let sample = data.thinned(toAtMost: 500)  // every pair here; fewer for the n² work when there are more
    // end snippet
    let keys = KeyColumns(data: data, groups: keyGroups)
    page.setText("data-description", settings.dataDescription(data, columns: keys.count, sample: sample))
    progress(data, "estimates and attention of the four kernels and four widths")
    try page.addData(DataFile("training-set.csv", columns: ["x", "y"], values: [data.trainingInputs, data.trainingTargets]))

    // 11.2.2 Attention pooling via Nadaraya–Watson regression: every kernel at width σ = 1.
    // snippet: estimates
    let byKernel = try Kernel.allCases.map { kernel in
        try NadarayaWatson(kernel: kernel, width: .scalar(1 * unit)).pool(
            queries: data.validationInputs, keys: data.trainingInputs, values: data.trainingTargets, keyGroups: keyGroups)
    }
    // end snippet
    try page.addCode("estimator", file: "Sources/AttentionPooling/NadarayaWatson.swift", snippet: "estimator")
    try page.addCode("softmax", file: "Sources/AttentionPooling/Softmax.swift", snippet: "softmax")
    try page.addEstimates(byKernel, names: names, columns: Kernel.allCases.map(\.rawValue), data: data,
                          figureName: "estimates", snippet: "estimates", tableName: "kernel-errors",
                          caption: "Nadaraya–Watson estimates of the four kernels (σ = 1).")
    try page.addAttention(byKernel, names: names, columns: Kernel.allCases.map(\.rawValue), data: data, keys: keys,
                          figureName: "attention", snippet: "estimates",
                          caption: "Attention weights of the four kernels (σ = 1): one row per query, one column per key.")

    // 11.2.3 Adapting attention pooling: the Gaussian kernel at four widths.
    // snippet: widths
    let sigmas = [0.1, 0.2, 0.5, 1]
    let byWidth = try sigmas.map { sigma in
        try NadarayaWatson(kernel: .gaussian, width: .scalar(sigma * unit)).pool(
            queries: data.validationInputs, keys: data.trainingInputs, values: data.trainingTargets, keyGroups: keyGroups)
    }
    // end snippet
    let widthNames = sigmas.map { "σ = \($0.formatted)" }
    let widthColumns = sigmas.map { "sigma_\($0.formatted)" }
    try page.addEstimates(byWidth, names: widthNames, columns: widthColumns, data: data,
                          figureName: "width-estimates", snippet: "widths", tableName: "width-errors",
                          caption: "Gaussian estimates at four widths: narrow kernels follow the noise, wide ones smooth it away.")
    try page.addAttention(byWidth, names: widthNames, columns: widthColumns, data: data, keys: keys,
                          figureName: "width-attention", snippet: "widths",
                          caption: "Gaussian attention weights at four widths: the narrower the kernel, the thinner the band.")

    // Explore: every kernel at 25 widths from 0.05 to 2, log-spaced; the page switches between them.
    // snippet: explorer
    let explorerWidths = (0..<25).map { 0.05 * pow(40.0, Double($0) / 24) }  // 0.05 · 40^(i/24): 0.05 … 2
    let explorerData = data.thinned(toAtMost: 200)  // a hundred heatmaps must stay small: at most 200 keys
    let explored = try Kernel.allCases.map { kernel in
        try explorerWidths.map { sigma in
            try NadarayaWatson(kernel: kernel, width: .scalar(sigma * unit)).pool(
                queries: explorerData.validationInputs, keys: explorerData.trainingInputs,
                values: explorerData.trainingTargets)
        }
    }
    // end snippet
    let widthTexts = explorerWidths.map { "σ = \($0.significant)" }
    let explorerColumns = Kernel.allCases.flatMap { kernel in explorerWidths.map { "\(kernel.rawValue)_sigma_\($0.significant)" } }
    try page.addExplorer(
        widthExplorer(results: explored, kernelNames: names, widths: widthTexts, data: explorerData,
                      shown: (kernel: 0, width: 12)),
        data: [DataFile("width-explorer.csv", columns: ["x"] + explorerColumns,
                        optionalValues: [data.validationInputs.map(Optional.some)] + explored.joined().map(\.estimates))])

    // Learning the width: the earlier edition's parametric attention pooling, and exercise 2.
    progress(sample, "learning the width")
    // snippet: width-learning
    var draw = SeededGenerator(seed: UInt64(settings.seed))
    let initialW = draw.uniform()  // as in the book, w₀ is uniform on [0, 1)
    let units = settings.trainingUnits(for: sample)  // 1 and 1 for the book's data
    let inputs = sample.trainingInputs.map { $0 / units.input }
    let labels = sample.trainingTargets.map { $0 / units.label }
    let schedule = WidthTraining(learningRate: settings.learningRate, epochs: settings.epochs, tolerance: 1e-8,
                                 adaptiveStepAfter: 5)  // the book's five epochs, then secant steps
    let allKeys = try WidthObjective(keys: inputs, values: labels, leaveOneOut: false)
    let leaveOneOut = try WidthObjective(keys: inputs, values: labels, leaveOneOut: true)
    let trainedAll = try allKeys.train(from: [initialW], settings: schedule)
        .inOriginalUnits(inputScale: units.input, labelScale: units.label)
    let trainedLOO = try leaveOneOut.train(from: [initialW], settings: schedule)
        .inOriginalUnits(inputScale: units.input, labelScale: units.label)
    let grid = try leaveOneOut.gridSearch(lower: 0.1, upper: 100, count: 200)  // the check
        .inOriginalUnits(inputScale: units.input, labelScale: units.label)
    // end snippet
    let plainStep = Result { () throws(WidthLearningError) in
        try leaveOneOut.train(from: [initialW], settings: WidthTraining(learningRate: settings.learningRate, epochs: 20,
                                                                        lineSearch: false))
    }.map { $0.inOriginalUnits(inputScale: units.input, labelScale: units.label) }
    try page.addCode("width-gradient", file: "Sources/AttentionPooling/WidthLearning.swift", snippet: "width-gradient")
    page.setText("learning-rate", "$\\eta = \(settings.learningRate.formatted)$")
    page.setText("epoch-limit", "\(settings.epochs) epochs")
    try page.addWidthLearning(
        WidthLearningResults(initialW: initialW / units.input, allKeys: trainedAll, leaveOneOut: trainedLOO,
                             plainStep: plainStep, grid: grid),
        snippet: "width-learning")

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
    let byChoice = try choices.map { choice in
        try NadarayaWatson(kernel: .gaussian, width: choice.width).pool(
            queries: sample.validationInputs, keys: sample.trainingInputs, values: sample.trainingTargets,
            keyGroups: sample.keyGroups(atMost: 200))
    }
    // end snippet
    let choiceNames = ["(a) all keys", "(b) leave-one-out", "Silverman", "Abramson"]
    let choiceColumns = ["all_keys", "leave_one_out", "silverman", "abramson"]
    try page.addEstimates(byChoice, names: choiceNames, columns: choiceColumns, data: sample,
                          figureName: "learned-estimates", snippet: "width-rules", tableName: nil,
                          caption: "Estimates with the learned widths and with two rules: (a) overfits the noise, "
                              + "(b) and the rules give smooth curves.")
    try page.addAttention(byChoice, names: choiceNames, columns: choiceColumns, data: sample,
                          keys: KeyColumns(data: sample, groups: sample.keyGroups(atMost: 200)),
                          figureName: "learned-attention", snippet: "width-rules",
                          caption: "Attention weights with the learned widths and the two rules: (a)'s weight sits on the "
                              + "diagonal alone.")
    try page.addData(DataFile("adaptive-widths.csv", columns: ["x", "sigma"], values: [sample.trainingInputs, adaptive]))
    let handPicked = sigmas.map { (name: "hand-picked, σ = \($0.formatted)", width: Width.scalar($0 * unit)) }
    page.addTable("width-choices", html: try widthChoicesTable(choices: handPicked + choices, data: sample))

    page.setText("data-files", page.dataFileList)
    let site = try page.render(sections: [
        "0-introduction.md", "1-kernels-and-data.md", "2-nadaraya-watson.md", "3-adapting.md", "3b-learning-the-width.md",
        "4-summary.md", "5-exercises.md", "6-run-it-yourself.md",
    ])
    try site.write(to: settings.site.outputDirectory, identity: settings.site.identity)

    print(settings.dataSource.capitalizedFirst + ":")
    print(errorTable(names: names + widthNames.map { "Gaussian, \($0)" }, results: byKernel + byWidth, data: data))
    print()
    print(trainingLog(allKeys: trainedAll, leaveOneOut: trainedLOO))
    print("Wrote \(site.pagePath(in: settings.site.outputDirectory)) — open it in a browser.")
}

/// For a large data set, says in the terminal what is being computed, since it takes a while.
func progress(_ data: RegressionData, _ what: String) {
    guard data.trainingInputs.count > 5000 else { return }
    print("Computing \(what) on \(data.trainingInputs.count) examples…")
}
