package dev.nnc.runtime.train;

/**
 * The flat arrays that hold parameters and gradients, in one precision or the other, so that one
 * optimizer serves {@code --dtype f32} and {@code f64}. Made once per run and passed to every
 * {@link Optimizer#step}; the arrays may be the same (an arena holding both).
 */
public sealed interface ParameterStore {

  double param(int index);

  void setParam(int index, double value);

  double grad(int index);

  static ParameterStore f32(float[] params, float[] grads) {
    return new F32(params, grads);
  }

  static ParameterStore f64(double[] params, double[] grads) {
    return new F64(params, grads);
  }

  /** Single precision: values are rounded to float as they are stored. */
  record F32(float[] params, float[] grads) implements ParameterStore {
    @Override
    public double param(int index) {
      return params[index];
    }

    @Override
    public void setParam(int index, double value) {
      params[index] = (float) value;
    }

    @Override
    public double grad(int index) {
      return grads[index];
    }
  }

  record F64(double[] params, double[] grads) implements ParameterStore {
    @Override
    public double param(int index) {
      return params[index];
    }

    @Override
    public void setParam(int index, double value) {
      params[index] = value;
    }

    @Override
    public double grad(int index) {
      return grads[index];
    }
  }
}
