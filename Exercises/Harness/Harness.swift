import ExerciseWire
import Exercises

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The harness: the only code that runs next to a student's functions. It answers the grader's requests (see
/// `WireProtocol`) by calling those functions, and nothing else: it holds no check, no expected value and no
/// reference solution, so the build folder of a submission holds nothing secret.
public enum Harness {
    /// The names of the functions a request may call.
    public static var functionNames: [String] { StudentFunctions.table.keys.sorted() }

    /// Calls `function` with `arguments` in this process: the result, or the error it threw as data.
    public static func call(_ function: String, _ arguments: [WireValue]) -> Result<WireValue, ThrownError> {
        guard let body = StudentFunctions.table[function] else {
            return .failure(ThrownError(kind: .badRequest, message: "no student function \(function)"))
        }
        do {
            return .success(try body(arguments))
        } catch let error as WireError {
            return .failure(ThrownError(kind: .badRequest, message: error.message))
        } catch let error as ExerciseError {
            return .failure(ThrownError(kind: .notImplemented, type: "ExerciseError", message: error.description))
        } catch let error as KernelExerciseError {
            var index: Int?
            if case .zeroVector(let i) = error { index = i }
            return .failure(ThrownError(kind: .thrown, type: "KernelExerciseError", message: error.description,
                                        zeroVectorIndex: index))
        } catch {
            return .failure(ThrownError(kind: .thrown, type: String(describing: Swift.type(of: error)),
                                        message: String(describing: error)))
        }
    }

    /// Serves requests until the grader closes the harness's standard input. Requests come on file descriptor 0 and
    /// answers go to the original file descriptor 1; before the first request both are moved aside, so that what the
    /// student's code prints goes to standard error and what it reads is empty.
    public static func serve() -> Never {
        let requests = dup(0)
        let answers = dup(1)
        let null = open("/dev/null", O_RDONLY)
        _ = dup2(null, 0)
        _ = dup2(2, 1)
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            if let newline = pending.firstIndex(of: 0x0A) {
                let line = pending[..<newline]
                let answer: String
                do {
                    let (function, arguments) = try WireProtocol.parseRequest(line)
                    switch call(function, arguments) {
                    case .success(let value): answer = WireProtocol.success(value)
                    case .failure(let error): answer = WireProtocol.failure(error)
                    }
                } catch {
                    answer = WireProtocol.failure(ThrownError(kind: .badRequest, message: error.message))
                }
                pending.removeSubrange(...newline)
                writeAll(answers, Array((answer + "\n").utf8))
                continue
            }
            let count = chunk.withUnsafeMutableBytes { read(requests, $0.baseAddress, $0.count) }
            if count <= 0 { exit(0) }
            pending += chunk[..<count]
        }
    }

    private static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written <= 0 { exit(0) }
            offset += written
        }
    }
}

/// The student's functions linked into this process, for the instructor's tests and the worked-solution figures
/// (which call the reference solutions). Grading never uses it: there the functions run in a sandboxed harness.
public final class LinkedStudent: StudentConnection {
    public init() {}

    public func call(_ function: String, _ arguments: [WireValue]) -> Result<WireValue, ThrownError> {
        Harness.call(function, arguments)
    }
}
