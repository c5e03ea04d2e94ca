import Dispatch

/// Nadaraya–Watson estimates f(q) = Σᵢ α(q, kᵢ) vᵢ / Σⱼ α(q, kⱼ) for many queries and keys, fast: the same
/// answers as `NadarayaWatson.pool` (within 1e-12 of the values' scale) without building the attention matrix.
///
/// How (see `DenseBlock` for the loops and the C target DenseKernels for the exponentials):
/// - keys eight at a time in eight lanes of plain `Double`s (vector registers once optimised), the exponentials
///   branch-free polynomials (relative error ≤ 5·10⁻¹⁶) in C, the CPU's best variant;
/// - the Gaussian's weights unshifted, and in log space with a running maximum (online softmax) for the rare query
///   whose weights would underflow, so there is no 0/0 however narrow the width or far the query; for one
///   coordinate they come from the C target DenseKernels, compiled for SSE2, AVX2 and AVX-512 and chosen at run time
///   by the CPU;
/// - queries in blocks of 16 against tiles of 512 keys, so the keys stay in cache, and the blocks spread over every
///   core with `DispatchQueue.concurrentPerform` once the problem is big enough to pay for it.
///
/// Covers Euclidean distances with one scalar width σ, any `Kernel`, keys and queries in R^d, values in R^p.
/// The result does not depend on the number of threads: the same input gives the same bits on every run on one
/// machine (the one-coordinate Gaussian's last bits depend on which of DenseKernels' variants the CPU runs).
///
/// Eight lanes fill four independent SSE2 registers, two AVX2 ones or one AVX-512 one once optimised, so the same
/// code keeps several exponentials in flight whatever the build; the opt-in flags (`-Xswiftc -Xcc -Xswiftc -mavx2`
/// or `-Xswiftc -target-cpu -Xswiftc haswell`) only widen the registers of the Swift loops. No compiler flag is
/// needed: a debug build runs the same loops unvectorised (`benchmarks dense-gaussian` in both builds).
///
/// - Complexity: O(m·n·(d + p)) time, O(n·(d + p)) extra memory; two cores run two blocks at once.
public enum DenseEngine {
    /// Queries per block: the unit of work handed to a thread.
    static let blockQueries = 16
    /// Below this many kernel evaluations (m·n) the work stays on the calling thread.
    static let parallelThreshold = 1 << 16

    /// The pooled values for queries, keys and values in several dimensions.
    ///
    /// - Parameters:
    ///   - queries: m ≥ 0 points in R^d (m = 0 gives []).
    ///   - keys: n ≥ 1 points in R^d, d ≥ 1.
    ///   - values: n vectors in R^p, p ≥ 1, one per key.
    ///   - kernel: any of the four kernels, at scaled distance r = ‖q − k‖₂ / σ.
    ///   - width: σ, a finite number > 0. Tiny σ gives nearest-key lookups, huge σ the mean of the values.
    ///   - leaveOneOut: query i skips key i (needs m = n, the queries being the keys).
    /// - Returns: one vector in R^p per query, or nil where no key is in the kernel's reach (compact kernels far
    ///   from every key, or a single key left out).
    /// - Throws: `AttentionPoolingError` for no keys, empty points, mismatched counts or lengths, a non-finite
    ///   coordinate, a width that is not finite and > 0, or leave-one-out with m ≠ n.
    public static func estimates(
        queries: [[Double]], keys: [[Double]], values: [[Double]], kernel: Kernel, width: Double,
        leaveOneOut: Bool = false
    ) throws(AttentionPoolingError) -> [[Double]?] {
        try validateWidth(width)
        let p = try validatePointInputs(queries: queries, keys: keys, values: values, leaveOneOut: leaveOneOut).p
        let problem = DenseProblem(
            queries: queries, keys: keys, values: values, kernel: kernel, width: width, leaveOneOut: leaveOneOut)
        let (pooled, defined) = evaluate(problem)
        return (0..<queries.count).map { i in defined[i] ? Array(pooled[(i * p)..<((i + 1) * p)]) : nil }
    }

    /// The estimates for scalar queries, keys and values (d = p = 1), the regression of the book's examples.
    ///
    /// Same parameters, edges and errors as the vector version; returns one number per query, nil where
    /// undefined.
    public static func estimates(
        queries: [Double], keys: [Double], values: [Double], kernel: Kernel, width: Double,
        leaveOneOut: Bool = false
    ) throws(AttentionPoolingError) -> [Double?] {
        try validateWidth(width)
        try validateScalarInputs(queries: queries, keys: keys, values: values, leaveOneOut: leaveOneOut)
        let problem = DenseProblem(
            queries: queries, keys: keys, values: values, kernel: kernel, width: width, leaveOneOut: leaveOneOut)
        let (pooled, defined) = evaluate(problem)
        return (0..<queries.count).map { defined[$0] ? pooled[$0] : nil }
    }

    /// Runs every block of queries, on all cores when the problem is large: m·p pooled numbers, row by row, and
    /// whether each query's estimate is defined.
    static func evaluate(_ problem: DenseProblem) -> (pooled: [Double], defined: [Bool]) {
        let m = problem.queryCount
        guard m > 0 else { return ([], []) }
        var pooled = [Double](repeating: 0, count: m * problem.valueDimension)
        var defined = [Bool](repeating: false, count: m)
        let blocks = (m + blockQueries - 1) / blockQueries
        pooled.withUnsafeMutableBufferPointer { pooledBuffer in
            defined.withUnsafeMutableBufferPointer { definedBuffer in
                // Each block writes only its own queries' slots, so the blocks never touch the same memory.
                nonisolated(unsafe) let output = pooledBuffer.baseAddress!
                nonisolated(unsafe) let flags = definedBuffer.baseAddress!
                let run: @Sendable (Int) -> Void = { block in
                    let queries = (block * blockQueries)..<min((block + 1) * blockQueries, m)
                    DenseBlock(problem: problem, queries: queries).evaluate(output: output, defined: flags)
                }
                if m * problem.keyCount < parallelThreshold || blocks < 2 {
                    for block in 0..<blocks { run(block) }
                } else {
                    DispatchQueue.concurrentPerform(iterations: blocks, execute: run)
                }
            }
        }
        return (pooled, defined)
    }
}
