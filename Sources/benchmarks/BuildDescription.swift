import DenseKernels

/// Which build is running, for the table's header and each JSON line.
///
/// Swift cannot ask at compile time which vector extensions the code generator was allowed to use, so the opt-in
/// recipes (see the README) add `-Xswiftc -DBENCHMARKS_AVX2` (and `-Xswiftc -DBENCHMARKS_AVX512`) to their flags and
/// this reads them; a build with the vector flags but without the define is reported as portable. The C kernels'
/// variant is the CPU's, whatever the build. The optimisation level is SwiftPM's `DEBUG` condition.
enum BuildDescription {
    /// "release, x86-64 portable (SSE2); exponentials in C: AVX-512 (chosen at run time)" …
    static var current: String {
        "\(optimisation), \(vectors); exponentials in C: \(denseKernel) (chosen at run time)"
    }

    /// The variant of the C kernels `DenseKernels` that this CPU runs.
    private static var denseKernel: String {
        ["portable", "AVX2+FMA", "AVX-512"][Int(dense_kernels_variant())]
    }

    private static var optimisation: String {
        #if DEBUG
            "debug"
        #else
            "release"
        #endif
    }

    private static var vectors: String {
        #if arch(x86_64)
            #if BENCHMARKS_AVX512
                "x86-64 AVX-512"
            #elseif BENCHMARKS_AVX2
                "x86-64 AVX2"
            #else
                "x86-64 portable (SSE2)"
            #endif
        #elseif arch(arm64)
            "arm64 (NEON)"
        #else
            "portable"
        #endif
    }
}
