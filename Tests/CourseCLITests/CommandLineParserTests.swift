import Testing
@testable import CourseCLI

private let parser = CommandLineParser(
    command: "chapter-11-2",
    summary: "Writes §11.2 as a static site.",
    options: [
        OptionSpec(name: "--seed", valueName: "N", help: "Seed for the data.", kind: .integer(0...Int(UInt32.max)),
                   defaultValue: "42"),
        OptionSpec(name: "--out", valueName: "PATH", help: "Output directory.", kind: .path, defaultValue: "Site"),
        OptionSpec(name: "--title", valueName: "TEXT", help: "Page title.", kind: .string),
        OptionSpec(name: "--quiet", help: "Print nothing.", kind: .flag),
    ])

private func arguments(_ words: [String]) throws -> ParsedArguments {
    guard case .run(let parsed) = try parser.parse(words) else {
        Issue.record("expected arguments, got help")
        return ParsedArguments(values: [:])
    }
    return parsed
}

private func failure(_ words: [String]) -> CLIError? {
    do {
        _ = try parser.parse(words)
        return nil
    } catch {
        return error
    }
}

@Test func parsesSeparateAndEqualsForms() throws {
    let parsed = try arguments(["--seed", "7", "--out=build/site", "--title=", "--quiet"])
    #expect(parsed.integer("--seed") == 7)
    #expect(parsed.string("--out") == "build/site")
    #expect(parsed.string("--title") == "")
    #expect(parsed.flag("--quiet"))
}

@Test func absentOptionsAreNilOrFalse() throws {
    let parsed = try arguments([])
    #expect(parsed.integer("--seed") == nil)
    #expect(parsed.string("--out") == nil)
    #expect(!parsed.flag("--quiet"))
}

@Test func equalsFormKeepsValueStartingWithDashes() throws {
    #expect(try arguments(["--title=--odd"]).string("--title") == "--odd")
}

@Test func seedAcceptsTheWholeUInt32Range() throws {
    #expect(try arguments(["--seed", "0"]).integer("--seed") == 0)
    #expect(try arguments(["--seed=4294967295"]).integer("--seed") == 4_294_967_295)
}

@Test func helpReturnsUsageListingEveryOptionAndDefault() throws {
    for word in ["--help", "-h"] {
        guard case .help(let text) = try parser.parse(["--seed", "3", word, "--bogus"]) else {
            Issue.record("expected help for \(word)")
            continue
        }
        #expect(text.hasPrefix("chapter-11-2 — Writes §11.2 as a static site.\n"))
        #expect(text.contains("Usage: chapter-11-2 [options]"))
        #expect(text.contains("  --seed N      Seed for the data. An integer from 0 to 4294967295. Default: 42."))
        #expect(text.contains("  --out PATH    Output directory. Default: Site."))
        #expect(text.contains("  --title TEXT  Page title. Default: none (optional)."))
        #expect(text.contains("  --quiet       Print nothing. Default: off."))
        #expect(text.contains("  -h, --help    Show this help and exit."))
    }
}

@Test func unknownOptionSuggestsClosestName() {
    #expect(failure(["--sed", "3"]) == .unknownOption("--sed", suggestion: "--seed"))
    #expect(failure(["--sed", "3"])?.description == "unknown option --sed (did you mean --seed?)")
    #expect(failure(["-seed"]) == .unknownOption("-seed", suggestion: "--seed"))
    #expect(failure(["--hepl"]) == .unknownOption("--hepl", suggestion: "--help"))
}

@Test func unknownOptionFarFromEveryNameHasNoSuggestion() {
    #expect(failure(["--kernel=gauss"]) == .unknownOption("--kernel", suggestion: nil))
    #expect(failure(["--kernel"])?.description == "unknown option --kernel")
}

@Test func missingValueAtEndOrBeforeAnotherOption() {
    #expect(failure(["--seed"]) == .missingValue(option: "--seed", valueName: "N"))
    #expect(failure(["--out", "--quiet"]) == .missingValue(option: "--out", valueName: "PATH"))
    #expect(failure(["--seed"])?.description == "--seed needs a value (--seed N)")
}

@Test func nonNumericIntegerIsRejected() {
    for value in ["abc", "1.5", "", "0x10", "1_000", " 5", "1e3"] {
        #expect(failure(["--seed", value]) == .notAnInteger(option: "--seed", value: value))
    }
    #expect(failure(["--seed=abc"])?.description == "--seed expects an integer, got \"abc\"")
}

@Test func integerOutOfRangeStatesTheRange() {
    let range = 0...Int(UInt32.max)
    #expect(failure(["--seed", "-1"]) == .integerOutOfRange(option: "--seed", value: "-1", range: range))
    #expect(failure(["--seed", "4294967296"])?.description
        == "--seed must be between 0 and 4294967295, got 4294967296")
    #expect(failure(["--seed", "99999999999999999999999"])
        == .integerOutOfRange(option: "--seed", value: "99999999999999999999999", range: range))
}

@Test func repeatedOptionIsRejected() {
    #expect(failure(["--seed", "1", "--seed=2"]) == .repeatedOption("--seed"))
    #expect(failure(["--quiet", "--quiet"])?.description == "--quiet given more than once")
}

@Test func positionalArgumentIsRejected() {
    #expect(failure(["site"]) == .unexpectedArgument("site"))
    #expect(failure(["--seed", "1", "2"])?.description
        == "unexpected argument \"2\" (this command takes options only)")
}

@Test func emptyPathIsRejected() {
    #expect(failure(["--out="]) == .emptyPath(option: "--out"))
    #expect(failure(["--out", ""])?.description == "--out needs a non-empty path")
}

@Test func flagWithValueIsRejected() {
    #expect(failure(["--quiet=yes"]) == .flagWithValue(option: "--quiet"))
}

@Test func messagesStayOnOneLineAndTruncateLongValues() {
    let message = failure(["--seed", "line one\nline two and a great deal more text after it"])?.description ?? ""
    #expect(!message.contains("\n"))
    #expect(message.contains("…"))
}

@Test func positiveNumbersAcceptDecimalsAndRefuseTheRest() throws {
    let parser = CommandLineParser(
        command: "tool", summary: "s",
        options: [OptionSpec(name: "--rate", valueName: "X", help: "Step size.", kind: .positiveNumber)])
    guard case .run(let parsed) = try parser.parse(["--rate", "2.5e-1"]) else {
        Issue.record("expected a run")
        return
    }
    #expect(parsed.number("--rate") == 0.25)
    for bad in ["0", "-1", "abc", "nan", "inf", "1e999", "0x10", ""] {
        #expect(throws: CLIError.self) { try parser.parse(["--rate", bad]) }
    }
    #expect(throws: CLIError.invalidValue(option: "--rate", message: "must be a finite number greater than 0, not -1")) {
        try parser.parse(["--rate=-1"])
    }
    #expect(parser.usage.contains("A number greater than 0."))
}
