
/// Who sees a check's result: students while they work (`visible`), or only after grades are published (`hidden`,
/// Gradescope's `after_published`).
public enum Visibility: String, Sendable {
    case visible
    case hidden
}

/// Why a check failed, in one or two short lines a student can act on: what was expected and what came instead.
public struct CheckFailure: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// One graded check of an exercise: a name, its points, who sees it, and a body that throws `CheckFailure` (or any
/// error, such as a `StudentError` saying a function is still a stub) when the student's code is wrong.
public struct Check: Sendable {
    public let name: String
    public let points: Double
    public let visibility: Visibility
    public let body: @Sendable () throws -> Void

    public init(_ name: String, points: Double, visibility: Visibility = .visible,
                _ body: @escaping @Sendable () throws -> Void) {
        self.name = name
        self.points = points
        self.visibility = visibility
        self.body = body
    }
}

/// One exercise of the course: an id such as `11.2-1` (exercise 1 of §11.2; `11.2-E1` for the earlier edition's),
/// a title, and its checks. An exercise with a written answer only has no checks and is not graded automatically.
public struct Exercise: Sendable {
    public let id: String
    public let title: String
    public let checks: [Check]

    public init(id: String, title: String, checks: [Check]) {
        self.id = id
        self.title = title
        self.checks = checks
    }

    /// The most points the checks give.
    public var maximumPoints: Double { checks.map(\.points).reduce(0, +) }
}

/// Fails with "expected …, got …" unless `condition` holds.
public func expect(_ condition: Bool, _ message: @autoclosure () -> String) throws(CheckFailure) {
    guard condition else { throw CheckFailure(message()) }
}

/// Fails unless |got − expected| ≤ tolerance · max(1, |expected|) (relative for large numbers, absolute near 0).
public func expectClose(_ got: Double, _ expected: Double, tolerance: Double = 1e-9, _ what: String)
    throws(CheckFailure)
{
    let scale = Swift.max(1, Swift.abs(expected))
    guard got.isFinite, Swift.abs(got - expected) <= tolerance * scale else {
        throw CheckFailure("\(what): expected \(expected), got \(got)")
    }
}

/// Fails unless `got` has `expected.count` entries, each within `tolerance` of `expected` (see `expectClose`).
public func expectAllClose(_ got: [Double], _ expected: [Double], tolerance: Double = 1e-9, _ what: String)
    throws(CheckFailure)
{
    try expect(got.count == expected.count, "\(what): expected \(expected.count) entries, got \(got.count)")
    for (index, (value, target)) in zip(got, expected).enumerated() {
        try expectClose(value, target, tolerance: tolerance, "\(what), entry \(index)")
    }
}

/// Fails unless the student's function throws: it must refuse bad input. Only an error the student's function threw
/// counts; a stub's "not implemented", a harness that broke down or a failed check is passed on.
public func expectRefusal(_ what: String, _ body: () throws -> Any) throws {
    do {
        _ = try body()
    } catch let error as StudentError where error.thrown.kind == .thrown {
        return
    }
    throw CheckFailure("expected \(what) to throw an error, but it returned")
}
