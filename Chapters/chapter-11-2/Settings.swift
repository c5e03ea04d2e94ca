import AttentionPooling
import CourseCLI
import CourseSite

/// What the student asked for on the command line, and the data it selects.
struct Settings {
    static let parser = CommandLineParser(
        command: "chapter-11-2",
        summary: "Runs D2L §11.2's experiments (Nadaraya–Watson attention pooling) and writes the chapter's web page.",
        options: SiteOptions.specs + [
            OptionSpec(name: "--seed", valueName: "N", help: "Seed of the random training data.",
                       kind: .integer(0...4_294_967_295), defaultValue: "0"),
            OptionSpec(name: "--samples", valueName: "N", help: "Number of training examples to draw, 2 to 1000.",
                       kind: .integer(2...1000), defaultValue: "40"),
            OptionSpec(name: "--epochs", valueName: "N",
                       help: "Most gradient steps when learning the width (the book takes 5, then we go on).",
                       kind: .integer(1...100_000), defaultValue: "200"),
            OptionSpec(name: "--learning-rate", valueName: "X", help: "Step size of that gradient descent.",
                       kind: .positiveNumber, defaultValue: "0.5"),
            OptionSpec(name: "--data", valueName: "FILE",
                       help: "Your own training data instead: a CSV file with the header x,y and 2 to 1,000,000 rows, "
                           + "of at most \(NumericCSV.bytesPerRow) bytes a row on average (\(NumericCSV.byteLimit(maximumRows: 1_000_000) / 1_000_000) "
                           + "MB in all).", kind: .path),
        ])

    let site: SiteOptions
    let seed: Int
    let samples: Int
    let dataFile: String?
    let epochs: Int
    let learningRate: Double
    /// The training pairs and queries: the book's (11.2.3), or the user's file with its inputs rescaled (see `load`).
    let data: RegressionData
    /// How the user's inputs were rescaled; nil for the book's data.
    let userScale: InputScale?

    /// The settings for `arguments`, or nil when `--help` was asked for (the help text has been printed).
    init?(arguments: [String]) throws {
        guard let parsed = try Self.parser.parsedOrHelp(arguments) else { return nil }
        site = try SiteOptions(parsed)
        seed = parsed.integer("--seed") ?? 0
        samples = parsed.integer("--samples") ?? 40
        dataFile = parsed.string("--data")
        epochs = parsed.integer("--epochs") ?? 200
        learningRate = parsed.number("--learning-rate") ?? 0.5
        if dataFile != nil, let conflicting = ["--seed", "--samples"].first(where: { parsed.integer($0) != nil }) {
            throw CLIError.conflictingOptions(conflicting, "--data", reason: "your file fixes the examples")
        }
        (data, userScale) = try Self.load(dataFile: dataFile, samples: samples, seed: seed)
    }

    /// The book's data (11.2.3) for the seed and sample count; or the user's CSV, its inputs rescaled at load to span
    /// [0, 5] as the book's do (so that every width on the page means what it means in the book), with 50 queries on
    /// an even grid over that span, and the rescaling, which maps the inputs back for figures and data files.
    private static func load(dataFile: String?, samples: Int, seed: Int) throws -> (RegressionData, InputScale?) {
        guard let dataFile else { return (SineRegression.generate(samples: samples, seed: UInt64(seed)), nil) }
        let (columns, _) = try NumericCSV.read(path: dataFile, header: ["x", "y"], minimumRows: 2, maximumRows: 1_000_000)
        let (x, y) = (columns[0], columns[1])
        let scale = try InputScale(of: x, file: dataFile)
        try checkLabels(y, file: dataFile)
        let data = RegressionData(trainingInputs: x.map(scale.toBook), trainingTargets: y,
                                  validationInputs: (0..<50).map { 5 * Double($0) / 49 }, validationTruth: nil)
        return (data, scale)
    }

    /// Refuses labels so large that the squared errors of the losses overflow: every error is at most the labels'
    /// spread, 2·max|y|, so n · (2·max|y|)² must stay finite.
    private static func checkLabels(_ labels: [Double], file: String) throws(CSVInputError) {
        let largest = labels.map(abs).max() ?? 0
        let bound = (Double.greatestFiniteMagnitude / Double(labels.count)).squareRoot() / 2
        guard largest <= bound else {
            throw .unusable(path: file, problem: "the y values are too large (|y| up to \(largest.significant)): the "
                + "squared errors would overflow; divide them by a power of ten so that |y| stays below "
                + "\(bound.significant)")
        }
    }

    /// How to describe the data on the page and in the terminal.
    var dataSource: String {
        if let dataFile { return "your data from \(ControlCharacters.escaped(dataFile))" }
        return "\(samples) examples drawn with seed \(seed)"
    }
}

/// x_book = (x − offset) / unit: the user's inputs mapped onto [0, 5], the span of the book's.
struct InputScale {
    let offset: Double
    let unit: Double

