package dev.nnc.runtime.kernels;

/**
 * The tensor ops that work a row (an example's vector) at a time, in double precision: softmax
 * and its log, softmax cross-entropy with class indices, one-hot, the multiclass hinge loss and
 * its gradient, and per-example sums. Each subtracts the row's maximum where it exponentiates,
 * so logits of ±1000 stay finite. Class indices are stored as numbers (2.0 means class 2).
 * Each comes in a double[] and a float[] overload (Java has no generics over primitive arrays):
 * the float ones were made from the double ones by a type substitution, so keep them in step;
 * both compute in double.
 */
public final class RowKernels {
  private RowKernels() {}

  /** Zeroes a[from, to): the start of a sum over broadcast axes. */
  public static void zero(double[] a, int from, int to) {
    java.util.Arrays.fill(a, from, to, 0.0);
  }

  /**
   * out[g] += the sum of run r of group g of every example: a[in + (e·groups + g)·run + r], for a
   * conv bias's gradient (the sum over the positions of each channel and over the batch). Four
   * partial sums, so the adds do not wait on each other.
   */
  public static void sumRuns(double[] a, int in, int out, int examples, int groups, int run) {
    for (int e = 0; e < examples; e++) {
      for (int g = 0; g < groups; g++) {
        int from = in + (e * groups + g) * run;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int r = 0;
        for (; r + 4 <= run; r += 4) {
          s0 += a[from + r];
          s1 += a[from + r + 1];
          s2 += a[from + r + 2];
          s3 += a[from + r + 3];
        }
        for (; r < run; r++) s0 += a[from + r];
        a[out + g] += (s0 + s1) + (s2 + s3);
      }
    }
  }

  /** out[r] = Σ_j a[in + r n + j]. */
  public static void sumRows(double[] a, int in, int out, int rows, int n) {
    for (int r = 0; r < rows; r++) {
      double s = 0;
      for (int j = 0; j < n; j++) s += a[in + r * n + j];
      a[out + r] = s;
    }
  }

  public static void softmax(double[] a, int in, int out, int rows, int n) {
    for (int r = 0; r < rows; r++) {
      int x = in + r * n;
      int y = out + r * n;
      double max = rowMax(a, x, n);
      double sum = 0;
      for (int j = 0; j < n; j++) {
        double e = Math.exp(a[x + j] - max);
        a[y + j] = e;
        sum += e;
      }
      for (int j = 0; j < n; j++) a[y + j] /= sum;
    }
  }

  public static void logSoftmax(double[] a, int in, int out, int rows, int n) {
    for (int r = 0; r < rows; r++) {
      int x = in + r * n;
      double lse = logSumExp(a, x, n);
      for (int j = 0; j < n; j++) a[out + r * n + j] = a[x + j] - lse;
    }
  }

  /** out[r] = logsumexp(z_r) - z_r[y_r]: the softmax cross-entropy of a class index. */
  public static void crossEntropy(double[] a, int logits, int labels, int out, int rows, int k) {
    for (int r = 0; r < rows; r++) {
      int z = logits + r * k;
      a[out + r] = logSumExp(a, z, k) - a[z + classOf(a[labels + r], k)];
    }
  }

  public static void onehot(double[] a, int labels, int out, int rows, int k) {
    for (int r = 0; r < rows; r++) {
      java.util.Arrays.fill(a, out + r * k, out + (r + 1) * k, 0.0);
      a[out + r * k + classOf(a[labels + r], k)] = 1.0;
    }
  }

  /** The multiclass SVM loss: Σ_{j ≠ y} max(0, s_j - s_y + margin). */
  public static void hinge(double[] a, int scores, int labels, int out, int rows, int k, double margin) {
    for (int r = 0; r < rows; r++) {
      int s = scores + r * k;
      int y = classOf(a[labels + r], k);
      double loss = 0;
      for (int j = 0; j < k; j++) if (j != y) loss += Math.max(0, a[s + j] - a[s + y] + margin);
      a[out + r] = loss;
    }
  }

  /** d hinge / d s: 1 for each j ≠ y with s_j - s_y + margin > 0, minus their count at y. */
  public static void hingeGrad(double[] a, int scores, int labels, int out, int rows, int k, double margin) {
    for (int r = 0; r < rows; r++) {
      int s = scores + r * k;
      int o = out + r * k;
      int y = classOf(a[labels + r], k);
      int active = 0;
      for (int j = 0; j < k; j++) {
        boolean inside = j != y && a[s + j] - a[s + y] + margin > 0;
        a[o + j] = inside ? 1 : 0;
        if (inside) active++;
      }
      a[o + y] = -active;
    }
  }

