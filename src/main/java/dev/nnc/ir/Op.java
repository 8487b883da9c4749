package dev.nnc.ir;

/**
 * The operations of the graph IR. Each elementwise op is implemented by the static method
 * {@code dev.nnc.runtime.ScalarOps.<method>} taking {@code arity} doubles, plus the node's
 * attribute when {@code hasAttr} (the exponent of POW, the alpha of LEAKY_RELU and ELU). Constant
 * folding and generated code both use that one method, so a folded value is the value the program
 * would have computed.
 */
public enum Op {
  // Leaves: values that come from outside the arithmetic.
  CONST(0, null, false),
  INPUT(0, null, false),
  LABEL(0, null, false),
  PARAM(0, null, false),
  /** A tensor constant (a literal, a const declaration, a built-in filter); its elements are the node's data. */
  TENSOR(0, null, false),

  ADD(2, "add", false),
  SUB(2, "sub", false),
  MUL(2, "mul", false),
  DIV(2, "div", false),
  NEG(1, "neg", false),
  /** x ^ c with a constant exponent c (the attribute). */
  POW(1, "pow", true),

  EXP(1, "exp", false),
  LOG(1, "log", false),
  SQRT(1, "sqrt", false),
  ABS(1, "abs", false),
  SIN(1, "sin", false),
  COS(1, "cos", false),
  MAX(2, "max", false),
  MIN(2, "min", false),
  /** sign(x), 0 at 0: the derivative of abs. */
  SIGN(1, "sign", false),

  SIGMOID(1, "sigmoid", false),
  TANH(1, "tanh", false),
  RELU(1, "relu", false),
  LEAKY_RELU(1, "leakyRelu", true),
  ELU(1, "elu", true),
  GELU(1, "gelu", false),
  SWISH(1, "swish", false),
  MISH(1, "mish", false),
  SOFTPLUS(1, "softplus", false),
  SOFTSIGN(1, "softsign", false),
  SINC(1, "sinc", false),
  STEP(1, "step", false),
  LOG_SIGMOID(1, "logSigmoid", false),

  // Derivatives with no short stable form in the ops above, written as ops of their own.
  GELU_GRAD(1, "geluGrad", false),
  MISH_GRAD(1, "mishGrad", false),
  SINC_GRAD(1, "sincGrad", false),

  /** a > b ? x : y, the routing of relu-like derivatives. */
  IF_GT(4, "ifGt", false),
  /** a >= b ? x : y, the routing of max and min (ties go to the first argument). */
  IF_GE(4, "ifGe", false),
  /** The elementwise stable binary cross-entropy on a logit: max(z, 0) - z y + log1p(e^-|z|). */
  BCE_LOGITS(2, "bceLogits", false),
  /** x broadcast to the node's shape (and batch): the backward of a sum. */
  EXPAND(1, "identity", false),

  // Tensor ops: not elementwise, so they have no ScalarOps method; schedule gives each a kernel.
  /** The matrix product of SPEC.md's '@' on per-example operands of rank 1 or 2. */
  MATMUL(2, null, false),
  /** u ⊗ v: [n] and [m] give [n, m]. */
  OUTER(2, null, false),
  TRANSPOSE(1, null, false),
  /** The same elements in the node's shape (flatten). */
  RESHAPE(1, null, false),
  /** The sum of all of an example's elements: a scalar per example. */
  SUM(1, null, false),
  /** The sum of x over the axes (and the batch) that broadcasting added: the node's shape. */
  SUM_TO(1, null, false),
  SOFTMAX(1, null, false),
  LOG_SOFTMAX(1, null, false),
  /** onehot(y, k) with k the attribute: a class index to a [k] vector. */
  ONEHOT(1, null, true),
  /** Softmax cross-entropy of logits [k] with a class index: a scalar per example. */
  CROSS_ENTROPY(2, null, false),
  /** The multiclass SVM loss of scores [k] with a class index; the margin is the attribute. */
  HINGE(2, null, true),
  /** d hinge / d scores: 1 for each j != y inside the margin, minus their count at y. */
  HINGE_GRAD(2, null, true),

  // Images [C, H, W]. Their integer settings are the node's data, named by {@code settings}.
  /** Cross-correlation of x [C, H, W] with K [F, C, kh, kw] (or one [kh, kw] for every channel). */
  CONV2D(2, null, false, "stride", "pad"),
  /**
   * d conv2d / d x from (g, K): the full correlation of the stride-dilated g with the flipped
   * kernel, cropped by the padding to x's [C, H, W].
   */
  CONV2D_INPUT_GRAD(2, null, false, "stride", "pad", "height", "width"),
  /** d conv2d / d K from (x, g), per example: the correlation of x with g, in K's shape. */
  CONV2D_KERNEL_GRAD(2, null, false, "stride", "pad", "kh", "kw", "kernel_rank"),
  /** The maximum of each size × size window of each channel. */
  MAXPOOL(1, null, false, "size", "stride"),
  /** d maxpool / d x from (x, g): each window's g goes to the first maximum of the window (row-major). */
  MAXPOOL_GRAD(2, null, false, "size", "stride"),
  AVGPOOL(1, null, false, "size", "stride"),
  /** d avgpool / d x from g: each window's g / size² to every element of the window. */
  AVGPOOL_GRAD(1, null, false, "size", "stride", "height", "width");

  public final int arity;
  /** The name of the implementing method in {@code ScalarOps}; null for leaves and tensor ops. */
  public final String method;
  public final boolean hasAttr;
  /** The names of the integer settings a node of this op carries as its data (conv2d's stride, pad). */
  public final java.util.List<String> settings;

  Op(int arity, String method, boolean hasAttr, String... settings) {
    this.arity = arity;
    this.method = method;
    this.hasAttr = hasAttr;
    this.settings = java.util.List.of(settings);
  }

  public boolean isLeaf() {
    return this == CONST || this == TENSOR || this == INPUT || this == LABEL || this == PARAM;
  }

  /** An op computed element by element (with broadcasting): fusable into one loop. */
  public boolean isElementwise() {
    return method != null;
  }

  /** The JVM descriptor of the implementing method: arity doubles (and the attribute) to double. */
  public String descriptor() {
    return "(" + "D".repeat(arity + (hasAttr ? 1 : 0)) + ")D";
  }

  /** The name a reader sees in printed programs: {@code leaky_relu}, {@code gelu'}. */
  public String displayName() {
    String name = name().toLowerCase(java.util.Locale.ROOT);
    return name.endsWith("_grad") ? name.substring(0, name.length() - 5) + "'" : name;
  }
}
