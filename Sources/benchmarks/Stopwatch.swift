import Dispatch

/// Wall-clock timing for the benchmark cases.
enum Stopwatch {
    /// Seconds that `work` takes, once.
    static func seconds(_ work: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try work()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// The median of `runs` ≥ 1 timings of `work` in this process (an even count averages the middle two).
    static func median(runs: Int, _ work: () throws -> Void) rethrows -> Double {
        var times: [Double] = []
        for _ in 0..<max(runs, 1) { times.append(try seconds(work)) }
        times.sort()
        let middle = times.count / 2
        return times.count % 2 == 1 ? times[middle] : (times[middle - 1] + times[middle]) / 2
    }
}
