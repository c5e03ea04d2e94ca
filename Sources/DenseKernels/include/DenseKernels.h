#ifndef DENSE_KERNELS_H
#define DENSE_KERNELS_H

#include <stddef.h>

/// The dense engine's one-coordinate Gaussian weights, compiled for the vector extensions of the CPU it runs on.
///
/// row[i] = 2^(−t²) with t = (q − keys[i]) · scale, for i < count: the Gaussian kernel exp(−u²/2) when
/// scale = √(log₂e / 2) / σ and u = (q − k)/σ. k = round(−t²) and r = (−t² − k)·ln 2 (no Cody–Waite split: −t² − k is
/// exact), e^r by 1 + r + r²·P₉(r) (a Chebyshev fit, truncation 1.6·10⁻¹⁷ relative), times 2^k from k's bits.
/// Relative error about 2 ulp plus what the rounding of t² moves (≤ 1.2·10⁻¹⁶·t²); exactly 1 at t = 0; 0 where
/// 2^(−t²) < 2^−1021 and for t = ±∞. `keys` and `row` must not overlap; count ≥ 0.
void dense_kernels_gaussian_line(const double *keys, ptrdiff_t count, double q, double scale, double *row);

/// The variant `dense_kernels_gaussian_line` runs: 0 portable (the baseline of the build: SSE2 on x86-64, NEON on
/// arm64), 1 AVX2 with fused multiply-adds, 2 AVX-512 with fused multiply-adds. Chosen once, by the CPU.
int dense_kernels_variant(void);

/// `dense_kernels_gaussian_line` by variant `variant` (0, 1 or 2), for tests: returns 0 (and writes nothing) when
/// this CPU does not have it, else 1.
int dense_kernels_gaussian_line_by(int variant, const double *keys, ptrdiff_t count, double q, double scale,
                                   double *row);

#endif
