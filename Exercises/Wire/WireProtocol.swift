/// The runner protocol between the trusted grader and the untrusted harness that calls a student's functions.
///
/// The grader writes one request per line on the harness's standard input; the harness answers each with one line on
/// its standard output, then waits for the next. A request names one student function and gives its arguments; the
/// answer is that function's result, or the error it threw. The harness decides nothing: every expected value and
/// every verdict is computed by the grader, which reads at most `maximumResponseBytes` per answer and treats
/// anything that is not a well-formed answer of this `version` as a broken harness.
///
/// ```
/// → {"args":["Schulz","Schuler"],"call":"nameSimilarity","v":1}
/// ← {"ok":-0.2857142857142857,"v":1}
/// → {"args":[[],1],"call":"matchWeights",...}
/// ← {"error":{"kind":"thrown","message":"a lookup needs at least one key","type":"MatchingError"},"v":1}
/// ```
public enum WireProtocol {
    /// The protocol's version; a message of any other version is refused.
    public static let version = 1
    /// The longest answer line the grader reads (bytes, newline excluded).
    public static let maximumResponseBytes = 16 << 20
    /// The longest error message or type name a harness sends (characters); longer ones are cut.
    public static let maximumErrorText = 300

    /// A request: call `function` with `arguments`.
    public static func request(_ function: String, _ arguments: [WireValue]) -> String {
        WireValue.object(["v": .integer(version), "call": .string(function), "args": .array(arguments)]).json
    }

    /// A successful answer.
    public static func success(_ result: WireValue) -> String {
        WireValue.object(["v": .integer(version), "ok": result]).json
    }

    /// An answer saying the function threw.
    public static func failure(_ error: ThrownError) -> String {
        WireValue.object(["v": .integer(version), "error": error.wire]).json
    }

    /// Reads a request line: the function's name and its arguments.
    public static func parseRequest(_ line: some Collection<UInt8>) throws(WireError) -> (String, [WireValue]) {
        let message = try WireValue.parse(line)
        guard message["v"] == .integer(version) else { throw WireError("not a version \(version) request") }
        guard let call = message["call"], let arguments = message["args"] else {
            throw WireError("a request needs call and args")
        }
        return (try call.string(), try arguments.array())
    }

    /// Reads an answer line: the result, or the error the function threw.
    public static func parseResponse(_ line: some Collection<UInt8>) throws(WireError) -> Result<WireValue, ThrownError> {
        let message = try WireValue.parse(line)
        guard message["v"] == .integer(version) else { throw WireError("not a version \(version) answer") }
        if let result = message["ok"] { return .success(result) }
        if let error = message["error"] { return .failure(try ThrownError(error)) }
        throw WireError("an answer needs ok or error")
    }
}

/// An error a student's function threw, as data: what kind, the error's type name and its description, both cut to
/// `WireProtocol.maximumErrorText` characters.
public struct ThrownError: Error, Equatable, Sendable {
    public enum Kind: String, Sendable {
        /// The function is still a stub (`ExerciseError.notImplemented`).
        case notImplemented
        /// The function threw any other error: it refused its input.
        case thrown
        /// The harness could not read the request (a grader bug or a harness that does not match the grader).
        case badRequest
    }

    public let kind: Kind
    /// The Swift type of the error, e.g. `KernelExerciseError` (empty for a stub or a bad request).
    public let type: String
    /// The error's description.
    public let message: String
    /// For `KernelExerciseError.zeroVector(index:)`: the index; else nil.
    public let zeroVectorIndex: Int?

    public init(kind: Kind, type: String = "", message: String, zeroVectorIndex: Int? = nil) {
        self.kind = kind
        self.type = String(type.prefix(WireProtocol.maximumErrorText))
        self.message = String(message.prefix(WireProtocol.maximumErrorText))
        self.zeroVectorIndex = zeroVectorIndex
    }

    var wire: WireValue {
        var members: [String: WireValue] = ["kind": .string(kind.rawValue), "type": .string(type),
                                            "message": .string(message)]
        if let zeroVectorIndex { members["zeroVectorIndex"] = .integer(zeroVectorIndex) }
        return .object(members)
    }

    init(_ value: WireValue) throws(WireError) {
        guard let kind = Kind(rawValue: try (value["kind"] ?? .null).string()) else {
            throw WireError("unknown error kind")
        }
        self.init(kind: kind, type: try (value["type"] ?? .string("")).string(),
                  message: try (value["message"] ?? .string("")).string(),
                  zeroVectorIndex: try value["zeroVectorIndex"].map { v throws(WireError) in try v.int() })
    }
}

/// Something that calls the student's functions: the harness in a child process (grading, `exercises check`) or, in
/// the instructor's own tests and worked-solution figures, the reference solutions linked in.
public protocol StudentConnection: AnyObject, Sendable {
    /// The student's `function` on `arguments`: its result, or the error it threw.
    /// - Throws: when the harness broke down (crashed, timed out, or answered out of protocol); after that the
    ///   connection gives no more answers.
    func call(_ function: String, _ arguments: [WireValue]) throws -> Result<WireValue, ThrownError>
}
