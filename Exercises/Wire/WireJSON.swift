/// The JSON text of wire values: one value per line, no whitespace, object keys sorted, every `Double` written as
/// Swift's shortest representation that reads back to the same bits.
extension WireValue {
    /// The value as one line of JSON (no newline inside: strings escape every control character).
    public var json: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .integer(let n): out += String(n)
        case .number(let x):
            // Finite by construction through `init(_: Double)`; a non-finite one reaching here is written as a string.
            if x.isFinite { out += x.description } else { WireValue(x).write(to: &out) }
        case .string(let s): Self.writeString(s, to: &out)
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { out += "," }
                Self.writeString(key, to: &out)
                out += ":"
                members[key]!.write(to: &out)
            }
            out += "}"
        }
    }

    private static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// Parses one JSON value (surrounding spaces allowed), nested at most `maximumDepth` deep.
    /// - Throws: `WireError` naming the byte offset of the first problem.
    public static func parse(_ text: some Collection<UInt8>, maximumDepth: Int = 16) throws(WireError) -> WireValue {
        var parser = Parser(bytes: Array(text), maximumDepth: maximumDepth)
        parser.skipSpaces()
        let value = try parser.value(depth: 0)
        parser.skipSpaces()
        guard parser.index == parser.bytes.count else { throw parser.failure("text after the value") }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        let maximumDepth: Int
        var index = 0

        init(bytes: [UInt8], maximumDepth: Int) {
            self.bytes = bytes
            self.maximumDepth = maximumDepth
        }

        func failure(_ what: String) -> WireError { WireError("malformed JSON at byte \(index): \(what)") }

        mutating func skipSpaces() {
            while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
        }

        mutating func expect(_ literal: String) throws(WireError) {
            for byte in literal.utf8 {
                guard index < bytes.count, bytes[index] == byte else { throw failure("expected \(literal)") }
                index += 1
            }
        }

        mutating func value(depth: Int) throws(WireError) -> WireValue {
            guard depth < maximumDepth else { throw failure("nested too deep") }
            guard index < bytes.count else { throw failure("unexpected end") }
            switch bytes[index] {
            case UInt8(ascii: "n"): try expect("null"); return .null
            case UInt8(ascii: "t"): try expect("true"); return .bool(true)
            case UInt8(ascii: "f"): try expect("false"); return .bool(false)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "["):
                index += 1
                var items: [WireValue] = []
                skipSpaces()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                while true {
                    skipSpaces()
                    items.append(try value(depth: depth + 1))
                    skipSpaces()
                    guard index < bytes.count else { throw failure("unterminated array") }
                    if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                    guard bytes[index] == UInt8(ascii: ",") else { throw failure("expected , or ]") }
                    index += 1
                }
            case UInt8(ascii: "{"):
                index += 1
                var members: [String: WireValue] = [:]
                skipSpaces()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
                while true {
                    skipSpaces()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a key") }
                    let key = try string()
                    skipSpaces()
                    try expect(":")
                    skipSpaces()
                    members[key] = try value(depth: depth + 1)
                    skipSpaces()
                    guard index < bytes.count else { throw failure("unterminated object") }
                    if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
                    guard bytes[index] == UInt8(ascii: ",") else { throw failure("expected , or }") }
                    index += 1
                }
            default: return try number()
            }
        }

        mutating func number() throws(WireError) -> WireValue {
            let start = index
            var isInteger = true
            while index < bytes.count {
                let byte = bytes[index]
                if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") || byte == UInt8(ascii: "-") {
                    index += 1
                } else if [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+")].contains(byte) {
                    isInteger = false
                    index += 1
                } else {
                    break
                }
            }
            guard index > start, index - start <= 40 else { throw failure("expected a value") }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            if isInteger, let n = Int(text) { return .integer(n) }
            guard let x = Double(text), x.isFinite else { throw failure("bad number \(text.prefix(40))") }
            return .number(x)
        }

        mutating func string() throws(WireError) -> String {
            index += 1  // the opening quote
            var scalars = String.UnicodeScalarView()
            var run: [UInt8] = []
            func flush() {
                if !run.isEmpty { scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars) }
                run.removeAll(keepingCapacity: true)
            }
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    flush()
                    return String(scalars)
                case UInt8(ascii: "\\"):
                    flush()
                    guard index < bytes.count else { throw failure("unterminated escape") }
                    let escaped = bytes[index]
                    index += 1
                    switch escaped {
                    case UInt8(ascii: "\""): scalars.append("\"")
                    case UInt8(ascii: "\\"): scalars.append("\\")
                    case UInt8(ascii: "/"): scalars.append("/")
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "b"): scalars.append("\u{8}")
                    case UInt8(ascii: "f"): scalars.append("\u{C}")
                    case UInt8(ascii: "u"):
                        guard index + 4 <= bytes.count,
                              let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
                        else { throw failure("bad \\u escape") }
                        index += 4
                        // Surrogates (and anything else that is not a scalar) become U+FFFD.
                        scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                    default: throw failure("bad escape")
                    }
                default:
                    guard byte >= 0x20 else { throw failure("control character in a string") }
                    run.append(byte)
                }
            }
            throw failure("unterminated string")
        }
    }
}
