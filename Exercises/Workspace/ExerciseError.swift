/// What an exercise function throws until it is implemented: the student edition's stubs throw
/// `ExerciseError.notImplemented` with the function's name, and the checks report "not implemented yet".
public enum ExerciseError: Error, Equatable, Sendable, CustomStringConvertible {
    case notImplemented(String)

    public var description: String {
        switch self {
        case .notImplemented(let function): "\(function) is not implemented yet"
        }
    }
}
