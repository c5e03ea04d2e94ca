import Dispatch

/// Sums over the keys between consecutive window edges, and their compensated prefix sums: the count, Σv, Σk and
/// Σk·v over the keys in [T[a], T[b]) for any two edges, in O(1).
///
/// The edges T₀ < T₁ < … < T_{N−1} (N ≥ 2, distinct) cut the line into buckets; bucket u holds the keys with
/// T[u] ≤ k < T[u + 1] (keys below T₀ or from T_{N−1} on are in no window and are left out). The keys are never
/// sorted. A uniform grid of cells over the bulk of the edges (`EdgeGrid`; cells at its ends take what lies beyond) is
/// cut into blocks of `cellsPerBlock` (512) consecutive cells, about N / 512 blocks, and
///
/// 1. the keys' indices are laid out block by block, in input order within a block: a counting pass and a scatter
///    pass over fixed chunks of the keys, a key's block being plain arithmetic on the key (its cell);
/// 2. each block, while its buckets are in cache, gathers its keys, finds each key's bucket among the edges of its
///    cells and sums it in — count, Σv, Σk and Σ(k − T[u])·v, each an unevaluated hi + lo
///    (`CompensatedSum.accumulate`) — then runs prefix sums over its buckets, adding Σk·v = Σ(k − T[u])·v + T[u]·Σv
///    with the product exact (TwoProduct);
/// 3. the blocks' totals are prefix-summed in order: P(i) = offsets[block of T[i]] + local[i].
///
/// Block b's keys have buckets from f = (first edge of its cells) − 1 to l = (first edge after its cells) − 1, the two
/// ends possibly shared with neighbouring blocks; so block b writes local[i] for the edges of its own cells,
/// i = f + 1 … l, as its part of bucket f plus its buckets f + 1 ..< i, and its total includes its part of bucket l.
///
/// Blocks and chunks depend only on n and the edges, never on the number of cores, so every sum is formed in the same
/// order on every run: the results are identical bit for bit across runs and core counts.
///
/// Accuracy: every sum is carried as an unevaluated hi + lo whose lo collects the exact rounding errors of hi (Sum2 of
/// Ogita, Rump and Oishi, as accurate as summing in twice the precision), each k − T[u] rounded relative to itself
/// only; so a prefix sum P(i) over n terms is exact to within n² · 2⁻¹⁰⁶ · Σ|terms| (Sum2's worst-case bound; about
/// n · 2⁻¹⁰⁶ · Σ|terms| in practice), and a window's P(b) − P(a) (`CompensatedSum.difference`) has no cancellation
/// worth a bit of a double, whatever the keys' offset from 0 (10⁶ keys: at most 10⁻²⁰ · Σ|terms|).
struct WindowedBuckets: Sendable {
    /// Sums over keys: their count and Σv, Σk, Σk·v, each an unevaluated hi + lo (Sum2).
    struct Sums: Sendable {
        var count: Int
        var v: CompensatedSum
        var k: CompensatedSum
        var kv: CompensatedSum

        static let zero = Sums(count: 0, v: .zero, k: .zero, kv: .zero)
    }

    /// The edges T, ascending and distinct.
    let edges: [Double]
    let grid: EdgeGrid
    /// local[i]: the sums over the keys of the block of T[i]'s cell that lie below T[i].
    private let local: [Sums]
    /// offsets[b]: the sums over the keys of every block before block b.
    private let offsets: [Sums]
    private let cellsPerBlock: Int

    /// A key and its value, gathered into its block.
    private struct Entry {
        var key: Double
        var value: Double
    }

    /// A bucket's running sums, each an unevaluated hi + lo.
    private struct Bucket {
        var count = 0
        var v = CompensatedSum.zero
        var k = CompensatedSum.zero
        var offsetTimesValue = CompensatedSum.zero  // Σ(k − T[u])·v
    }

    /// The keys laid out block by block: `entries[blockStart[b] ..< blockStart[b + 1]]` are block b's keys, chunk by
    /// chunk (chunk c's from `segmentStart[c · blockCount + b]`), each as its index less its chunk's first.
    struct Layout: Sendable {
        var blockStart: [Int]
        var segmentStart: [Int]
        var entries: [UInt32]
        var chunkCount: Int
    }

    /// Cells per block: a block's buckets, edges and sums stay in the first two cache levels.
    static let cellsPerBlock = 512

