/// A mistake in the command line the user typed.
///
/// Every message is a single line meant to follow `NAME: error: `; `CommandLineTool` appends a pointer to `--help`.
public enum CLIError: Error, CustomStringConvertible, Equatable, Sendable {
    /// An option that the command does not declare, with the closest declared name when one is near enough.
    case unknownOption(String, suggestion: String?)
    /// An option that needs a value was last on the line or was followed by another `--option`.
    case missingValue(option: String, valueName: String)
    /// An integer option was given something that is not a whole decimal number.
    case notAnInteger(option: String, value: String)
    /// An integer option was given a number outside its declared range.
    case integerOutOfRange(option: String, value: String, range: ClosedRange<Int>)
    /// The same option appeared twice.
    case repeatedOption(String)
    /// A word that is not an option (the commands take options only).
    case unexpectedArgument(String)
    /// A path option was given the empty string.
    case emptyPath(option: String)
    /// A flag was written with a value, as in `--quiet=yes`.
    case flagWithValue(option: String)
    /// A subcommand the tool does not have, with the closest one when near enough, and the list of those it has.
    case unknownCommand(String, suggestion: String?, known: [String])
    /// Two options that cannot be given together; `reason` says why.
    case conflictingOptions(String, String, reason: String)
    /// A value that parsed but that the command rejects; `message` says why, e.g. "must be at least 2".
    case invalidValue(option: String, message: String)

    /// One line describing the mistake, naming the option and quoting (truncated) what was typed.
    public var description: String {
        switch self {
        case .unknownOption(let name, let suggestion):
            let hint = suggestion.map { " (did you mean \($0)?)" } ?? ""
            return "unknown option \(quotedForMessage(name, limit: 40, quoteAlways: false))\(hint)"
        case .missingValue(let option, let valueName):
            return "\(option) needs a value (\(option) \(valueName))"
        case .notAnInteger(let option, let value):
            return "\(option) expects an integer, got \(quotedForMessage(value, limit: 40))"
        case .integerOutOfRange(let option, let value, let range):
            return "\(option) must be between \(range.lowerBound) and \(range.upperBound), "
                + "got \(quotedForMessage(value, limit: 40, quoteAlways: false))"
        case .repeatedOption(let option):
            return "\(option) given more than once"
        case .unexpectedArgument(let argument):
            return "unexpected argument \(quotedForMessage(argument, limit: 40)) (this command takes options only)"
        case .emptyPath(let option):
            return "\(option) needs a non-empty path"
        case .flagWithValue(let option):
            return "\(option) is a flag and takes no value"
        case .unknownCommand(let name, let suggestion, let known):
            let hint = suggestion.map { " (did you mean \($0)?)" } ?? ""
            return "unknown command \(quotedForMessage(name, limit: 40))\(hint): use "
                + known.joined(separator: ", ")
        case .conflictingOptions(let first, let second, let reason):
            return "\(first) cannot be used with \(second): \(reason)"
        case .invalidValue(let option, let message):
            return "\(option) \(message)"
        }
    }
}
