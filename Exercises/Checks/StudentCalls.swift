import ExerciseWire

// The student's functions as the checks see them: same names, labels and types as in `Exercises/Workspace/`, but
// each call goes through `Student.connection`, so in grading it crosses to the harness process and only the data
// comes back. The checks module does not import the student's module: no declaration in a submission can change
// what a check's code means.

/// Which student the checks are talking to.
public enum Student {
    /// The connection the checks' calls use; nil outside a run, where every call fails.
    @TaskLocal public static var connection: (any StudentConnection)?
}

/// The student's function threw: still a stub (`notImplemented`), or it refused its input (`thrown`).
public struct StudentError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The function called.
    public let function: String
    /// What it threw, as data.
    public let thrown: ThrownError

    public var isNotImplemented: Bool { thrown.kind == .notImplemented }

    /// Whether the error was a `KernelExerciseError` (the type the exercise asks for).
    public var isKernelExerciseError: Bool { thrown.kind == .thrown && thrown.type == "KernelExerciseError" }

    public var description: String {
        switch thrown.kind {
        case .notImplemented: "\(function) is not implemented yet"
        case .thrown: "\(function) threw: \(thrown.message)"
        case .badRequest: "the harness could not call \(function): \(thrown.message)"
        }
    }
}

/// The harness broke down (crashed, timed out, or answered out of protocol): the exercise scores 0, whatever
/// the checks did with the error.
public struct HarnessFailure: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Calls the student's `function`, returning its result or throwing `StudentError` (or `HarnessFailure`).
public func callStudent(_ function: String, _ arguments: [WireValue]) throws -> WireValue {
    guard let connection = Student.connection else { throw HarnessFailure("no student to call \(function)") }
    switch try connection.call(function, arguments) {
    case .success(let value): return value
    case .failure(let error): throw StudentError(function: function, thrown: error)
    }
}

/// Reads the result of `function`, failing the check (not the harness) when it has the wrong shape.
func decode<T>(_ function: String, _ value: WireValue, _ read: (WireValue) throws(WireError) -> T) throws -> T {
    do { return try read(value) } catch { throw CheckFailure("\(function) returned the wrong kind of value: \(error)") }
}

/// The result of `consistencyMeasurement` (the checks' own copy of the workspace's type).
struct ConsistencyMeasurement: Equatable, CustomStringConvertible {
    let squaredBias: Double
    let variance: Double
    var meanSquaredError: Double { squaredBias + variance }
    var description: String { "squared bias \(squaredBias), variance \(variance)" }
}

private func call<T>(_ function: String, _ arguments: [WireValue], _ read: (WireValue) throws(WireError) -> T) throws -> T {
    try decode(function, try callStudent(function, arguments), read)
}

// MARK: 11.1

