/// The options found on a command line, already checked against their declarations.
///
/// Look values up by the option's full name (`"--seed"`); absent options give `nil` (or `false` for flags), and the
/// caller applies its defaults.
public struct ParsedArguments: Sendable, Equatable {
    /// A checked option value.
    enum Value: Sendable, Equatable {
        case integer(Int)
        case number(Double)
        case string(String)
        case flag
    }

    let values: [String: Value]

    /// The value of an integer option, or `nil` if it was not given (or is not an integer option).
    public func integer(_ name: String) -> Int? {
        guard case .integer(let number)? = values[name] else { return nil }
        return number
    }

    /// The value of a number option, or `nil` if it was not given (or is not a number option).
    public func number(_ name: String) -> Double? {
        guard case .number(let number)? = values[name] else { return nil }
        return number
    }

    /// The value of a string or path option, or `nil` if it was not given (or is not such an option).
    public func string(_ name: String) -> String? {
        guard case .string(let text)? = values[name] else { return nil }
        return text
    }

    /// The value of a string or path option the command cannot do without; throws `.missingValue` (naming the
    /// option and its value, as the help does) when it was not given.
    public func requiredString(_ name: String, valueName: String) throws(CLIError) -> String {
        guard let text = string(name) else { throw .missingValue(option: name, valueName: valueName) }
        return text
    }

    /// Whether a flag was given.
    public func flag(_ name: String) -> Bool {
        values[name] == .flag
    }
}
