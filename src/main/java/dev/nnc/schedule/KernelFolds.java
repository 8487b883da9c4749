package dev.nnc.schedule;

import dev.nnc.ir.Node;
import dev.nnc.ir.Op;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The elementwise ops of one method that a tensor op's kernel call computes on the way, while each
 * example's values are in cache, instead of a fused region streaming the whole batch again: a conv
 * layer's bias and relu in the convolution's call, relu's backward mask in max pool's gradient,
 * and a conv bias's gradient in the call that sums the kernel's gradient from the same g. A fold
 * is made only when nothing else reads the values the call skips.
 */
final class KernelFolds {
  /** What a kernel call computes in place of an elementwise node. */
  sealed interface Fold permits ConvEpilogue, MaskedPoolGradient {}

  /** A convolution whose call also adds a per-channel bias and, when {@code relu}, applies relu. */
  record ConvEpilogue(Node conv, Node bias, boolean relu) implements Fold {}

  /** ifGt(x, 0, maxpool'(x, g), 0), relu's mask on a max pool's gradient: the pool routes only to positive maxima. */
  record MaskedPoolGradient(Node pool) implements Fold {}

  /** What the scheduler knows of the values: who reads them, where they live. */
  interface Values {
    /** The nodes that read n, in either method. */
    Set<Node> readers(Node n);

    /** A value no variable, gradient or other method keeps: it may live in a kernel's registers only. */
    boolean isIntermediate(Node n);

    /** A [F, 1, 1]-like unbatched value in the arena, added to channel f of every example of conv. */
    boolean isChannelBias(Node bias, Node conv);

    /** The run length of a SUM_TO that keeps only x's leading axes (a conv bias's gradient), else 0. */
    int channelRun(Node sumTo);
  }

  private final Values values;
  /** The folds, by the node whose value the call computes. */
  private final Map<Node, Fold> folds = new IdentityHashMap<>();
  /** The nodes such a call computes on the way (the convolution, the sum before relu): no buffer, no region. */
  private final Set<Node> onTheWay = new HashSet<>();
  /** Bias gradients summed by a kernel gradient's call, by that call's node. */
  private final Map<Node, Node> biasSums = new IdentityHashMap<>();

  KernelFolds(List<Node> nodes, Values values) {
    this.values = values;
    Set<Node> own = new HashSet<>(nodes);
    for (Node n : nodes) {
      if (n.op() == Op.CONV2D) foldEpilogue(n, own);
      if (n.op() == Op.MAXPOOL_GRAD) foldMask(n, own);
      if (Scheduler.isBatchSummed(n) && n.input(0).op() == Op.CONV2D_KERNEL_GRAD) foldBiasSum(n, own);
    }
  }

  /** The fold whose call computes n, or null. */
  Fold at(Node n) {
    return folds.get(n);
  }

  /** Whether a folded call computes n on the way to its result, so n has no buffer and no region. */
  boolean isComputedOnTheWay(Node n) {
    return onTheWay.contains(n);
  }

  /** The bias gradient that a kernel gradient's call also sums, or null. */
  Node biasSum(Node kernelGradient) {
    return biasSums.get(kernelGradient);
  }

  boolean isBiasSum(Node n) {
    return biasSums.containsValue(n);
  }

  /**
   * Folds act(conv2d(x, K) + b) into the convolution's call when b is a per-channel bias in the
   * arena, act is relu or absent, and nothing else reads the intermediate values: the call then
   * adds the bias and applies relu to each example's output while it is in cache, where a
   * region after it would stream the whole batch through memory twice more.
   */
  private void foldEpilogue(Node conv, Set<Node> own) {
    Node add = soleReader(conv);
    if (add == null || add.op() != Op.ADD || !own.contains(add) || !values.isIntermediate(conv) || !add.shape().equals(conv.shape())) return;
    Node bias = add.input(0) == conv ? add.input(1) : add.input(0);
    if (bias == conv || !values.isChannelBias(bias, conv)) return;
    Node relu = soleReader(add);
    boolean foldsRelu = relu != null && relu.op() == Op.RELU && own.contains(relu) && values.isIntermediate(add);
    onTheWay.add(conv);
    if (foldsRelu) onTheWay.add(add);
    folds.put(foldsRelu ? relu : add, new ConvEpilogue(conv, bias, foldsRelu));
  }

  /**
   * Folds relu's backward mask, ifGt(x, 0, maxpool'(x, g), 0), into the pool gradient's call: a
   * window's gradient goes to its maximum only if that is positive. The mask reads x where the
   * pool's gradient is non-zero only at a window's maximum, so the two agree element for element.
   */
  private void foldMask(Node pool, Set<Node> own) {
    Node mask = soleReader(pool);
    if (mask == null || mask.op() != Op.IF_GT || !own.contains(mask) || !values.isIntermediate(pool)) return;
    List<Node> in = mask.inputs();
    if (in.get(0) != pool.input(0) || !isZero(in.get(1)) || in.get(2) != pool || !isZero(in.get(3))) return;
    onTheWay.add(pool);
    folds.put(mask, new MaskedPoolGradient(pool));
  }

  /**
   * A conv bias's gradient, sum_to(g) per filter over the examples and positions, computed by
   * the call that sums the kernel's gradient from the same g ({@code kernelGradient}), while
   * each example's g is in cache: as a pass of its own it streamed the whole batch again. Only
   * when nothing reads the sum before that call.
   */
  private void foldBiasSum(Node kernelGradient, Set<Node> own) {
    Node g = kernelGradient.input(0).input(1);
    for (Node reader : values.readers(g)) {
      boolean biasSum = reader.op() == Op.SUM_TO && !reader.batched() && values.channelRun(reader) > 0 && own.contains(reader)
          && !biasSums.containsValue(reader);
      if (!biasSum) continue;
      int plane = (int) (g.shape().size() / g.shape().dim(0));
      if (values.channelRun(reader) != plane) continue;      // one sum per filter, not per row
      boolean readLater = true;
      for (Node r : values.readers(reader)) readLater &= r.id() > kernelGradient.id();
      if (!readLater) continue;
      biasSums.put(kernelGradient, reader);
      return;
    }
  }

  private static boolean isZero(Node n) {
    return n.isConst() && n.attr() == 0;
  }

  /** The one node that reads n; null if none or several. */
  private Node soleReader(Node n) {
    Set<Node> rs = values.readers(n);
    return rs.size() == 1 ? rs.iterator().next() : null;
  }
}
