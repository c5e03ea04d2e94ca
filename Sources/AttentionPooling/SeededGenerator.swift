/// A seeded pseudo-random generator whose numbers are the same on every machine and every Swift version.
///
/// - State: xoshiro256** (Blackman and Vigna, "Scrambled linear pseudorandom number generators", 2021), a 256-bit
///   state advanced with shifts, rotations and xors only, so it is bit-exact everywhere.
/// - Seeding: the 64-bit seed is expanded into the four state words by SplitMix64 (Steele, Lea and Flood, 2014),
///   as the xoshiro authors recommend; every seed, 0 included, gives a valid non-zero state.
/// - Uniforms: the top 53 bits of a draw, scaled by 2⁻⁵³, give a double in [0, 1) on an even grid.
/// - Normals: Marsaglia's polar method (1964) — draw (u, v) uniform on the square [−1, 1)², keep the pair if
///   0 < s = u² + v² < 1, and return u·√(−2 ln s / s) (the second normal of the pair, v·√(−2 ln s / s), is kept for
///   the next call). It needs a logarithm and a square root; √ is exact in IEEE 754 and the logarithm is
///   `PortableLogarithm.log`, written with + − × ÷ only, so the normals too are the same everywhere.
///
/// We do not use the standard library's `Double.random(in:using:)`: its mapping from bits to doubles is not
/// promised to stay the same across Swift releases.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)
    private var spareNormal: Double?

    /// A generator for `seed` (any 64-bit value).
    public init(seed: UInt64) {
        var splitMix = seed
        func nextSplitMix() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (nextSplitMix(), nextSplitMix(), nextSplitMix(), nextSplitMix())
    }

    /// The next 64 random bits (xoshiro256**).
    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, by: 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = rotateLeft(state.3, by: 45)
        return result
    }

    /// A double uniform on [0, 1): one of the 2⁵³ multiples of 2⁻⁵³ below 1.
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A standard normal draw (mean 0, variance 1) by Marsaglia's polar method.
    public mutating func standardNormal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        while true {
            let u = 2 * uniform() - 1
            let v = 2 * uniform() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                let factor = (-2 * PortableLogarithm.log(s) / s).squareRoot()
                spareNormal = v * factor
                return u * factor
            }
        }
    }

    private func rotateLeft(_ x: UInt64, by k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}

/// The natural logarithm from + − × ÷ alone, so that it gives the same bits on every machine (libm's `log` may
/// differ in the last bit between platforms).
///
/// Method: write x = m · 2^e with m in [√½, √2), then ln x = e · ln 2 + 2 · atanh(t) with t = (m − 1)/(m + 1),
/// |t| ≤ 0.1716, and atanh(t) = t + t³/3 + t⁵/5 + …; thirteen terms reach t²⁷/27 < 10⁻²¹, far below double
/// precision. ln 2 is split into a high part with trailing zero bits and a small remainder (Cody and Waite), so
/// e · ln 2 is exact before the remainder is added. Measured against glibc's `log` over 2·10⁵ values in (0, 1) (a test checks it), the
/// result is within 4 units in the last place (the worst cases are just below √½,
/// where e · ln 2 and ln m nearly cancel); the normals need determinism far more than the last bits.
public enum PortableLogarithm {
    /// ln x for a finite x > 0 (normal or subnormal). Returns −∞ at 0 and NaN below 0 or for NaN.
    public static func log(_ x: Double) -> Double {
        guard x > 0 else { return x == 0 ? -.infinity : .nan }
        guard x.isFinite else { return x }
        var m = x.significand  // in [1, 2)
        var e = Double(x.exponent)
        if m > 1.4142135623730951 {
            m /= 2
            e += 1
        }
        let t = (m - 1) / (m + 1)
        let t2 = t * t
        var term = t
        var series = t
        for k in stride(from: 3.0, through: 27.0, by: 2.0) {
            term *= t2
            series += term / k
        }
        let ln2High = 0.693_147_180_369_123_816_49  // ln 2 rounded to 32 significant bits
        let ln2Low = 1.908_214_929_270_587_7e-10  // ln 2 − ln2High
        return e * ln2High + (e * ln2Low + 2 * series)
    }
}
