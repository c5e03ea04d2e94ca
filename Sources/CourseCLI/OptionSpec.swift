/// The declaration of one command-line option: its name, what value it takes and how it is described in `--help`.
public struct OptionSpec: Sendable, Equatable {
    /// What kind of value an option takes.
    public enum Kind: Sendable, Equatable {
        /// A whole decimal number within the given range (e.g. `0...Int(UInt32.max)` for a seed).
        case integer(ClosedRange<Int>)
        /// A finite decimal number greater than 0 (`0.5`, `1e-3`), such as a learning rate.
        case positiveNumber
        /// Any text, including the empty string.
        case string
        /// A file or directory path; the empty string is rejected.
        case path
        /// A switch with no value: present or absent.
        case flag
    }

    /// The option as typed, including the dashes, e.g. `--seed`.
    public let name: String
    /// The placeholder for the value shown in help and errors, e.g. `N` or `PATH`; ignored for flags.
    public let valueName: String
    /// One line of help text.
    public let help: String
    /// What the option accepts.
    public let kind: Kind
    /// The value used when the option is absent, as shown in help (`nil` when the option is simply optional).
    public let defaultValue: String?

    /// Declares an option. `name` should start with `--`; `valueName` may be empty for flags.
    public init(name: String, valueName: String = "", help: String, kind: Kind, defaultValue: String? = nil) {
        self.name = name
        self.valueName = valueName
        self.help = help
        self.kind = kind
        self.defaultValue = defaultValue
    }

    /// Converts the text typed for this option into a value, or throws the matching `CLIError`.
    ///
    /// Integers must be plain decimal (optional sign, digits only); digit strings too long for `Int` are reported as
    /// out of range rather than as non-numeric. Flags never reach this method.
    func value(from text: String) throws(CLIError) -> ParsedArguments.Value {
        switch kind {
        case .integer(let range):
            let digits = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw .notAnInteger(option: name, value: text)
            }
            guard let number = Int(text), range.contains(number) else {
                throw .integerOutOfRange(option: name, value: text, range: range)
            }
            return .integer(number)
        case .positiveNumber:
            // Double(String) also reads "nan", "inf" and hexadecimal; a user typing a rate means decimal digits.
            let decimal = text.allSatisfy { $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }
            guard decimal, let number = Double(text) else {
                throw .invalidValue(option: name, message: "\"\(text)\" is not a number")
            }
            guard number.isFinite, number > 0 else {
                throw .invalidValue(option: name, message: "must be a finite number greater than 0, not \(text)")
            }
            return .number(number)
        case .string:
            return .string(text)
        case .path:
            guard !text.isEmpty else { throw .emptyPath(option: name) }
            return .string(text)
        case .flag:
            return .flag
        }
    }
}
