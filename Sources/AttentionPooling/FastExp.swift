/// The exponential the dense engine uses for its attention weights exp(ℓ − max ℓ): plain `Double` arithmetic with
/// no branch, so the optimiser vectorises the engine's lane loops around it, and a debug build (no optimiser) still
/// runs it as a few dozen instructions rather than a call into the C library.
///
/// Method (Cody–Waite range reduction and a fitted polynomial):
/// 1. k = round(x / ln 2), by adding and subtracting 1.5·2⁵² (the sum's low bits are k, exactly, for |x| < 2⁵⁰);
/// 2. r = x − k·ln 2 with ln 2 split in two parts (the first has 42 significant bits, so k·ln2_hi is exact for
///    |k| < 2¹¹), which leaves |r| ≤ 0.347 (ln 2 / 2 plus the rounding of x / ln 2);
/// 3. e^r ≈ 1 + r + r²·P(r), P of degree 9 fitted to (e^r − 1 − r)/r² on [−0.3466, 0.3466] (a Chebyshev fit
///    with mpmath at 40 digits; keeping 1 + r exact makes e^0 exactly 1), evaluated in Estrin's scheme (short
///    dependency chains). With the coefficients rounded to doubles the truncation error is 1.6·10⁻¹⁷ relative
///    (measured at 40 digits on 4001 points) — as small as the Taylor polynomial of degree 13 this replaced, with
///    two multiply-adds fewer;
/// 4. e^x = 2^k · e^r, with 2^k built from k's bits in the exponent field.
///
/// Accuracy: relative error ≤ 5·10⁻¹⁶ (about 2 ulp, the polynomial’s rounding) for x in [−708.3, 709.4]; the test
/// `fastExpMatchesLibmOnADenseGrid` measures 2.2·10⁻¹⁶ against the C library on 2·10⁶ points (portable build).
///
/// Edges: below −708.3, where e^x < 2.5·10⁻³⁰⁸ (the smallest normal double), the result is exactly 0, and so is
/// exp(−∞): a masked-out key gets weight 0. A NaN gives NaN or 0 (by its sign bit). Above 709.4 the result is not
/// meaningful; the engine only ever passes x ≤ 0.
enum FastExp {
    /// Below this the result is flushed to 0 (2^k must stay a normal number, k ≥ −1022).
    static let underflowCutoff = -708.3

    /// 1.5·2⁵² plus the exponent bias 1023: added to a number y (|y| < 2⁵⁰), it leaves round(y) + 1023 in the low bits.
    static let shifter = 6_755_399_441_055_744.0 + 1023

    /// e^x (see the type's documentation for the method, accuracy and edges).
    @inline(__always)
    static func exp(_ x: Double) -> Double {
        let shifted = x * 1.442_695_040_888_963_4 + shifter
        let k = shifted - shifter
        let r = (x - k * 0.693_147_180_559_890_330_187_045_037_746_429_443_359_375)
            - k * 5.497_923_018_708_371_155_242_098_484_621_6e-14
        return zeroed(scaled(shifted: shifted, r: r), whereNegative: x - underflowCutoff)
    }

    /// e^r · 2^k for |r| ≤ 0.347, with k + 1023 in the low bits of `shifted` (steps 3 and 4 of the method; the C
    /// target DenseKernels has the same polynomial for the one-coordinate Gaussian).
    @inline(__always)
    private static func scaled(shifted: Double, r: Double) -> Double {
        let r2 = r * r
        let r4 = r2 * r2
        let r8 = r4 * r4
        // P(r) = c₀ + c₁r + … + c₉r⁹ in pairs, then pairs of pairs (Estrin's scheme): c + x·y each time, fused into
        // one rounding in a build that defines FUSED_MULTIPLY_ADD (for CPUs with FMA, see the README).
        let a0 = fused(0.5000000000000001, r, 0.16666666666666669)
        let a1 = fused(0.041666666666624136, r, 0.008333333333330063)
        let a2 = fused(0.001388888891720967, r, 0.00019841269863050506)
        let a3 = fused(2.4801521302241082e-05, r, 2.7557268464831627e-06)
        let a4 = fused(2.7620085455018414e-07, r, 2.510038319586702e-08)
        let b0 = fused(a0, r2, a1)
        let b1 = fused(a2, r2, a3)
        let polynomial = fused(1.0 + r, r2, fused(fused(b0, r4, b1), r8, a4))
        // (k + 1023) << 52 is the bit pattern of 2^k.
        let power = Double(bitPattern: shifted.bitPattern &<< 52)
        return polynomial * power
    }

    /// c + x·y: one fused operation (one rounding) when the build defines FUSED_MULTIPLY_ADD, else a product and a
    /// sum — a portable build would call the C library's software `fma` otherwise. Either way the same bits on every
    /// run of one build.
    @inline(__always)
    static func fused(_ c: Double, _ x: Double, _ y: Double) -> Double {
        #if FUSED_MULTIPLY_ADD
        c.addingProduct(x, y)
        #else
        c + x * y
        #endif
    }

    /// `value`, or +0 where `sign` is negative (or −∞, or a NaN with its sign bit set): integer arithmetic on the
    /// bits, no branch.
    @inline(__always)
    static func zeroed(_ value: Double, whereNegative sign: Double) -> Double {
        let mask = 0 &- (sign.bitPattern &>> 63)
        return Double(bitPattern: value.bitPattern & ~mask)
    }
}