    /// - Parameters:
    ///   - edges: N ≥ 2 distinct numbers, ascending, none NaN (the last may be +∞).
    ///   - keys, values: n finite numbers each, in any order.
    ///   - moments: whether Σk and Σk·v are wanted (the Epanechikov kernel) or only the count and Σv (boxcar).
    /// - Complexity: O(n + N) time when the keys and edges are spread evenly enough for the grid (O(n log N) at worst,
    ///   edges crowded in a few cells), over every core; O(n + N) memory (4 bytes a key, 56 an edge).
    init(edges: [Double], keys: [Double], values: [Double], moments: Bool) {
        let grid = EdgeGrid(edges, cellsPerBlock: Self.cellsPerBlock)
        let layout = Self.layOut(keys, from: edges[0], to: edges[edges.count - 1], grid: grid)
        self.init(edges: edges, grid: grid, layout: layout, keys: keys, values: values, moments: moments)
    }

    /// The same, with the keys already laid out on `grid`'s cells (whose edges may be placed after the layout): the
    /// windowed estimates lay the keys out while the queries are sorted.
    init(edges: [Double], grid cells: EdgeGrid, layout: Layout, keys: [Double], values: [Double], moments: Bool) {
        let cellsPerBlock = Self.cellsPerBlock
        let grid = cells.placing(edges)
        let (blockCount, chunkCount) = (layout.blockStart.count - 1, layout.chunkCount)
        var totals = [Sums](repeating: .zero, count: blockCount)
        let local = [Sums](unsafeUninitializedCapacity: edges.count) { local, initialized in
            totals.withUnsafeMutableBufferPointer { totals in
                nonisolated(unsafe) let (local, totals) = (local, totals)  // each block its own edges and total
                DispatchQueue.concurrentPerform(iterations: blockCount) { block in
                    totals[block] = Self.sumBlock(block, layout: layout, chunkCount: chunkCount, keys: keys,
                                                  values: values, edges: edges, grid: grid, moments: moments,
                                                  local: local)
                }
            }
            initialized = edges.count
        }
        var offsets = [Sums.zero]
        offsets.reserveCapacity(blockCount)
        for block in 0..<(blockCount - 1) {
            var next = offsets[block]
            next.count += totals[block].count
            next.v.accumulate(totals[block].v)
            next.k.accumulate(totals[block].k)
            next.kv.accumulate(totals[block].kv)
            offsets.append(next)
        }
        (self.edges, self.grid, self.local, self.offsets) = (edges, grid, local, offsets)
        self.cellsPerBlock = cellsPerBlock
    }

