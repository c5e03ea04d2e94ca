/// The exponential of eight doubles at once, for the dense engine's attention weights exp(ℓ − max ℓ).
///
/// Method (Cody–Waite range reduction and a Taylor polynomial, all in `SIMD8<Double>` arithmetic):
/// 1. k = round(x / ln 2), by adding and subtracting 1.5·2⁵² (the sum's low bits are k, exactly, for |x| < 2⁵⁰);
/// 2. r = x − k·ln 2 with ln 2 split in two parts (the first has 42 significant bits, so k·ln2_hi is exact for
///    |k| < 2¹¹), which leaves |r| ≤ 0.347 (ln 2 / 2 plus the rounding of x / ln 2);
/// 3. e^r by its Taylor polynomial of degree 13, evaluated in Estrin's scheme (short dependency chains, so several
///    vectors are in flight at once). The truncation error is below 0.347¹⁴/14! ≈ 4·10⁻¹⁸ relative;
/// 4. e^x = 2^k · e^r, with 2^k built from k's bits in the exponent field.
///
/// Accuracy: relative error ≤ 5·10⁻¹⁶ (about 2 ulp, the polynomial's rounding) for x in [−708.3, 709.4]; the test
/// `fastExpMatchesLibmOnADenseGrid` measures 4.3·10⁻¹⁶ against the C library on 2·10⁶ points.
///
/// Edges: below −708.3, where e^x < 2.5·10⁻³⁰⁸ (the smallest normal double), the result is exactly 0, and so is
/// exp(−∞): a masked-out key gets weight 0. A NaN gives NaN or 0 (by its sign bit). Above 709.4 the result is not
/// meaningful; the engine only ever passes x ≤ 0.
enum FastExp {
    /// Below this the result is flushed to 0 (2^k must stay a normal number, k ≥ −1022).
    static let underflowCutoff = -708.3

    /// e^x for each lane (see the type's documentation for the method, accuracy and edges).
    @inline(__always)
    static func exp(_ x: SIMD8<Double>) -> SIMD8<Double> {
        // 1.5·2⁵² plus the exponent bias 1023, so the low bits of `shifted` are k + 1023.
        let shifter = SIMD8<Double>(repeating: 6_755_399_441_055_744.0 + 1023)
        let shifted = x * 1.442_695_040_888_963_4 + shifter
        let k = shifted - shifter
        let r = (x - k * 0.693_147_180_559_890_330_187_045_037_746_429_443_359_375)
            - k * 5.497_923_018_708_371_155_242_098_484_621_6e-14
        let r2 = r * r
        let r4 = r2 * r2
        let r8 = r4 * r4
        // Pairs of Taylor coefficients 1/j!, then pairs of pairs (Estrin's scheme).
        let a0 = 1.0 + r
        let a1 = 1.0 / 2 + r * (1.0 / 6)
        let a2 = 1.0 / 24 + r * (1.0 / 120)
        let a3 = 1.0 / 720 + r * (1.0 / 5040)
        let a4 = 1.0 / 40320 + r * (1.0 / 362_880)
        let a5 = 1.0 / 3_628_800 + r * (1.0 / 39_916_800)
        let a6 = 1.0 / 479_001_600 + r * (1.0 / 6_227_020_800)
        let b0 = a0 + r2 * a1
        let b1 = a2 + r2 * a3
        let b2 = a4 + r2 * a5
        let polynomial = (b0 + r4 * b1) + r8 * (b2 + r4 * a6)
        // (k + 1023) << 52 is the bit pattern of 2^k.
        let power = unsafeBitCast(unsafeBitCast(shifted, to: SIMD8<UInt64>.self) &<< 52, to: SIMD8<Double>.self)
        return zeroed(polynomial * power, whereNegative: x - underflowCutoff)
    }

    /// All ones in the lanes where `sign`'s sign bit is set (negative numbers, −0, −∞), zeros elsewhere.
    ///
    /// Integer arithmetic on the bits, because the standard library's vector comparisons and
    /// `replacing(with:where:)` compile to lane-by-lane code that cost more than the exponential itself.
    @inline(__always)
    static func signMask(_ sign: SIMD8<Double>) -> SIMD8<UInt64> {
        SIMD8<UInt64>.zero &- (unsafeBitCast(sign, to: SIMD8<UInt64>.self) &>> 63)
    }

    /// `value` with +0 in the lanes where `sign` is negative (or −∞, or a NaN with its sign bit set).
    @inline(__always)
    static func zeroed(_ value: SIMD8<Double>, whereNegative sign: SIMD8<Double>) -> SIMD8<Double> {
        unsafeBitCast(unsafeBitCast(value, to: SIMD8<UInt64>.self) & ~signMask(sign), to: SIMD8<Double>.self)
    }

    /// The larger of `a` and `b` in each lane, for numbers that are finite or −∞ (two −∞ give −∞).
    @inline(__always)
    static func larger(_ a: SIMD8<Double>, _ b: SIMD8<Double>) -> SIMD8<Double> {
        let takeA = signMask(b - a)
        let bitsA = unsafeBitCast(a, to: SIMD8<UInt64>.self)
        let bitsB = unsafeBitCast(b, to: SIMD8<UInt64>.self)
        return unsafeBitCast((bitsA & takeA) | (bitsB & ~takeA), to: SIMD8<Double>.self)
    }
}
