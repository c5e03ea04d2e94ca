/// A value crossing between the grader and the harness that runs a student's functions: JSON's values, with
/// integers kept apart from other numbers and every `Double` carried exactly (non-finite ones as the strings
/// `"nan"`, `"inf"` and `"-inf"`).
///
/// The wire carries data only: arrays of numbers and strings going to the student's functions, their results and
/// errors coming back. Nothing on it is code or a verdict.
public indirect enum WireValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([WireValue])
    case object([String: WireValue])
}

/// Why a value read from the wire is not what was expected, or the wire itself broke its rules.
public struct WireError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension WireValue {
    /// A `Double` (an integer or one of the non-finite strings is accepted too).
    public func double() throws(WireError) -> Double {
        switch self {
        case .number(let x): return x
        case .integer(let n): return Double(n)
        case .string("nan"): return .nan
        case .string("inf"): return .infinity
        case .string("-inf"): return -.infinity
        default: throw WireError("expected a number, got \(kind)")
        }
    }

    /// An `Int`.
    public func int() throws(WireError) -> Int {
        guard case .integer(let n) = self else { throw WireError("expected an integer, got \(kind)") }
        return n
    }

    /// A `UInt64`, carried as a string of decimal digits (it may not fit an `Int`).
    public func uint64() throws(WireError) -> UInt64 {
        guard case .string(let text) = self, let n = UInt64(text) else {
            throw WireError("expected an unsigned 64-bit integer, got \(kind)")
        }
        return n
    }

    public func bool() throws(WireError) -> Bool {
        guard case .bool(let b) = self else { throw WireError("expected true or false, got \(kind)") }
        return b
    }

    public func string() throws(WireError) -> String {
        guard case .string(let s) = self else { throw WireError("expected a string, got \(kind)") }
        return s
    }

    public func array() throws(WireError) -> [WireValue] {
        guard case .array(let a) = self else { throw WireError("expected an array, got \(kind)") }
        return a
    }

    public func object() throws(WireError) -> [String: WireValue] {
        guard case .object(let o) = self else { throw WireError("expected an object, got \(kind)") }
        return o
    }

    public func doubles() throws(WireError) -> [Double] {
        var result: [Double] = []
        for value in try array() { result.append(try value.double()) }
        return result
    }

    public func ints() throws(WireError) -> [Int] {
        var result: [Int] = []
        for value in try array() { result.append(try value.int()) }
        return result
    }

    public func strings() throws(WireError) -> [String] {
        var result: [String] = []
        for value in try array() { result.append(try value.string()) }
        return result
    }

    public func matrix() throws(WireError) -> [[Double]] {
        var result: [[Double]] = []
        for value in try array() { result.append(try value.doubles()) }
        return result
    }

    /// The member `key` of an object.
    public subscript(key: String) -> WireValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    /// What kind of value this is, for error messages (never the value itself).
    public var kind: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .integer: "an integer"
        case .number: "a number"
        case .string: "a string"
        case .array(let a): "an array of \(a.count)"
        case .object: "an object"
        }
    }
}

extension WireValue {
    public init(_ x: Double) {
        self = x.isNaN ? .string("nan") : x == .infinity ? .string("inf") : x == -.infinity ? .string("-inf") : .number(x)
    }
    public init(_ n: Int) { self = .integer(n) }
    public init(_ n: UInt64) { self = .string(String(n)) }
    public init(_ s: String) { self = .string(s) }
    public init(_ b: Bool) { self = .bool(b) }
    public init(_ xs: [Double]) { self = .array(xs.map(WireValue.init)) }
    public init(_ ns: [Int]) { self = .array(ns.map(WireValue.init)) }
    public init(_ ss: [String]) { self = .array(ss.map(WireValue.init)) }
    public init(_ rows: [[Double]]) { self = .array(rows.map(WireValue.init)) }
}