    /// Steps 1 and 2: count each chunk's keys per block, then write their indices block by block. A key's block is
    /// its cell's (only the cells of `grid` are used); keys before `first` or from `last` (the first and last edges)
    /// on go nowhere.
    static func layOut(_ keys: [Double], from first: Double, to last: Double, grid: EdgeGrid) -> Layout {
        let n = keys.count
        let (cellsPerBlock, blockCount) = (Self.cellsPerBlock, grid.cellCount / Self.cellsPerBlock)
        // Chunks of fewer than 2³¹ keys, so a key's place in its chunk fits 32 bits.
        let chunkCount = Swift.max(1, Swift.min(16, n / 32_768), (n >> 31) + 1)
        var cursor = [Int](repeating: 0, count: chunkCount * blockCount)  // chunk c's row from c · blockCount
        var layout = Layout(blockStart: [], segmentStart: [], entries: [], chunkCount: chunkCount)
        keys.withUnsafeBufferPointer { keys in
            nonisolated(unsafe) let keys = keys
            cursor.withUnsafeMutableBufferPointer { cursor in
                nonisolated(unsafe) let cursor = cursor  // each chunk its own row
                DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                    let row = chunk * blockCount
                    for i in (chunk * n / chunkCount)..<((chunk + 1) * n / chunkCount) {
                        let key = keys[i]
                        if key >= first && key < last { cursor[row &+ grid.cell(key) / cellsPerBlock] &+= 1 }
                    }
                }
                // Blocks in order, and within a block the chunks in order: a block's keys keep their input order.
                var placed = 0
                for block in 0..<blockCount {
                    layout.blockStart.append(placed)
                    for chunk in 0..<chunkCount {
                        let slot = chunk * blockCount + block
                        (cursor[slot], placed) = (placed, placed + cursor[slot])
                    }
                }
                layout.blockStart.append(placed)
                layout.segmentStart = Array(cursor)
                layout.entries = [UInt32](unsafeUninitializedCapacity: placed) { entries, initialized in
                    nonisolated(unsafe) let entries = entries  // each chunk its own slots
                    DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                        let (row, chunkFirst) = (chunk * blockCount, chunk * n / chunkCount)
                        for i in chunkFirst..<((chunk + 1) * n / chunkCount) {
                            let key = keys[i]
                            guard key >= first && key < last else { continue }
                            let slot = row &+ grid.cell(key) / cellsPerBlock
                            let place = UInt32(truncatingIfNeeded: i &- chunkFirst)
                            (entries.baseAddress! + cursor[slot]).initialize(to: place)
                            cursor[slot] &+= 1
                        }
                    }
                    initialized = placed
                }
            }
        }
        return layout
    }

    /// Step 3 for one block: its keys into its buckets f…l (f = its first edge − 1; −1, before T₀, stays empty),
    /// then local[f + 1 … l]; returns the block's total.
    private static func sumBlock(_ block: Int, layout: Layout, chunkCount: Int, keys: [Double], values: [Double],
                                 edges: [Double], grid: EdgeGrid, moments: Bool,
                                 local: UnsafeMutableBufferPointer<Sums>) -> Sums
    {
        let blockCount = layout.blockStart.count - 1
        let cellsPerBlock = grid.cellCount / blockCount
        let f = grid.firstEdge(ofCell: block * cellsPerBlock) - 1
        let l = grid.firstEdge(ofCell: (block + 1) * cellsPerBlock) - 1
        let (start, end) = (layout.blockStart[block], layout.blockStart[block + 1])
        // Gather the block's keys first (independent loads, many in flight at once), chunk by chunk: input order.
        let gathered = UnsafeMutableBufferPointer<Entry>.allocate(capacity: end - start)
        defer { gathered.deallocate() }
        keys.withUnsafeBufferPointer { keys in
            values.withUnsafeBufferPointer { values in
                layout.entries.withUnsafeBufferPointer { entries in
                    for chunk in 0..<chunkCount {
                        let slot = chunk * blockCount + block
                        let segmentEnd = chunk + 1 < chunkCount ? layout.segmentStart[slot + blockCount] : end
                        let chunkFirst = chunk * keys.count / chunkCount
                        for j in layout.segmentStart[slot]..<segmentEnd {
                            let i = chunkFirst &+ Int(entries[j])
                            (gathered.baseAddress! + (j &- start)).initialize(to: Entry(key: keys[i], value: values[i]))
                        }
                    }
                }
            }
        }
        let buckets = UnsafeMutableBufferPointer<Bucket>.allocate(capacity: l - f + 1)
        defer { buckets.deallocate() }
        buckets.initialize(repeating: Bucket())
        var running = Sums.zero
        edges.withUnsafeBufferPointer { edges in
            for entry in gathered {
                let bucket = grid.edgesAtOrBelow(entry.key, in: edges) &- 1
                let u = bucket &- f
                buckets[u].count &+= 1
                buckets[u].v.accumulate(entry.value)
                if moments {
                    buckets[u].k.accumulate(entry.key)
                    buckets[u].offsetTimesValue.accumulate((entry.key - edges[bucket]) * entry.value)
                }
            }
            for u in f...l {
                let bucket = buckets[u &- f]
                if bucket.count > 0 {
                    running.count &+= bucket.count
                    running.v.accumulate(bucket.v)
                    if moments {  // Σk·v = Σ(k − T[u])·v + T[u] · Σv, the product exact
                        let edge = edges[u]
                        running.k.accumulate(bucket.k)
                        running.kv.accumulate(bucket.offsetTimesValue)
                        running.kv.accumulate(CompensatedSum.twoProduct(bucket.v.hi, edge))
                        running.kv.lo += bucket.v.lo * edge
                    }
                }
                if u < l { (local.baseAddress! + u + 1).initialize(to: running) }
            }
        }
        return running
    }

    /// P(i), the sums over the keys with T₀ ≤ k < T[i], as its two parts: its block's offset and its local sums.
    @inline(__always)
    func prefix(_ i: Int) -> (offset: Sums, local: Sums) {
        (offsets[grid.cell(edges[i]) / cellsPerBlock], local[i])
    }
}

