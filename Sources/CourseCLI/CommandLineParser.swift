import AttentionPooling

/// Parses a chapter command's arguments against its declared options and renders its `--help` text.
///
/// Accepted forms: `--name value`, `--name=value` (the value may then be empty or start with dashes), and bare flags.
/// A separate value may not start with `--` (that is read as a forgotten value). `--help` or `-h` anywhere in option
/// position returns `.help` at once. Each option may be given at most once; positional arguments are rejected.
public struct CommandLineParser: Sendable {
    /// The command's name as typed, e.g. `chapter-11-2`.
    public let command: String
    /// One sentence saying what the command does, shown at the top of the help.
    public let summary: String
    /// The declared options, in the order help lists them.
    public let options: [OptionSpec]

    /// Creates a parser. Option names should be unique and should not be `--help` (which is built in).
    public init(command: String, summary: String, options: [OptionSpec]) {
        self.command = command
        self.summary = summary
        self.options = options
    }

    /// The parsed options, or nil after printing the usage to standard output when `--help` or `-h` was given.
    public func parsedOrHelp(_ arguments: [String]) throws(CLIError) -> ParsedArguments? {
        switch try parse(arguments) {
        case .help(let usage):
            print(usage, terminator: "")
            return nil
        case .run(let parsed):
            return parsed
        }
    }

    /// Parses `arguments` (without the program name, i.e. `CommandLine.arguments.dropFirst()`).
    public func parse(_ arguments: [String]) throws(CLIError) -> ParseOutcome {
        var values: [String: ParsedArguments.Value] = [:]
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "-h" {
                return .help(usage)
            }
            guard argument.hasPrefix("-"), argument.count > 1 else {
                throw .unexpectedArgument(argument)
            }
            let (name, inlineValue) = Self.split(argument)
            if name == "--help" {
                return .help(usage)
            }
            guard let spec = options.first(where: { $0.name == name }) else {
                throw .unknownOption(name, suggestion: suggestion(for: name))
            }
            guard values[name] == nil else {
                throw .repeatedOption(name)
            }
            if spec.kind == .flag {
                guard inlineValue == nil else { throw .flagWithValue(option: name) }
                values[name] = .flag
                continue
            }
            let text: String
            if let inlineValue {
                text = inlineValue
            } else {
                guard index < arguments.count, !arguments[index].hasPrefix("--") else {
                    throw .missingValue(option: name, valueName: spec.valueName)
                }
                text = arguments[index]
                index += 1
            }
            values[name] = try spec.value(from: text)
        }
        return .run(ParsedArguments(values: values))
    }

    /// The help text: summary, usage line, then every option with its value, help, accepted range and default.
    public var usage: String {
        let rows = options.map { option in
            (left: Self.signature(of: option), right: Self.explanation(of: option))
        } + [(left: "-h, --help", right: "Show this help and exit.")]
        let width = rows.map(\.left.count).max() ?? 0
        let lines = rows.map { row in
            "  " + row.left + String(repeating: " ", count: width - row.left.count + 2) + row.right
        }
        return ([
            "\(command) — \(summary)",
            "",
            "Usage: \(command) [options]",
            "",
            "Options:",
        ] + lines).joined(separator: "\n") + "\n"
    }

    /// The declared name closest to `name` by Levenshtein distance (ignoring case; the chapter's own
    /// `StringSimilarity.editDistance`), when it is close enough to be a typo:
    /// at most 2 edits, and fewer edits than the candidate has letters. Ties go to the earlier declaration.
    func suggestion(for name: String) -> String? {
        let candidates = options.map(\.name) + ["--help"]
        let typed = name.lowercased()
        let scored = candidates.map { (name: $0, distance: StringSimilarity.editDistance(typed, $0.lowercased())) }
        guard let best = scored.min(by: { $0.distance < $1.distance }) else { return nil }
        let letters = best.name.drop(while: { $0 == "-" }).count
        return best.distance <= 2 && best.distance < letters ? best.name : nil
    }

    private static func split(_ argument: String) -> (name: String, value: String?) {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else {
            return (argument, nil)
        }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }

    private static func signature(of option: OptionSpec) -> String {
        option.kind == .flag || option.valueName.isEmpty ? option.name : "\(option.name) \(option.valueName)"
    }

    private static func explanation(of option: OptionSpec) -> String {
        var parts = [option.help]
        if case .integer(let range) = option.kind {
            parts.append("An integer from \(range.lowerBound) to \(range.upperBound).")
        }
        if option.kind == .positiveNumber {
            parts.append("A number greater than 0.")
        }
        if let defaultValue = option.defaultValue {
            parts.append("Default: \(defaultValue).")
        } else if option.kind == .flag {
            parts.append("Default: off.")
        } else {
            parts.append("Default: none (optional).")
        }
        return parts.joined(separator: " ")
    }
}