func nameSimilarity(query: String, key: String) throws -> Double {
    try call(functionName(#function), [WireValue(query), WireValue(key)]) { v throws(WireError) in try v.double() }
}
func matchWeights(query: String, keys: [String], temperature: Double) throws -> [Double] {
    try call(functionName(#function), [WireValue(query), WireValue(keys), WireValue(temperature)]) { v throws(WireError) in try v.doubles() }
}
func dotProductWeights(query: [Double], keys: [[Double]]) throws -> [Double] {
    try call(functionName(#function), [WireValue(query), WireValue(keys)]) { v throws(WireError) in try v.doubles() }
}
func keysAsValuesAttention(query: [Double], keys: [[Double]]) throws -> [Double] {
    try call(functionName(#function), [WireValue(query), WireValue(keys)]) { v throws(WireError) in try v.doubles() }
}
func attentionJacobian(query: [Double], keys: [[Double]]) throws -> [[Double]] {
    try call(functionName(#function), [WireValue(query), WireValue(keys)]) { v throws(WireError) in try v.matrix() }
}
func keyCovariance(query: [Double], keys: [[Double]]) throws -> [[Double]] {
    try call(functionName(#function), [WireValue(query), WireValue(keys)]) { v throws(WireError) in try v.matrix() }
}
func termVector(text: String, vocabulary: [String]) throws -> [Double] {
    try call(functionName(#function), [WireValue(text), WireValue(vocabulary)]) { v throws(WireError) in try v.doubles() }
}
func searchWeights(query: String, documents: [String], vocabulary: [String], temperature: Double) throws -> [Double] {
    try call(functionName(#function), [WireValue(query), WireValue(documents), WireValue(vocabulary), WireValue(temperature)]) {
        v throws(WireError) in try v.doubles()
    }
}

// MARK: 11.2

func parzenScores(queries: [[Double]], inputs: [[Double]], labels: [Int], width: Double) throws -> [Double] {
    try call(functionName(#function), [WireValue(queries), WireValue(inputs), WireValue(labels), WireValue(width)]) {
        v throws(WireError) in try v.doubles()
    }
}
func nadarayaWatsonScores(queries: [[Double]], inputs: [[Double]], labels: [Int], width: Double) throws -> [Double] {
    try call(functionName(#function), [WireValue(queries), WireValue(inputs), WireValue(labels), WireValue(width)]) {
        v throws(WireError) in try v.doubles()
    }
}
func parzenDecisions(queries: [[Double]], inputs: [[Double]], labels: [Int], width: Double) throws -> [Int] {
    try call(functionName(#function), [WireValue(queries), WireValue(inputs), WireValue(labels), WireValue(width)]) {
        v throws(WireError) in try v.ints()
    }
}
func widthPairLossAndGradient(w: Double, pair i: Int, inputs: [Double], targets: [Double], leaveOneOut: Bool) throws
    -> (loss: Double, gradient: Double)
{
    let pair = try call(functionName(#function), [WireValue(w), WireValue(i), WireValue(inputs), WireValue(targets),
                                          WireValue(leaveOneOut)]) { v throws(WireError) in try v.doubles() }
    guard pair.count == 2 else { throw CheckFailure("widthPairLossAndGradient returned the wrong kind of value") }
    return (pair[0], pair[1])
}
func widthSGDTrajectory(inputs: [Double], targets: [Double], leaveOneOut: Bool, initialW: Double, learningRate: Double,
                        decaying: Bool, epochs: Int, seed: UInt64) throws -> [Double] {
    try call(functionName(#function), [WireValue(inputs), WireValue(targets), WireValue(leaveOneOut), WireValue(initialW),
                              WireValue(learningRate), WireValue(decaying), WireValue(epochs), WireValue(seed)]) {
        v throws(WireError) in try v.doubles()
    }
}
func unitVectors(_ vectors: [[Double]]) throws -> [[Double]] {
    try call(functionName(#function), [WireValue(vectors)]) { v throws(WireError) in try v.matrix() }
}
func gaussianAttentionWeights(query: [Double], keys: [[Double]], width: Double) throws -> [Double] {
    try call(functionName(#function), [WireValue(query), WireValue(keys), WireValue(width)]) { v throws(WireError) in try v.doubles() }
}
func dotProductAttentionWeights(query: [Double], keys: [[Double]], temperature: Double) throws -> [Double] {
    try call(functionName(#function), [WireValue(query), WireValue(keys), WireValue(temperature)]) { v throws(WireError) in try v.doubles() }
}
func keyBiases(keys: [[Double]], width: Double) throws -> [Double] {
    try call(functionName(#function), [WireValue(keys), WireValue(width)]) { v throws(WireError) in try v.doubles() }
}
func shrinkingWidth(samples n: Int, dimension d: Int, scale c: Double) throws -> Double {
    try call(functionName(#function), [WireValue(n), WireValue(d), WireValue(c)]) { v throws(WireError) in try v.double() }
}
func consistencyMeasurement(dimension d: Int, samples n: Int, width h: Double, testPoints: Int, repetitions: Int,
                            seed: UInt64) throws -> ConsistencyMeasurement {
    let parts = try call(functionName(#function), [WireValue(d), WireValue(n), WireValue(h), WireValue(testPoints),
                                           WireValue(repetitions), WireValue(seed)]) { v throws(WireError) in try v.doubles() }
    guard parts.count == 2 else { throw CheckFailure("consistencyMeasurement returned the wrong kind of value") }
    return ConsistencyMeasurement(squaredBias: parts[0], variance: parts[1])
}
func logLogSlope(xs: [Double], ys: [Double]) throws -> Double {
    try call(functionName(#function), [WireValue(xs), WireValue(ys)]) { v throws(WireError) in try v.double() }
}

// MARK: 11.2, earlier edition

func truthError(samples: Int, seed: UInt64, width: Double) throws -> Double {
    try call(functionName(#function), [WireValue(samples), WireValue(seed), WireValue(width)]) { v throws(WireError) in try v.double() }
}
/// The width rule is evaluated here, by the checks, for each size; the harness receives the table.
func truthErrorCurve(sampleSizes: [Int], repetitions: Int, width: (Int) -> Double) throws -> [Double] {
    try call(functionName(#function), [WireValue(sampleSizes), WireValue(repetitions), WireValue(sampleSizes.map(width))]) {
        v throws(WireError) in try v.doubles()
    }
}
func gaussianAttentionRows(queries: [Double], keys: [Double], w: Double) throws -> [[Double]] {
    try call(functionName(#function), [WireValue(queries), WireValue(keys), WireValue(w)]) { v throws(WireError) in try v.matrix() }
}
func rowEntropies(_ rows: [[Double]]) throws -> [Double] {
    try call(functionName(#function), [WireValue(rows)]) { v throws(WireError) in try v.doubles() }
}
func crossValidationError(inputs: [Double], targets: [Double], width: Double, folds: Int) throws -> Double {
    try call(functionName(#function), [WireValue(inputs), WireValue(targets), WireValue(width), WireValue(folds)]) {
        v throws(WireError) in try v.double()
    }
}
func bestWidth(inputs: [Double], targets: [Double], candidates: [Double], folds: Int) throws -> Double {
    try call(functionName(#function), [WireValue(inputs), WireValue(targets), WireValue(candidates), WireValue(folds)]) {
        v throws(WireError) in try v.double()
    }
}
func outsideSquareWeights(queries: [Double], keys: [Double], w: Double) throws -> [[Double]] {
    try call(functionName(#function), [WireValue(queries), WireValue(keys), WireValue(w)]) { v throws(WireError) in try v.matrix() }
}
func inverseKernelWeights(queries: [Double], keys: [Double], w: Double) throws -> [[Double]] {
    try call(functionName(#function), [WireValue(queries), WireValue(keys), WireValue(w)]) { v throws(WireError) in try v.matrix() }
}
func outsideSquareLeaveOneOutLoss(inputs: [Double], targets: [Double], w: Double) throws -> Double {
    try call(functionName(#function), [WireValue(inputs), WireValue(targets), WireValue(w)]) { v throws(WireError) in try v.double() }
}
func trainOutsideSquare(inputs: [Double], targets: [Double], initialW: Double, epochs: Int) throws -> [Double] {
    try call(functionName(#function), [WireValue(inputs), WireValue(targets), WireValue(initialW), WireValue(epochs)]) {
        v throws(WireError) in try v.doubles()
    }
}

/// The base name of a `#function` such as `nameSimilarity(query:key:)`: `nameSimilarity`.
private func functionName(_ function: String) -> String { String(function.prefix { $0 != "(" }) }
