/// A validated Nadaraya–Watson problem laid out for the dense engine's vector loops.
///
/// Keys and values are stored column by column (coordinate j of every key is contiguous), each column padded with
/// zeros to a multiple of eight so that every key is read as part of a group of eight lanes; the padding keys are masked
/// out by index, never by value. Queries are stored row by row.
struct DenseProblem: Sendable {
    /// The lanes of the engine's vectors: keys are processed eight at a time.
    static let lanes = 8

    /// d ≥ 1, the coordinates of each key and query.
    let dimension: Int
    /// p ≥ 1, the coordinates of each value.
    let valueDimension: Int
    /// n ≥ 1, the keys.
    let keyCount: Int
    /// n rounded up to a multiple of `lanes`: the length of each column.
    let paddedKeyCount: Int
    /// m ≥ 0, the queries.
    let queryCount: Int
    /// d columns of `paddedKeyCount` numbers: `keyColumns[j · paddedKeyCount + i]` is coordinate j of key i.
    let keyColumns: [Double]
    /// p columns of `paddedKeyCount` numbers, laid out as the keys.
    let valueColumns: [Double]
    /// m rows of d numbers: `queries[i · d + j]` is coordinate j of query i.
    let queries: [Double]
    let kernel: Kernel
    /// σ > 0, finite.
    let width: Double
    /// Query i skips key i (then m = n).
    let leaveOneOut: Bool

    /// Lays out points given as rows (`keys[i][j]`); the caller has validated counts, lengths and finiteness.
    init(queries: [[Double]], keys: [[Double]], values: [[Double]], kernel: Kernel, width: Double, leaveOneOut: Bool) {
        let d = keys[0].count
        let p = values[0].count
        self.init(
            dimension: d, valueDimension: p, keyCount: keys.count,
            keyColumn: { j, i in keys[i][j] }, valueColumn: { j, i in values[i][j] },
            queries: queries.flatMap { $0 }, kernel: kernel, width: width, leaveOneOut: leaveOneOut)
    }

    /// Lays out scalar keys, values and queries (d = p = 1, or p = 0 with no values, for rows of weights alone); the
    /// caller has validated counts and finiteness.
    init(queries: [Double], keys: [Double], values: [Double], kernel: Kernel, width: Double, leaveOneOut: Bool) {
        self.init(
            dimension: 1, valueDimension: values.isEmpty ? 0 : 1, keyCount: keys.count,
            keyColumn: { _, i in keys[i] }, valueColumn: { _, i in values[i] },
            queries: queries, kernel: kernel, width: width, leaveOneOut: leaveOneOut)
    }

    private init(
        dimension: Int, valueDimension: Int, keyCount: Int,
        keyColumn: (Int, Int) -> Double, valueColumn: (Int, Int) -> Double,
        queries: [Double], kernel: Kernel, width: Double, leaveOneOut: Bool
    ) {
        let padded = (keyCount + Self.lanes - 1) / Self.lanes * Self.lanes
        func columns(_ count: Int, _ entry: (Int, Int) -> Double) -> [Double] {
            var flat = [Double](repeating: 0, count: count * padded)
            for j in 0..<count {
                for i in 0..<keyCount { flat[j * padded + i] = entry(j, i) }
            }
            return flat
        }
        self.dimension = dimension
        self.valueDimension = valueDimension
        self.keyCount = keyCount
        self.paddedKeyCount = padded
        self.queryCount = queries.count / dimension
        self.keyColumns = columns(dimension, keyColumn)
        self.valueColumns = columns(valueDimension, valueColumn)
        self.queries = queries
        self.kernel = kernel
        self.width = width
        self.leaveOneOut = leaveOneOut
    }
}
