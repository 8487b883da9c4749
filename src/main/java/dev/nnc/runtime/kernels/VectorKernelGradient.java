package dev.nnc.runtime.kernels;

import java.util.Arrays;

/**
 * A float convolution's kernel gradient on the Vector API: dK[f, t] = Σ over the examples and
 * output positions p of g[f, p] · x's tap t at p, and the bias's gradient Σ g[f, p], as dot
 * products along the positions whose lane sums {@link VectorDotAccumulator} keeps from the first
 * example to the last. The bias's gradient is one more product, with a row of ones, so it costs
 * a column of the tiles rather than a serial pass over g. Rows are padded to whole vectors with
 * zeros, so no product has a tail:
 * <ul>
 * <li>stride 1: the taps are read in place from zero-padded planes of the input (no im2col), the
 *     positions laid out on the padded width (the "wide grid" of {@link PaddedConv2d}), and g
 *     copied there with zeros in the spare columns, so what a tap reads past a row's end counts
 *     nothing;
 * <li>other strides: im2col's columns, in rows padded to whole vectors, and g likewise (read in
 *     place when its rows are whole vectors already).
 * </ul>
 * A call computes the filters [f0, f1); the thread team splits the filters, so every element is
 * summed by one thread in the serial order of the examples, and a thread lays out the whole input
 * again, which with padded planes is a copy of a few thousand elements per example.
 */
final class VectorKernelGradient {
  private static final int LANES = VectorDotAccumulator.LANES;

  private VectorKernelGradient() {}

  /**
   * Filters [f0, f1) of the kernel gradient at dk (the examples' sum when dkStride is 0, else
   * each example's own), and of the bias's gradient at bias when it is ≥ 0 (always the sum).
   */
  static void filters(float[] a, int count, int f0, int f1, int x, int xStride, int g, int gStride, int dk, int dkStride,
      int c, int h, int w, int f, int kh, int kw, int stride, int pad, int bias) {
    int oh = Conv2d.outSize(h, kh, stride, pad);
    int ow = Conv2d.outSize(w, kw, stride, pad);
    boolean padded = stride == 1;
    int wp = padded ? w + 2 * pad : ow;                  // the width of the grid the positions lie on
    int length = wholeVectors(oh * wp);
    int area = kh * kw;
    int taps = c * area;
    int plane = (h + 2 * pad) * wp;
    int block = padded ? c * plane + kw + LANES : taps * length;
    int m = f1 - f0;
    int n = taps + (bias >= 0 ? 1 : 0);
    boolean gInPlace = wp == ow && length == oh * ow;
    // Scratch: the input's taps, g's rows, the row of ones, the lane sums.
    int gRows = block;
    int ones = gRows + (gInPlace ? 0 : m * length);
    int sums = ones + length;
    float[] s = ThreadScratch.floats(sums + m * n * LANES);
    int[] tapAt = ThreadScratch.ints(n);
    for (int t = 0; t < taps; t++) {
      int ch = t / area, i = t % area / kw, j = t % kw;
      tapAt[t] = padded ? ch * plane + i * wp + j : t * length;
    }
    if (bias >= 0) {
      tapAt[taps] = ones;
      Arrays.fill(s, ones, ones + length, 0);
      for (int oy = 0; oy < oh; oy++) Arrays.fill(s, ones + oy * wp, ones + oy * wp + ow, 1);
    }
    if (!gInPlace) Arrays.fill(s, gRows, gRows + m * length, 0);
    boolean each = dkStride != 0;
    for (int e = 0; e < count; e++) {
      int xe = x + e * xStride;
      int ge = g + e * gStride + f0 * oh * ow;
      if (padded) {
        PaddedConv2d.fill(a, xe, c, h, w, pad, pad, s, 0, block, e == 0);
      } else {
        if (e == 0) Arrays.fill(s, 0, block, 0);
        Conv2d.im2col(a, xe, s, 0, length, c, h, w, kh, kw, stride, pad, oh, ow);
      }
      if (!gInPlace) wide(a, ge, m, oh, ow, wp, length, s, gRows);
      if (e == 0 || each) Arrays.fill(s, sums, sums + m * n * LANES, 0);
      VectorDotAccumulator.add(m, n, length, gInPlace ? a : s, gInPlace ? ge : gRows, s, tapAt, s, sums);
      if (e == count - 1 || each) {
        int de = dk + e * dkStride;
        for (int r = 0; r < m; r++) {
          for (int t = 0; t < taps; t++) a[de + (f0 + r) * taps + t] = VectorDotAccumulator.sum(s, sums + (r * n + t) * LANES);
          if (bias >= 0) {
            float sum = VectorDotAccumulator.sum(s, sums + (r * n + taps) * LANES);
            a[bias + f0 + r] = each && e > 0 ? a[bias + f0 + r] + sum : sum;
          }
        }
      }
    }
  }

  /**
   * g's rows for m filters, oh × ow each, onto the grid at s[to], zeroed before the first
   * example: rows {@code length} apart, the positions wp apart, so the spare columns and what
   * follows the last position stay zero. A row near the end, whose vector would read past g's
   * rows or write past the grid's, is copied element by element.
   */
  private static void wide(float[] a, int g, int m, int oh, int ow, int wp, int length, float[] s, int to) {
    for (int r = 0; r < m; r++) {
      for (int oy = 0; oy < oh; oy++) {
        int src = (r * oh + oy) * ow;
        boolean spill = src + LANES <= m * oh * ow && r * length + oy * wp + LANES <= m * length;
        VectorDirectConv.copyRowIntoZeros(a, g + src, s, to + r * length + oy * wp, ow, spill);
      }
    }
  }

  /** n rounded up to whole vectors. */
  private static int wholeVectors(int n) {
    return (n + LANES - 1) / LANES * LANES;
  }
}
