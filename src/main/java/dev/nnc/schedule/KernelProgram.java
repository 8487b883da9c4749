package dev.nnc.schedule;

import dev.nnc.ir.Op;
import dev.nnc.runtime.ArenaLayout;
import java.util.List;

/**
 * The straight-line program that code generation turns into a class, instruction for instruction:
 * each method loads what it needs from the arena into locals, computes, and stores its results.
 */
public record KernelProgram(String className, String sourceName, ArenaLayout layout, Method forward, Method backward) {

  public record Method(String name, List<Instr> body, int locals) {}

  /** Something an instruction reads: a local computed or loaded earlier, or a constant. */
  public sealed interface Operand permits Local, Constant {}

  public record Local(int index, String name) implements Operand {}

  public record Constant(double value) implements Operand {}

  public sealed interface Instr permits Load, Compute, Store {}

  /** local = arena[slot] */
  public record Load(Local target, int slot) implements Instr {}

  /** local = op(args), from source line {@code line} (0 if unknown). */
  public record Compute(Local target, Op op, double attr, List<Operand> args, int line) implements Instr {}

  /** arena[slot] = value */
  public record Store(int slot, Operand value, String what) implements Instr {}
}
