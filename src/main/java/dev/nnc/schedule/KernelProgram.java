package dev.nnc.schedule;

import dev.nnc.ir.Op;
import dev.nnc.runtime.ArenaLayout;
import java.util.List;

/**
 * The program that code generation turns into a class, step for step. A method is a list of
 * steps: a {@link Region} is a fused elementwise loop nest over (example, element), straight-line
 * when it has one element; a {@link Call} invokes a runtime kernel (GEMM, softmax, ...) on arena
 * offsets. Values inside a region live in locals; what crosses a region lives in the arena.
 */
public record KernelProgram(String className, String sourceName, ArenaLayout layout, Method forward, Method backward) {

  public record Method(String name, List<Step> steps, int locals) {}

  public sealed interface Step permits Region, Call {}

  /** for b < batches, for j < size: body. */
  public record Region(int batches, int size, List<Instr> body) implements Step {
    public boolean isStraightLine() {
      return batches == 1 && size == 1;
    }
  }

  /** A static call; an argument is an Integer, a Double, a Boolean or {@link #ARENA}. */
  public record Call(String owner, String method, String descriptor, List<Object> args, int line) implements Step {}

  /** Stands for the arena array among a call's arguments. */
  public static final Object ARENA = new Object() {
    @Override
    public String toString() {
      return "arena";
    }
  };

  /** Something an instruction reads: a local computed or loaded earlier, or a constant. */
  public sealed interface Operand permits Local, Constant {}

  public record Local(int index, String name) implements Operand {}

  public record Constant(double value) implements Operand {}

  public sealed interface Instr permits Load, Compute, Store {}

  /** local = arena[at(b, j)] */
  public record Load(Local target, Access from) implements Instr {}

  /**
   * local = op(args), from source line {@code line} (0 if unknown); {@code note} is the backprop
   * pattern of a gradient statement (add distributes, ...) or null.
   */
  public record Compute(Local target, Op op, double attr, List<Operand> args, int line, String note) implements Instr {}

  /** arena[at(b, j)] = value, or += value when accumulating (a sum over broadcast axes). */
  public record Store(Access to, Operand value, boolean accumulate, String what) implements Instr {}

  /**
   * An arena element as a function of the region's indices b and j: base + b·batchStride +
   * index(j), where index(j) is j itself ({@code same}), or Σ ((j / outStride) % outDim) · inStride
   * over {@code terms} (outStride, outDim, inStride triples) for a broadcast operand.
   */
  public record Access(int base, int batchStride, boolean same, List<int[]> terms) {
    public static Access element(int slot) {
      return new Access(slot, 0, false, List.of());
    }
  }
}