  /** out[c][r][q] = in[c][q][r] for each of {@code count} rows × cols matrices. */
  public static void transpose(double[] a, int in, int out, int count, int rows, int cols) {
    for (int c = 0; c < count; c++) {
      int x = in + c * rows * cols;
      int y = out + c * rows * cols;
      for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) a[y + j * rows + i] = a[x + i * cols + j];
    }
  }

  private static double rowMax(double[] a, int x, int n) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < n; j++) max = Math.max(max, a[x + j]);
    return max;
  }

  private static double logSumExp(double[] a, int x, int n) {
    double max = rowMax(a, x, n);
    double sum = 0;
    for (int j = 0; j < n; j++) sum += Math.exp(a[x + j] - max);
    return max + Math.log(sum);
  }

  private static int classOf(double label, int k) {
    int c = (int) label;
    if (c != label || c < 0 || c >= k) throw new IllegalArgumentException("class label " + label + " is not one of 0.." + (k - 1));
    return c;
  }

  // ---- the float[] overloads

  public static void zero(float[] a, int from, int to) {
    java.util.Arrays.fill(a, from, to, 0f);
  }

  /**
   * out[g] += the sum of run r of group g of every example: a[in + (e·groups + g)·run + r], for a
   * conv bias's gradient (the sum over the positions of each channel and over the batch). Four
   * partial sums, so the adds do not wait on each other.
   */
  public static void sumRuns(float[] a, int in, int out, int examples, int groups, int run) {
    for (int e = 0; e < examples; e++) {
      for (int g = 0; g < groups; g++) {
        int from = in + (e * groups + g) * run;
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int r = 0;
        for (; r + 4 <= run; r += 4) {
          s0 += a[from + r];
          s1 += a[from + r + 1];
          s2 += a[from + r + 2];
          s3 += a[from + r + 3];
        }
        for (; r < run; r++) s0 += a[from + r];
        a[out + g] += (s0 + s1) + (s2 + s3);
      }
    }
  }

  /** out[r] = Σ_j a[in + r n + j]. */
  public static void sumRows(float[] a, int in, int out, int rows, int n) {
    for (int r = 0; r < rows; r++) {
      double s = 0;
      for (int j = 0; j < n; j++) s += a[in + r * n + j];
      a[out + r] = (float) (s);
    }
  }

  public static void softmax(float[] a, int in, int out, int rows, int n) {
    for (int r = 0; r < rows; r++) {
      int x = in + r * n;
      int y = out + r * n;
      double max = rowMax(a, x, n);
      double sum = 0;
      for (int j = 0; j < n; j++) {
        double e = Math.exp(a[x + j] - max);
        a[y + j] = (float) e;
        sum += e;
      }
      for (int j = 0; j < n; j++) a[y + j] = (float) (a[y + j] / sum);
    }
  }

  public static void logSoftmax(float[] a, int in, int out, int rows, int n) {
    for (int r = 0; r < rows; r++) {
      int x = in + r * n;
      double lse = logSumExp(a, x, n);
      for (int j = 0; j < n; j++) a[out + r * n + j] = (float) (a[x + j] - lse);
    }
  }

  /** out[r] = logsumexp(z_r) - z_r[y_r]: the softmax cross-entropy of a class index. */
  public static void crossEntropy(float[] a, int logits, int labels, int out, int rows, int k) {
    for (int r = 0; r < rows; r++) {
      int z = logits + r * k;
      a[out + r] = (float) (logSumExp(a, z, k) - a[z + classOf(a[labels + r], k)]);
    }
  }

  public static void onehot(float[] a, int labels, int out, int rows, int k) {
    for (int r = 0; r < rows; r++) {
      java.util.Arrays.fill(a, out + r * k, out + (r + 1) * k, 0f);
      a[out + r * k + classOf(a[labels + r], k)] = 1f;
    }
  }

  /** The multiclass SVM loss: Σ_{j ≠ y} max(0, s_j - s_y + margin). */
  public static void hinge(float[] a, int scores, int labels, int out, int rows, int k, double margin) {
    for (int r = 0; r < rows; r++) {
      int s = scores + r * k;
      int y = classOf(a[labels + r], k);
      double loss = 0;
      for (int j = 0; j < k; j++) if (j != y) loss += Math.max(0, a[s + j] - a[s + y] + margin);
      a[out + r] = (float) (loss);
    }
  }

  /** d hinge / d s: 1 for each j ≠ y with s_j - s_y + margin > 0, minus their count at y. */
  public static void hingeGrad(float[] a, int scores, int labels, int out, int rows, int k, double margin) {
    for (int r = 0; r < rows; r++) {
      int s = scores + r * k;
      int o = out + r * k;
      int y = classOf(a[labels + r], k);
      int active = 0;
      for (int j = 0; j < k; j++) {
        boolean inside = j != y && a[s + j] - a[s + y] + margin > 0;
        a[o + j] = inside ? 1 : 0;
        if (inside) active++;
      }
      a[o + y] = -active;
    }
  }

  /** out[c][r][q] = in[c][q][r] for each of {@code count} rows × cols matrices. */
  public static void transpose(float[] a, int in, int out, int count, int rows, int cols) {
    for (int c = 0; c < count; c++) {
      int x = in + c * rows * cols;
      int y = out + c * rows * cols;
      for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) a[y + j * rows + i] = a[x + i * cols + j];
    }
  }

  private static double rowMax(float[] a, int x, int n) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < n; j++) max = Math.max(max, a[x + j]);
    return max;
  }

  private static double logSumExp(float[] a, int x, int n) {
    double max = rowMax(a, x, n);
    double sum = 0;
    for (int j = 0; j < n; j++) sum += Math.exp(a[x + j] - max);
    return max + Math.log(sum);
  }
}
