import Dispatch

/// `(0..<count).map(transform)` with the indices shared out among the machine's cores: the same results, in order.
func onEveryCore<Result: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> Result) -> [Result] {
    let results = UnsafeMutableBufferPointer<Result?>.allocate(capacity: count)
    results.initialize(repeating: nil)
    defer { results.deallocate() }
    nonisolated(unsafe) let slots = results  // each index writes only its own slot
    DispatchQueue.concurrentPerform(iterations: count) { slots[$0] = transform($0) }
    return results.compactMap { $0 }
}
