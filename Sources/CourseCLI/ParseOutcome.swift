/// What a command line asks for: either run with these arguments, or show the help text.
public enum ParseOutcome: Sendable, Equatable {
    /// Run the command with the parsed options.
    case run(ParsedArguments)
    /// `--help` or `-h` was given: print this usage text to standard output and exit successfully.
    case help(String)
}
