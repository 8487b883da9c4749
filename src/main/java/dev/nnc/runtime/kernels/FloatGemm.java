package dev.nnc.runtime.kernels;

/**
 * One implementation of single-precision GEMM. The three public forms differ only in how A and B
 * are laid out, so each is a call to {@link #multiply} with the strides that read its operands:
 * element (r, c) of an operand lives at {@code off + r * rowStride + c * colStride}.
 *
 * <p>C must not overlap A or B. Results are bit-identical across calls for a fixed implementation.
 */
public abstract class FloatGemm {
  private static final FloatGemm BEST = VectorSupport.available() ? vector() : plain();

  /** The fastest implementation this JVM can run. */
  public static FloatGemm best() {
    return BEST;
  }

  /** Plain Java loops; runs on any JVM. */
  public static FloatGemm plain() {
    return PlainFloatGemm.INSTANCE;
  }

  /**
   * The Vector API implementation.
   *
   * @throws IllegalStateException if {@link VectorSupport#available()} is false
   */
  public static FloatGemm vector() {
    if (!VectorSupport.available()) {
      throw new IllegalStateException("start the JVM with --add-modules jdk.incubator.vector");
    }
    // Named only here, so the class (and the incubator module) is loaded only when available.
    return VectorFloatGemm.create();
  }

  /** C[m×n] = (accumulate ? C : 0) + A·B with A [m×k] (lda) and B [k×n] (ldb). */
  public final void nn(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff,
      int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
    checkSizes(m, n, k);
    split(m, n, k, a, aOff, lda, 1, b, bOff, ldb, 1, c, cOff, ldc, accumulate);
  }

  /** C[m×n] = (accumulate ? C : 0) + A·Bᵀ with A [m×k] (lda) and B stored [n×k] (ldb). */
  public final void nt(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff,
      int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
    checkSizes(m, n, k);
    split(m, n, k, a, aOff, lda, 1, b, bOff, 1, ldb, c, cOff, ldc, accumulate);
  }

  /** C[m×n] = (accumulate ? C : 0) + Aᵀ·B with A stored [k×m] (lda) and B [k×n] (ldb). */
  public final void tn(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff,
      int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
    checkSizes(m, n, k);
    split(m, n, k, a, aOff, 1, lda, b, bOff, ldb, 1, c, cOff, ldc, accumulate);
  }

  /**
   * Below this many multiply-adds (about 100 µs of work) a product runs on the calling thread
   * alone. Handing work to another core costs a few microseconds on an idle machine, but up to a
   * scheduler slice (milliseconds) when other processes hold the other core: a 784-128-10 step at
   * batch 32, split from 1M multiply-adds up, took 3.6 ms instead of 0.2 ms at load 3.
   */
  static final long PARALLEL_MIN = 1L << 23;

  private static final ThreadLocal<Part> PARTS = ThreadLocal.withInitial(Part::new);

  /**
   * Runs the product on the calling thread's {@link WorkerTeam}, each thread computing a slice of
   * C's columns (or, when C is narrow, of its rows). Every element of C is summed by one thread in
   * the serial order, so the result does not depend on the number of threads.
   */
  private void split(int m, int n, int k,
      float[] a, int aOff, int aRowStride, int aColStride,
      float[] b, int bOff, int bRowStride, int bColStride,
      float[] c, int cOff, int ldc, boolean accumulate) {
    FloatGemm gemm = kernelFor(m, n, k, aColStride, bRowStride, bColStride);
    WorkerTeam team = WorkerTeam.current();
    if (team.size() == 1 || (long) m * n * k < PARALLEL_MIN) {
      gemm.multiply(m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, bColStride, c, cOff, ldc, accumulate);
      return;
    }
    Part part = PARTS.get();
    part.set(gemm, m, n, k, a, aOff, aRowStride, aColStride, b, bOff, bRowStride, bColStride, c, cOff, ldc, accumulate);
    team.run(part);
  }

  /** One thread's slice of a product: reused, so splitting allocates nothing. */
  private static final class Part implements WorkerTeam.Task {
    /**
     * Slices are whole tiles: of the packed kernel's columns (32; edge tiles round differently)
     * and rows (6), of the dot kernel's rows (4), and whole vectors of the row kernel's columns.
     */
    private static final int COLUMN_GRAIN = 32;
    private static final int ROW_GRAIN = 12;

    private FloatGemm gemm;
    private int m, n, k, aOff, aRowStride, aColStride, bOff, bRowStride, bColStride, cOff, ldc;
    private float[] a, b, c;
    private boolean accumulate;

    void set(FloatGemm gemm, int m, int n, int k, float[] a, int aOff, int aRowStride, int aColStride,
        float[] b, int bOff, int bRowStride, int bColStride, float[] c, int cOff, int ldc, boolean accumulate) {
      this.gemm = gemm;
      this.m = m;
      this.n = n;
      this.k = k;
      this.a = a;
      this.aOff = aOff;
      this.aRowStride = aRowStride;
      this.aColStride = aColStride;
      this.b = b;
      this.bOff = bOff;
      this.bRowStride = bRowStride;
      this.bColStride = bColStride;
      this.c = c;
      this.cOff = cOff;
      this.ldc = ldc;
      this.accumulate = accumulate;
    }

    @Override
    public void run(int part, int parts) {
      // Columns keep each thread's packed panels of A whole; rows only when C is too narrow.
      boolean byColumns = n >= COLUMN_GRAIN * parts || n >= m;
      int length = byColumns ? n : m;
      int grain = byColumns ? COLUMN_GRAIN : ROW_GRAIN;
      int slice = ((length + parts - 1) / parts + grain - 1) / grain * grain;
      int from = Math.min(length, part * slice);
      int to = part == parts - 1 ? length : Math.min(length, from + slice);
      if (from >= to) return;
      if (byColumns) {
        gemm.multiply(m, to - from, k, a, aOff, aRowStride, aColStride, b, bOff + from * bColStride,
            bRowStride, bColStride, c, cOff + from, ldc, accumulate);
      } else {
        gemm.multiply(to - from, n, k, a, aOff + from * aRowStride, aRowStride, aColStride, b, bOff,
            bRowStride, bColStride, c, cOff + from * ldc, ldc, accumulate);
      }
    }
  }

  /**
   * The implementation that computes this whole product, chosen once from its sizes and layout
   * before it is split among threads: each thread's slice then runs the same kernel, whose
   * rounding may differ from another kernel's, so results do not depend on the thread count.
   */
  FloatGemm kernelFor(int m, int n, int k, int aColStride, int bRowStride, int bColStride) {
    return this;
  }

  /** C[m×n] = (accumulate ? C : 0) + A·B for operands read through the given strides. */
  abstract void multiply(int m, int n, int k,
      float[] a, int aOff, int aRowStride, int aColStride,
      float[] b, int bOff, int bRowStride, int bColStride,
      float[] c, int cOff, int ldc, boolean accumulate);

  static void checkSizes(int m, int n, int k) {
    if (m < 1 || n < 1 || k < 1) {
      throw new IllegalArgumentException(
          "GEMM sizes must be at least 1, got m=" + m + " n=" + n + " k=" + k);
    }
  }
}
