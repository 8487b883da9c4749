package dev.nnc.runtime;

import dev.nnc.runtime.train.ParameterStore;

/**
 * The values of one computation, in the precision the class was compiled for, with the kernel that
 * runs over them. Element access widens to double; the hot paths (kernels, optimizer, batch copy)
 * work on the array itself.
 */
public sealed interface Arena {
  void forward();

  void backward();

  double get(int i);

  void set(int i, double v);

  /** Copies {@code count} values from {@code src[from]} to this arena at {@code to}. */
  void copyIn(double[] src, int from, int to, int count);

  /**
   * The parameters and their gradients, for an optimizer: both live in this one array. Made with
   * the arena, so the per-step call allocates nothing even before C2 has compiled the caller.
   */
  ParameterStore store();

  Dtype dtype();

  static Arena of(Object kernel, int size) {
    if (kernel instanceof KernelF32 k) {
      float[] data = new float[size];
      return new F32(data, k, ParameterStore.f32(data, data));
    }
    double[] data = new double[size];
    return new F64(data, (KernelF64) kernel, ParameterStore.f64(data, data));
  }

  record F64(double[] data, KernelF64 kernel, ParameterStore store) implements Arena {
    public void forward() {
      kernel.forward(data);
    }

    public void backward() {
      kernel.backward(data);
    }

    public double get(int i) {
      return data[i];
    }

    public void set(int i, double v) {
      data[i] = v;
    }

    public void copyIn(double[] src, int from, int to, int count) {
      System.arraycopy(src, from, data, to, count);
    }

    public Dtype dtype() {
      return Dtype.F64;
    }
  }

  record F32(float[] data, KernelF32 kernel, ParameterStore store) implements Arena {
    public void forward() {
      kernel.forward(data);
    }

    public void backward() {
      kernel.backward(data);
    }

    public double get(int i) {
      return data[i];
    }

    public void set(int i, double v) {
      data[i] = (float) v;
    }

    public void copyIn(double[] src, int from, int to, int count) {
      for (int i = 0; i < count; i++) data[to + i] = (float) src[from + i];
    }

    public Dtype dtype() {
      return Dtype.F32;
    }
  }
}
