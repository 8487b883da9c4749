package dev.nnc.runtime.kernels;

import java.util.Arrays;

/**
 * Float convolutions with stride 1 on the Vector API without im2col: each example is copied
 * into zero-padded planes and {@link VectorDirectConv} reads its taps from them in place. The
 * input gradient of a stride-1 convolution is itself such a convolution, of the output gradient
 * padded by kh − 1 − pad with the kernel flipped and its two channel axes swapped, so it needs no
 * col2im either. ({@link VectorKernelGradient} reads the kernel gradient's taps from such planes
 * too, through {@link #fill}.) Arguments are {@link Conv2d}'s; the working space is per thread
 * ({@link ThreadScratch}), so these calls can run on several threads at once.
 */
final class PaddedConv2d {
  private PaddedConv2d() {}

  /**
   * Whether a product with {@code channels} input channels takes this path: with few channels
   * (an image's first layer) a product has few taps per output and the wide grid's spare columns
   * and copies outweigh im2col's (measured at 28×28: 1 channel 85 µs against 66 for a batch of
   * 32; 8 channels at 14×14, 225 against 245, and 245 against 300 for the input gradient).
   */
  static boolean applies(int stride, boolean depthwise, int channels) {
    return stride == 1 && !depthwise && channels >= MIN_CHANNELS && VectorSupport.available();
  }

  /** Whether the input gradient does: its padding kh − 1 − pad must not be negative. */
  static boolean appliesToInputGradient(int stride, boolean depthwise, int f, int kh, int kw, int pad) {
    return applies(stride, depthwise, f) && pad <= kh - 1 && pad <= kw - 1;
  }

  private static final int MIN_CHANNELS = 4;

  static void forward(float[] a, int count, int x, int xStride, int k, int kStride, int out, int outStride,
      int c, int h, int w, int f, int kh, int kw, int pad, int bias, boolean relu) {
    int wp = w + 2 * pad;
    int plane = (h + 2 * pad) * wp;
    int block = block(c, plane, kw);
    int oh = h + 2 * pad - kh + 1;
    int n = VectorDirectConv.wideLength(oh, wp);
    int rows = group(f);
    int taps = c * kh * kw;
    // The kernel's rows as given, or copied with zero rows up to a whole group.
    int kernel = rows == f ? -1 : block + rows * n;
    float[] s = ThreadScratch.floats(block + rows * n + (kernel < 0 ? 0 : rows * taps));
    for (int e = 0; e < count; e++) {
      fill(a, x + e * xStride, c, h, w, pad, pad, s, 0, block, e == 0);
      int ke = k + e * kStride;
      if (kernel >= 0 && (e == 0 || kStride != 0)) {
        Arrays.fill(s, kernel, kernel + rows * taps, 0);
        System.arraycopy(a, ke, s, kernel, f * taps);
      }
      VectorDirectConv.forward(rows, n, kernel < 0 ? a : s, kernel < 0 ? ke : kernel, c, kh, kw, s, 0, plane, wp, s, block, n);
      compact(s, block, n, wp, a, out + e * outStride, f, oh, wp - kw + 1, bias, relu);
    }
  }

  static void inputGradient(float[] a, int count, int g, int gStride, int k, int kStride, int dx, int dxStride,
      int c, int h, int w, int f, int kh, int kw, int pad) {
    int oh = h + 2 * pad - kh + 1;
    int ow = w + 2 * pad - kw + 1;
    int top = kh - 1 - pad;
    int left = kw - 1 - pad;
    int wp = ow + 2 * left;
    int plane = (oh + 2 * top) * wp;
    int block = block(f, plane, kw);
    int rows = group(c);
    int flipped = rows * f * kh * kw;
    int n = VectorDirectConv.wideLength(h, wp);
    float[] s = ThreadScratch.floats(flipped + block + rows * n);
    for (int e = 0; e < count; e++) {
      if (e == 0 || kStride != 0) flip(a, k + e * kStride, s, c, rows, f, kh, kw);
      fill(a, g + e * gStride, f, oh, ow, top, left, s, flipped, block, e == 0);
      VectorDirectConv.forward(rows, n, s, 0, f, kh, kw, s, flipped, plane, wp, s, flipped + block, n);
      compact(s, flipped + block, n, wp, a, dx + e * dxStride, c, h, w, -1, false);
    }
  }

  /** n rounded up to a whole group of the tiles' rows. */
  private static int group(int n) {
    return (n + VectorDirectConv.GROUP - 1) / VectorDirectConv.GROUP * VectorDirectConv.GROUP;
  }

  /** A block of padded planes: the planes, then the slack the last vectors read past their end. */
  private static int block(int channels, int plane, int kw) {
    return channels * plane + VectorDirectConv.slack(kw);
  }

  /**
   * Copies {@code channels} images h × w at a[from] into a block of planes at s[at], each with
   * {@code top} zero rows above and below and {@code left} zero columns either side. Only the
   * images are written: the zeros around them stay from the {@code first} call on the block.
   * (Plain ints, not a geometry object: one that escaped C2's analysis cost an allocation a call.)
   */
  static void fill(float[] a, int from, int channels, int h, int w, int top, int left, float[] s, int at, int block, boolean first) {
    int wp = w + 2 * left;
    int plane = (h + 2 * top) * wp;
    if (first) Arrays.fill(s, at, at + block, 0);
    for (int ch = 0; ch < channels; ch++) {
      for (int y = 0; y < h; y++) {
        // A row narrower than a vector is copied as a whole vector (14 scalar copies a row cost
        // more), unless it would read past the images. The block's slack takes what the last
        // rows spill.
        int src = (ch * h + y) * w;
        boolean spill = src + VectorDirectConv.LANES <= channels * h * w;
        VectorDirectConv.copyRowIntoZeros(a, from + src, s, at + ch * plane + (y + top) * wp + left, w, spill);
      }
    }
  }

  /**
   * s[0..] = the kernel K[f, c, i, j] as [c, f, kh − 1 − i, kw − 1 − j], the input gradient's
   * kernel, with zero rows from c up to {@code rows}.
   */
  private static void flip(float[] a, int k, float[] s, int c, int rows, int f, int kh, int kw) {
    int area = kh * kw;
    Arrays.fill(s, c * f * area, rows * f * area, 0);
    for (int fi = 0; fi < f; fi++) {
      for (int ch = 0; ch < c; ch++) {
        int src = k + (fi * c + ch) * area;
        int dst = (ch * f + fi) * area + area - 1;
        for (int t = 0; t < area; t++) s[dst - t] = a[src + t];
      }
    }
  }

  /**
   * The real columns of a wide grid [channels, n] (rows wp apart) into out[channels, rows, cols],
   * with the per-channel bias and relu of a conv layer when {@code bias} ≥ 0, each op rounded as
   * the elementwise ops they stand for.
   */
  private static void compact(float[] s, int from, int n, int wp, float[] a, int out, int channels, int rows, int cols, int bias, boolean relu) {
    for (int ch = 0; ch < channels; ch++) {
      float b = bias >= 0 ? a[bias + ch] : 0;
      boolean last = ch == channels - 1;
      for (int y = 0; y < rows; y++) {
        int src = from + ch * n + y * wp;
        int dst = out + (ch * rows + y) * cols;
        // Rows are written in order, so a row may spill into the next one's start, which is
        // rewritten next; the very last row may not spill past the output.
        boolean spills = !(last && y == rows - 1);
        if (bias < 0) VectorDirectConv.copyRow(s, src, a, dst, cols, spills);
        else VectorDirectConv.copyRow(s, src, a, dst, cols, spills, b, relu);
      }
    }
  }

}
