import AttentionPooling
import CourseCLI

/// What the student asked for on the command line, and the data it selects.
struct Settings {
    static let parser = CommandLineParser(
        command: "chapter-11-2",
        summary: "Runs D2L §11.2's experiments (Nadaraya–Watson attention pooling) and writes the chapter's web page.",
        options: SiteOptions.specs + [
            OptionSpec(name: "--seed", valueName: "N", help: "Seed of the random training data.",
                       kind: .integer(0...4_294_967_295), defaultValue: "0"),
            OptionSpec(name: "--samples", valueName: "N", help: "Number of training examples to draw.",
                       kind: .integer(1...1000), defaultValue: "40"),
            OptionSpec(name: "--epochs", valueName: "N",
                       help: "Most gradient steps when learning the width (the book takes 5, then we go on).",
                       kind: .integer(1...100_000), defaultValue: "200"),
            OptionSpec(name: "--learning-rate", valueName: "X", help: "Step size of that gradient descent.",
                       kind: .positiveNumber, defaultValue: "0.5"),
            OptionSpec(name: "--data", valueName: "FILE",
                       help: "Your own training data instead: a CSV file with the header x,y and 2 to 1,000,000 rows.", kind: .path),
        ])

    let site: SiteOptions
    let seed: Int
    let samples: Int
    let dataFile: String?
    let epochs: Int
    let learningRate: Double

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
            throw SettingsError.conflictingOptions(conflicting)
        }
    }

    /// The book's data (11.2.3) for the seed and sample count, or the user's CSV with queries on an even grid.
    func regressionData() throws -> RegressionData {
        guard let dataFile else { return SineRegression.generate(samples: samples, seed: UInt64(seed)) }
        let rows = try NumericCSV.read(path: dataFile, header: ["x", "y"], minimumRows: 2, maximumRows: 1_000_000)
        let inputs = rows.map { $0[0] }
        guard let low = inputs.min(), let high = inputs.max(), low < high else {
            throw SettingsError.noSpread(dataFile)
        }
        let queries = (0..<50).map { low + (high - low) * Double($0) / 49 }
        return RegressionData(trainingInputs: inputs, trainingTargets: rows.map { $0[1] },
                              validationInputs: queries, validationTruth: nil)
    }

    /// How to describe the data on the page and in the terminal.
    var dataSource: String {
        if let dataFile { return "your data from \(dataFile)" }
        return "\(samples) examples drawn with seed \(seed)"
    }
}

enum SettingsError: Error, CustomStringConvertible {
    case conflictingOptions(String)
    case noSpread(String)

    var description: String {
        switch self {
        case .conflictingOptions(let option): "\(option) makes no sense with --data: your file fixes the examples"
        case .noSpread(let file): "\(file): the x values must not all be equal (attention needs keys to tell apart)"
        }
    }
}

extension Settings {
    /// The unit the book's widths are measured in: 1 for the book's data on [0, 5); for the user's data, its
    /// inputs' range divided by 5, so that σ = 1 reaches as far, relative to the data, as it does in the book.
    func widthUnit(for data: RegressionData) -> Double {
        guard dataFile != nil, let low = data.trainingInputs.first, let high = data.trainingInputs.last else { return 1 }
        return (high - low) / 5
    }

    /// The units the width is learned in: inputs divided by `input`, labels by `label`. (1, 1) for the book's data, so
    /// its numbers are the book's. For the user's data, the width unit, and the labels' standard deviation times
    /// √(n/40): the loss is a sum over the n pairs, so this gives it the size it has on the book's 40 pairs, and a
    /// learning rate of 0.5 means on their data what it means on the book's. The learned w is the same either way.
    func trainingUnits(for data: RegressionData) -> (input: Double, label: Double) {
        guard dataFile != nil else { return (1, 1) }
        let labels = data.trainingTargets
        let mean = labels.reduce(0, +) / Double(labels.count)
        let spread = (labels.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(labels.count - 1)).squareRoot()
        return (widthUnit(for: data), (spread > 0 ? spread : 1) * (Double(labels.count) / 40).squareRoot())
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
        if let dataFile {
            return "This page was generated from your own data (`\(dataFile)`, \(data.trainingInputs.count) examples); "
                + "the queries are \(data.validationInputs.count) evenly spaced points across the range of your inputs, and "
                + "since the truth is unknown, the figures show only the data and the estimates."
        }
        return "We draw \(data.trainingInputs.count) training inputs uniformly from $[0, 5)$, sort them, and label "
            + "each one by (11.2.3); this page used seed \(seed). The queries are the validation inputs "
            + "$0, 0.1, 0.2, \\ldots, 4.9$, where we also know the noise-free truth $2\\sin(x) + x$."
    }
}
