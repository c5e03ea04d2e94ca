#ifndef DENSE_KERNELS_H
#define DENSE_KERNELS_H

#include <stddef.h>

/// The dense engine's exponentials, compiled for the vector extensions of the CPU it runs on: the one-coordinate
/// Gaussian weights, and e^x of a row of logits.
///
/// row[i] = 2^(−t²) with t = (q − keys[i]) · scale, for i < count: the Gaussian kernel exp(−u²/2) when
/// scale = √(log₂e / 2) / σ and u = (q − k)/σ. k = round(−t²) and r = (−t² − k)·ln 2 (no Cody–Waite split: −t² − k is
/// exact), e^r by 1 + r + r²·P₉(r) (a Chebyshev fit, truncation 1.6·10⁻¹⁷ relative), times 2^k from k's bits.
/// Relative error about 2 ulp plus what the rounding of t² moves (≤ 1.2·10⁻¹⁶·t²); exactly 1 at t = 0; 0 where
/// 2^(−t²) < 2^−1021 and for t = ±∞. `keys` and `row` must not overlap; count ≥ 0.
void dense_kernels_gaussian_line(const double *keys, ptrdiff_t count, double q, double scale, double *row);

/// row[i] = e^(row[i] − shift) for i < count, every argument ≤ 0 in the engine's use (nothing overflows): k =
/// round(x / ln 2), r = x − k·ln 2 (Cody–Waite, ln 2 in two parts), e^r by the same polynomial, times 2^k. Relative
/// error ≤ 5·10⁻¹⁶ for x in [−708.3, 0]; exactly 1 at 0; 0 below −708.3 (e^x under the smallest normal double),
/// for −∞ (a masked key) and for a NaN with its sign bit set.
void dense_kernels_exp_row(double *row, ptrdiff_t count, double shift);

/// The variant `dense_kernels_gaussian_line` and `dense_kernels_exp_row` run: 0 portable (the baseline of the build: SSE2 on x86-64, NEON on
/// arm64), 1 AVX2 with fused multiply-adds, 2 AVX-512 with fused multiply-adds. Chosen once, by the CPU.
int dense_kernels_variant(void);

/// `dense_kernels_gaussian_line` by variant `variant` (0, 1 or 2), for tests: returns 0 (and writes nothing) when
/// this CPU does not have it, else 1.
int dense_kernels_gaussian_line_by(int variant, const double *keys, ptrdiff_t count, double q, double scale,
                                   double *row);

/// `dense_kernels_exp_row` by variant `variant`, for tests: 0 (nothing written) when this CPU does not have it.
int dense_kernels_exp_row_by(int variant, double *row, ptrdiff_t count, double shift);

#endif
