/// Why `WindowedKernels` refused its inputs. Each description is one line.
public enum WindowedKernelsError: Error, Equatable, Sendable, CustomStringConvertible {
    case unsupportedKernel(Kernel)
    case invalidWidth(Double)
    case noKeys
    case valueCountMismatch(keys: Int, values: Int)
    case leaveOneOutNeedsQueriesAsKeys(queries: Int, keys: Int)
    case nonFinite(role: String, index: Int)

    public var description: String {
        switch self {
        case .unsupportedKernel(let kernel):
            "windowed evaluation needs a kernel with a finite reach (boxcar or Epanechikov), not \(kernel.displayName)"
        case .invalidWidth(let sigma): "a kernel width must be a finite number greater than 0, not \(sigma)"
        case .noKeys: "attention pooling needs at least one key"
        case .valueCountMismatch(let keys, let values): "there are \(keys) keys but \(values) values"
        case .leaveOneOutNeedsQueriesAsKeys(let queries, let keys):
            "leave-one-out needs the queries to be the keys, but there are \(queries) queries and \(keys) keys"
        case .nonFinite(let role, let index): "\(role) \(index) is not a finite number"
        }
    }
}