/// A uniform grid of cells over the edges, to find how many edges are ≤ a key in O(1) on average.
///
/// The cell of x is ⌊(x − T₀) · scale⌋ clamped to the grid, a monotone function of x; so every edge in an earlier
/// cell than x's is ≤ x and every edge in a later cell is > x, and only the edges of x's own cell need comparing
/// (a short scan, or a bisection when the cell is crowded).
struct EdgeGrid: Sendable {
    private let origin: Double
    private let scale: Double
    /// A multiple of the block size, at least the number of edges; one cell when the edges' span is 0 or overflows.
    let cellCount: Int
    /// cellStart[c]: the first edge whose cell is ≥ c (c = 0…cellCount).
    private var cellStart: [Int]

    /// The grid for `edges` (N ≥ 1 numbers, ascending, none NaN, the last may be +∞), its number of cells a multiple
    /// of `cellsPerBlock`.
    init(_ edges: [Double], cellsPerBlock: Int) {
        self = EdgeGrid(from: edges[0], to: edges.last { $0.isFinite } ?? edges[0], edges: edges.count,
                        cellsPerBlock: cellsPerBlock).placing(edges)
    }

    /// Cells only (no edges placed yet) over [first, last], at least one cell per edge for up to `edges` edges, their
    /// number a multiple of `cellsPerBlock`: what the keys' blocks need before the edges are known.
    init(from first: Double, to last: Double, edges: Int, cellsPerBlock: Int) {
        let span = last - first
        // A span that is 0 or overflows gives scale 0: every cell computes to 0 (or NaN, read as 0).
        let usable = span > 0 && span.isFinite
        cellCount = usable ? (Swift.max(1, edges) + cellsPerBlock - 1) / cellsPerBlock * cellsPerBlock : cellsPerBlock
        (origin, scale, cellStart) = (first, usable ? Double(cellCount) / span : 0, [])
    }

    /// The same cells with `edges` (ascending, none NaN) placed in them: cellStart[c + 1] counts the edges in cells
    /// ≤ c, a count per cell and then a running sum.
    func placing(_ edges: [Double]) -> EdgeGrid {
        var grid = self
        grid.cellStart = [Int](unsafeUninitializedCapacity: cellCount + 1) { cellStart, initialized in
            cellStart.initialize(repeating: 0)
            edges.withUnsafeBufferPointer { edges in
                for edge in edges { cellStart[cell(edge) &+ 1] &+= 1 }
            }
            for cell in 0..<cellCount { cellStart[cell &+ 1] &+= cellStart[cell] }
            initialized = cellCount + 1
        }
        return grid
    }

    @inline(__always)
    private static func cell(_ x: Double, origin: Double, scale: Double, cellCount: Int) -> Int {
        let y = (x - origin) * scale
        return y > 0 ? (y < Double(cellCount) ? Int(y) : cellCount - 1) : 0
    }

    /// The cell of x (not NaN): monotone in x.
    @inline(__always)
    func cell(_ x: Double) -> Int { Self.cell(x, origin: origin, scale: scale, cellCount: cellCount) }

    /// The first edge whose cell is ≥ `cell` (0 ≤ cell ≤ cellCount; N for cellCount).
    @inline(__always)
    func firstEdge(ofCell cell: Int) -> Int { cellStart[cell] }

    /// How many of `edges` (the edges this grid was built on) are ≤ x, for x not NaN.
    @inline(__always)
    func edgesAtOrBelow(_ x: Double, in edges: UnsafeBufferPointer<Double>) -> Int {
        let cell = self.cell(x)
        var (low, high) = (cellStart[cell], cellStart[cell &+ 1])
        if high &- low <= 4 {
            // Usually one edge or none in a cell: four comparisons without a branch on their outcome.
            let (count, lastEdge) = (high &- low, edges.count &- 1)
            var below = low
            for step in 0..<4 {
                let edge = edges[Swift.min(low &+ step, lastEdge)]
                below &+= (step < count ? 1 : 0) & (edge <= x ? 1 : 0)
            }
            return below
        }
        while low < high {
            let middle = (low &+ high) / 2
            if edges[middle] <= x { low = middle &+ 1 } else { high = middle }
        }
        return low
    }
}
