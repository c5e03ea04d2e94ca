import DenseKernels

/// Which build is running, for the table's header and each JSON line.
///
/// Swift cannot ask at compile time which vector extensions the code generator was allowed to use, so the opt-in
/// AVX2 recipe (see the README) adds `-Xswiftc -DBENCHMARKS_AVX2` (and `-Xswiftc -DFUSED_MULTIPLY_ADD`, which makes the
/// engine's exponential use fused multiply-adds; the AVX-512 recipe also `-Xswiftc -DBENCHMARKS_AVX512`) to its flags
/// and this reads them; a build with the vector flags but without the define is reported as portable. The
/// optimisation level is SwiftPM's `DEBUG` condition.
enum BuildDescription {
    /// "release, x86-64 AVX2+FMA", "release, x86-64 portable (SSE2)", "debug, arm64 portable (NEON)" …
    static var current: String {
        "\(optimisation), \(vectors); dense Gaussian line kernel: \(denseKernel) (chosen at run time)"
    }

    /// The variant of the C kernel `DenseKernels` that this CPU runs.
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
            #if BENCHMARKS_AVX512 && FUSED_MULTIPLY_ADD
                "x86-64 AVX-512, fused multiply-add in the exponential"
            #elseif BENCHMARKS_AVX2 && FUSED_MULTIPLY_ADD
                "x86-64 AVX2, fused multiply-add in the exponential"
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
