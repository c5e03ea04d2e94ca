/// Why `FastGaussTransform` refused its inputs. Each description is one line.
public enum FastGaussError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidWidth(Double)
    case invalidTolerance(Double)
    case noKeys
    case valueCountMismatch(keys: Int, values: Int)
    case leaveOneOutNeedsQueriesAsKeys(queries: Int, keys: Int)
    case tooFewKeysForLeaveOneOut(Int)
    case nonFinite(role: String, index: Int)

    public var description: String {
        switch self {
        case .invalidWidth(let sigma): "a kernel width must be a finite number greater than 0, not \(sigma)"
        case .invalidTolerance(let tolerance):
            "the fast Gauss transform's tolerance must be between 1e-15 and 0.1, not \(tolerance)"
        case .noKeys: "attention pooling needs at least one key"
        case .valueCountMismatch(let keys, let values): "there are \(keys) keys but \(values) values"
        case .leaveOneOutNeedsQueriesAsKeys(let queries, let keys):
            "leave-one-out needs the queries to be the keys, but there are \(queries) queries and \(keys) keys"
        case .tooFewKeysForLeaveOneOut(let count):
            "leave-one-out needs at least 2 keys, so each query has another to attend to, not \(count)"
        case .nonFinite(let role, let index): "\(role) \(index) is not a finite number"
        }
    }
}