    func toBook(_ x: Double) -> Double { (x - offset) / unit }
    func toUser(_ x: Double) -> Double { offset + x * unit }

    /// The scale that maps `inputs` onto [0, 5].
    /// - Throws: `CSVInputError.unusable` naming `file` when the inputs are all equal, span more than a `Double`
    ///   holds, span too little for a width to be a normal number, or lie so close to the largest number that the
    ///   query grid with the figures' margins overflows.
    init(of inputs: [Double], file: String) throws(CSVInputError) {
        let low = inputs.min() ?? 0
        let high = inputs.max() ?? 0
        guard low < high else {
            throw .unusable(path: file, problem: "the x values must not all be equal (attention needs keys to tell apart)")
        }
        let unit = (high - low) / 5
        guard unit.isFinite else {
            throw .unusable(path: file, problem: "the x values span more than a number can hold (\(low.significant) "
                + "to \(high.significant)); divide them by a power of ten")
        }
        guard unit.isNormal, (high - low) / unit == 5 else {
            throw .unusable(path: file, problem: "the x values span too little (\(low.significant) to "
                + "\(high.significant)) for widths to be told apart; multiply them by a power of ten")
        }
        (offset, self.unit) = (low, unit)
        // The figures draw the queries and keys with a margin around them: a tenth of the span on each side.
        guard toUser(-0.5).isFinite, toUser(5.5).isFinite else {
            throw .unusable(path: file, problem: "the x values (\(low.significant) to \(high.significant)) lie so close "
                + "to the largest number that the queries and the figures' margins overflow; divide them by a power of ten")
        }
    }
}

extension Settings {
    /// What the width learning divides its loss by (`WidthTraining.lossScale`): 1 for the book's data; for the user's,
    /// the labels' variance times n / 40, the size the loss has on 40 pairs of the book's scale, so that a learning
    /// rate means on their data what it means on the book's. The learned w does not depend on it.
    func lossScale(for data: RegressionData) -> Double {
        guard dataFile != nil else { return 1 }
        let labels = data.trainingTargets
        let mean = labels.reduce(0, +) / Double(labels.count)
        let variance = labels.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(labels.count - 1)
        let scale = variance * Double(labels.count) / 40
        return scale > 0 && scale.isFinite ? scale : 1
    }

    /// A few sentences for the page on where the examples come from, and how a large set is summarised.
    func dataDescription(_ data: RegressionData, columns: Int, sample: RegressionData) -> String {
        let n = data.trainingInputs.count
        var large = ""
        if columns < n {
            large += " With \(n) examples the attention figures of the next sections show \(columns) columns, each "
                + "the total weight of a group of about \(n / columns) neighbouring keys."
        }
        if n > 200 {
            large += " The width explorer draws a hundred attention matrices, so it uses at most 200 of the examples, "
                + "evenly spread."
        }
        if sample.trainingInputs.count < n {
            large += " Learning the width and comparing width rules cost n² work, so those sections use "
                + "\(sample.trainingInputs.count) of the examples, evenly spread."
        }
        return description(data) + large
    }

    private func description(_ data: RegressionData) -> String {
        if let dataFile, let scale = userScale {
            return "This page was generated from your own data (\(Markdown.codeSpan(dataFile)), "
                + "\(data.trainingInputs.count) examples). "
                + "So that a width means what it means in the book, whose inputs span 0 to 5, your inputs were rescaled when "
                + "they were loaded, $x' = (x - \(scale.offset.significant)) / \(scale.unit.significant)$, to span "
                + "$[0, 5]$; every width on this page is in those units (multiply by \(scale.unit.significant) for "
                + "yours), while the figures and data files show your own $x$. The queries are "
                + "\(data.validationInputs.count) evenly spaced points across the range of your inputs. Your data has no "
                + "known truth, so the estimators are scored by their leave-one-out error instead."
        }
        return "We draw \(data.trainingInputs.count) training inputs uniformly from $[0, 5)$, sort them, and label "
            + "each one by (11.2.3); this page used seed \(seed). The queries are the validation inputs "
            + "$0, 0.1, 0.2, \\ldots, 4.9$, where we also know the noise-free truth $2\\sin(x) + x$."
    }

    /// `data` with its inputs in the user's own units, for figures and data files (the same data for the book's).
    func inUserUnits(_ data: RegressionData) -> RegressionData {
        guard let scale = userScale else { return data }
        return RegressionData(trainingInputs: data.trainingInputs.map(scale.toUser), trainingTargets: data.trainingTargets,
                              validationInputs: data.validationInputs.map(scale.toUser), validationTruth: data.validationTruth)
    }

    /// What a width is measured in, for sentences: "" for the book's data, "in rescaled units" for the user's.
    var inputUnitName: String { dataFile == nil ? "" : "(in rescaled units)" }
}
