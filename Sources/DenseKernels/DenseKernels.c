// The dense engine's exponentials (see DenseKernels.h), in three variants chosen at run time: C, because Swift cannot
// compile one function for several sets of vector extensions and pick one by the CPU.
#include "DenseKernels.h"

#include <stdint.h>
#include <string.h>

// 1.5·2⁵² plus the exponent bias 1023: added to a number y (|y| < 2⁵⁰) it leaves round(y) + 1023 in the low bits.
#define SHIFTER (6755399441055744.0 + 1023.0)
#define LN2 0.6931471805599453

static inline double bits_to_double(uint64_t bits) {
    double x;
    memcpy(&x, &bits, sizeof x);
    return x;
}

static inline uint64_t double_to_bits(double x) {
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    return bits;
}

// e^r · 2^k for |r| ≤ 0.347, with k + 1023 in the low bits of `shifted`, as 0 where `flush` has its sign bit set
// (no branch). FUSED(c, x, y) is c + x·y, in one rounding where the variant has FMA. e^r ≈ 1 + r + r²·P₉(r), P₉
// fitted to (e^r − 1 − r)/r² on [−0.3466, 0.3466] (a Chebyshev fit with mpmath at 40 digits; truncation 1.6·10⁻¹⁷
// relative with the coefficients rounded to doubles); 1 + r kept exact makes e^0 exactly 1.
#define SCALED(shifted, r, flush, FUSED, result)                                                                    \
    do {                                                                                                            \
        double r2 = (r) * (r), r4 = r2 * r2, r8 = r4 * r4;                                                          \
        double a0 = FUSED(0.5000000000000001, (r), 0.16666666666666669);                                           \
        double a1 = FUSED(0.041666666666624136, (r), 0.008333333333330063);                                        \
        double a2 = FUSED(0.001388888891720967, (r), 0.00019841269863050506);                                      \
        double a3 = FUSED(2.4801521302241082e-05, (r), 2.7557268464831627e-06);                                    \
        double a4 = FUSED(2.7620085455018414e-07, (r), 2.510038319586702e-08);                                     \
        double b0 = FUSED(a0, r2, a1), b1 = FUSED(a2, r2, a3);                                                      \
        double polynomial = FUSED(1.0 + (r), r2, FUSED(FUSED(b0, r4, b1), r8, a4));                                \
        double power = bits_to_double(double_to_bits(shifted) << 52);                                              \
        uint64_t mask = (uint64_t)0 - (double_to_bits(flush) >> 63);                                                \
        (result) = bits_to_double(double_to_bits(polynomial * power) & ~mask);                                     \
    } while (0)

// 2^(−t²): k = round(−t²), r = (−t² − k)·ln 2 (−t² − k is exact: fused, or by Sterbenz's lemma on the rounded t²);
// 0 where k < −1021 (2^k would not be a normal number), and for t = ±∞.
#define GAUSSIAN_WEIGHT(t, FUSED, result)                                                                           \
    do {                                                                                                            \
        double shifted = FUSED(SHIFTER, -(t), (t));                                                                 \
        double k = shifted - SHIFTER;                                                                               \
        double r = FUSED(-k, -(t), (t)) * LN2;                                                                      \
        SCALED(shifted, r, k + 1021.5, FUSED, result);                                                              \
    } while (0)

// e^x: k = round(x / ln 2), r = x − k·ln 2 with ln 2 in two parts (Cody–Waite: the first has 42 significant bits,
// so k·ln2_hi is exact for |k| < 2¹¹); 0 below −708.3 (where e^x is not a normal number), for −∞, and for a NaN
// with its sign bit set.
#define EXPONENTIAL(x, FUSED, result)                                                                               \
    do {                                                                                                            \
        double shifted = (x) * 1.4426950408889634 + SHIFTER;                                                        \
        double k = shifted - SHIFTER;                                                                               \
        double r = ((x) - k * 0.693147180559890330187045037746429443359375)                                          \
                   - k * 5.4979230187083711552420984846216e-14;                                                     \
        SCALED(shifted, r, (x) + 708.3, FUSED, result);                                                             \
    } while (0)

