import CourseCLI

/// What the student asked for on the command line.
struct Settings {
    static let parser = CommandLineParser(
        command: "chapter-11-1",
        summary: "Runs D2L §11.1's examples (queries, keys and values; attention pooling; softmax) and writes the "
            + "chapter's web page.",
        options: SiteOptions.specs + [
            OptionSpec(name: "--seed", valueName: "N", help: "Seed of the random 10 × 10 score matrix.",
                       kind: .integer(0...4_294_967_295), defaultValue: "0"),
        ])

    let site: SiteOptions
    let seed: Int

    /// The settings for `arguments`, or nil when `--help` was asked for (the help text has been printed).
    init?(arguments: [String]) throws {
        guard let parsed = try Self.parser.parsedOrHelp(arguments) else { return nil }
        site = try SiteOptions(parsed)
        seed = parsed.integer("--seed") ?? 0
    }
}