#define SEPARATE(c, x, y) ((c) + (x) * (y))
#define FUSED_OP(c, x, y) __builtin_fma((x), (y), (c))

#define LINE_BODY(FUSED)                                                                                            \
    for (ptrdiff_t i = 0; i < count; i++) {                                                                         \
        double t = (q - keys[i]) * scale;                                                                           \
        double weight;                                                                                              \
        GAUSSIAN_WEIGHT(t, FUSED, weight);                                                                          \
        row[i] = weight;                                                                                            \
    }

#define EXP_BODY(FUSED)                                                                                             \
    for (ptrdiff_t i = 0; i < count; i++) {                                                                         \
        double x = row[i] - shift;                                                                                  \
        double weight;                                                                                              \
        EXPONENTIAL(x, FUSED, weight);                                                                              \
        row[i] = weight;                                                                                            \
    }

static void line_portable(const double *restrict keys, ptrdiff_t count, double q, double scale,
                          double *restrict row) {
    LINE_BODY(SEPARATE)
}

static void exp_portable(double *row, ptrdiff_t count, double shift) { EXP_BODY(SEPARATE) }

#if defined(__x86_64__)
#define AVX2 __attribute__((target("avx2,fma")))
#define AVX512 __attribute__((target("avx512f,avx512dq,avx2,fma")))

AVX2 static void line_avx2(const double *restrict keys, ptrdiff_t count, double q, double scale,
                           double *restrict row) {
    LINE_BODY(FUSED_OP)
}

AVX512 static void line_avx512(const double *restrict keys, ptrdiff_t count, double q, double scale,
                               double *restrict row) {
    LINE_BODY(FUSED_OP)
}

AVX2 static void exp_avx2(double *row, ptrdiff_t count, double shift) { EXP_BODY(FUSED_OP) }

AVX512 static void exp_avx512(double *row, ptrdiff_t count, double shift) { EXP_BODY(FUSED_OP) }
#endif

// −1 until the first call picks the best variant the CPU has (every thread that races there picks the same).
static int chosen = -1;

static int has_variant(int variant) {
    if (variant == 0) return 1;
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (variant == 1) return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    if (variant == 2)
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
               __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#endif
    return 0;
}

int dense_kernels_variant(void) {
    int variant = __atomic_load_n(&chosen, __ATOMIC_RELAXED);
    if (variant < 0) {
        variant = has_variant(2) ? 2 : has_variant(1) ? 1 : 0;
        __atomic_store_n(&chosen, variant, __ATOMIC_RELAXED);
    }
    return variant;
}

static void run_line(int variant, const double *keys, ptrdiff_t count, double q, double scale, double *row) {
    switch (variant) {
#if defined(__x86_64__)
    case 2: line_avx512(keys, count, q, scale, row); return;
    case 1: line_avx2(keys, count, q, scale, row); return;
#endif
    default: line_portable(keys, count, q, scale, row); return;
    }
}

static void run_exp(int variant, double *row, ptrdiff_t count, double shift) {
    switch (variant) {
#if defined(__x86_64__)
    case 2: exp_avx512(row, count, shift); return;
    case 1: exp_avx2(row, count, shift); return;
#endif
    default: exp_portable(row, count, shift); return;
    }
}

void dense_kernels_gaussian_line(const double *keys, ptrdiff_t count, double q, double scale, double *row) {
    run_line(dense_kernels_variant(), keys, count, q, scale, row);
}

void dense_kernels_exp_row(double *row, ptrdiff_t count, double shift) {
    run_exp(dense_kernels_variant(), row, count, shift);
}

int dense_kernels_gaussian_line_by(int variant, const double *keys, ptrdiff_t count, double q, double scale,
                                   double *row) {
    if (variant < 0 || variant > 2 || !has_variant(variant)) return 0;
    run_line(variant, keys, count, q, scale, row);
    return 1;
}

int dense_kernels_exp_row_by(int variant, double *row, ptrdiff_t count, double shift) {
    if (variant < 0 || variant > 2 || !has_variant(variant)) return 0;
    run_exp(variant, row, count, shift);
    return 1;
}
