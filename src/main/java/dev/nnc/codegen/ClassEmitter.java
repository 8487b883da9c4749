package dev.nnc.codegen;

import static org.objectweb.asm.Opcodes.*;

import dev.nnc.ir.Op;
import dev.nnc.runtime.Dtype;
import dev.nnc.runtime.KernelF32;
import dev.nnc.runtime.KernelF64;
import dev.nnc.runtime.ScalarOps;
import dev.nnc.schedule.KernelProgram;
import dev.nnc.schedule.KernelProgram.Access;
import dev.nnc.schedule.KernelProgram.Call;
import dev.nnc.schedule.KernelProgram.Compute;
import dev.nnc.schedule.KernelProgram.Constant;
import dev.nnc.schedule.KernelProgram.Instr;
import dev.nnc.schedule.KernelProgram.Load;
import dev.nnc.schedule.KernelProgram.Local;
import dev.nnc.schedule.KernelProgram.Operand;
import dev.nnc.schedule.KernelProgram.Region;
import dev.nnc.schedule.KernelProgram.Step;
import dev.nnc.schedule.KernelProgram.Store;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Turns a {@link KernelProgram} into the bytes of one class implementing {@link KernelF64} or, in
 * single precision, {@link KernelF32}: the arena is then a float[], and its locals are floats.
 * A region becomes a loop nest over (example b, element j), or straight-line code when it has one
 * element; arithmetic is inline (DADD, DMUL, ... or FADD, FMUL, ...) and every other op calls its
 * {@link ScalarOps} method, which C2 inlines; a call step invokes its runtime kernel.
 *
 * <p>In single precision the ops that C2 can vectorise (arithmetic, max, min, relu and relu's
 * backward) are computed in float, so a fused loop runs on SIMD lanes (ten times faster than
 * widening each element to double, measured on a 256×1024 bias-and-relu loop); the other ops are
 * computed by their double method on widened arguments and rounded back, one implementation each.
 * Either way every op's result is rounded to float, as PyTorch's float kernels do. The same program always gives
 * the same bytes. Line numbers point at the .nn source, so stack traces and profilers name model
 * lines, and locals carry the program's names.
 */
public final class ClassEmitter {
  private static final String OPS = Type.getInternalName(ScalarOps.class);
  private static final int ARENA = 1;

  /**
   * Ops with a cheaper {@code ScalarOps} form ({@code method + "F32"}) accurate to float rounding,
   * which a float arena's store would discard anyway; the double arena keeps the exact forms.
   */
  private static final Set<Op> FLOAT_FORMS = EnumSet.of(Op.TANH, Op.BCE_LOGITS);

  private ClassEmitter() {}

  public static byte[] emit(KernelProgram program, Dtype dtype) {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
    String name = program.className();
    String kernel = Type.getInternalName(dtype == Dtype.F32 ? KernelF32.class : KernelF64.class);
    cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, name, null, "java/lang/Object", new String[] {kernel});
    cw.visitSource(fileName(program.sourceName()), null);
    constructor(cw);
    Set<String> localNames = new java.util.HashSet<>();
    for (KernelProgram.Method m : List.of(program.forward(), program.backward())) method(cw, name, m, dtype, localNames);
    cw.visitEnd();
    return cw.toByteArray();
  }

  /**
   * A method whose steps would pass {@link #METHOD_BUDGET} bytes is split: its steps go, in order,
   * into private parts {@code forward$0, forward$1, ...} that the public method calls, so every
   * method stays under HotSpot's 8000-byte limit for JIT compilation. A step never spans parts:
   * values crossing steps are in the arena.
   */
  private static void method(ClassWriter cw, String className, KernelProgram.Method m, Dtype dtype, Set<String> localNames) {
    List<List<Step>> parts = new ArrayList<>();
    List<Step> part = new ArrayList<>();
    int size = 0;
    for (Step step : m.steps()) {
      int estimate = estimatedBytes(step);
      if (!part.isEmpty() && size + estimate > METHOD_BUDGET) {
        parts.add(part);
        part = new ArrayList<>();
        size = 0;
      }
      part.add(step);
      size += estimate;
    }
    parts.add(part);
    String desc = "(" + (dtype == Dtype.F32 ? "[F" : "[D") + ")V";
    if (parts.size() == 1) {
      new MethodEmitter(cw, m.name(), ACC_PUBLIC | ACC_FINAL, parts.get(0), dtype, localNames).emit();
      return;
    }
    MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_FINAL, m.name(), desc, null, null);
    mv.visitCode();
    for (int i = 0; i < parts.size(); i++) {
      String partName = m.name() + "$" + i;
      new MethodEmitter(cw, partName, ACC_PRIVATE | ACC_STATIC, parts.get(i), dtype, localNames).emit();
      mv.visitVarInsn(ALOAD, ARENA);
      mv.visitMethodInsn(INVOKESTATIC, className, partName, desc, false);
    }
    mv.visitInsn(RETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  /**
   * Distinct local names a class records for debuggers. Each is a constant-pool entry, and the pool
   * holds at most 65535: a very large program names its first locals only, so that its class
   * still fits (its integer and double constants need the rest).
   */
  static final int MAX_LOCAL_NAMES = 16_000;

  /** Bytes of code under 8000 that a method may hold, with room for what the estimate misses. */
  static final int METHOD_BUDGET = 6000;

  /** A generous estimate of a step's bytecode: loads and stores compute an index, calls push args. */
  private static int estimatedBytes(Step step) {
    if (step instanceof Call c) return 8 + 4 * c.args().size();
    int bytes = 30;
    for (Instr instr : ((Region) step).body()) bytes += instr instanceof Compute ? 16 : 24;
    return bytes;
  }

  private static void constructor(ClassWriter cw) {
    MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
    mv.visitCode();
    mv.visitVarInsn(ALOAD, 0);
    mv.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    mv.visitInsn(RETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  /** Emits one method; the loop counters b and j live after the program's double locals. */
  private static final class MethodEmitter {
    private final List<Step> steps;
    private final MethodVisitor mv;
    private final boolean f32;
    private final String arrayDesc;
    private final int b;
    private final int j;
    private final List<Local> declared = new ArrayList<>();
    /** The local names the class holds so far (shared by its methods). */
    private final Set<String> localNames;
    private int line;
    private boolean usesCounters;

    /** Emits {@code steps} as a method {@code name}; a static part takes the arena as local 0. */
    MethodEmitter(ClassWriter cw, String name, int access, List<Step> steps, Dtype dtype, Set<String> localNames) {
      this.steps = steps;
      this.localNames = localNames;
      this.f32 = dtype == Dtype.F32;
      this.arrayDesc = f32 ? "[F" : "[D";
      this.mv = cw.visitMethod(access, name, "(" + arrayDesc + ")V", null, null);
      this.arena = (access & ACC_STATIC) != 0 ? 0 : 1;
      this.firstLocal = arena + 1;
      this.slots = slots(steps);
      this.b = firstLocal + 2 * slots.size();
      this.j = b + 1;
    }

    private final int arena;
    private final int firstLocal;
    /**
     * The rank of each local this method's steps use, by index: a part of a split method numbers
     * only its own locals (a value never crosses steps), so no method outgrows the JVM's 65535
     * local slots however large the program.
     */
    private final java.util.Map<Integer, Integer> slots;

    private static java.util.Map<Integer, Integer> slots(List<Step> steps) {
      java.util.TreeSet<Integer> used = new java.util.TreeSet<>();
      for (Step step : steps) {
        if (!(step instanceof Region r)) continue;
        for (Instr instr : r.body()) {
          if (instr instanceof Load l) used.add(l.target().index());
          else if (instr instanceof Compute c) used.add(c.target().index());
        }
      }
      java.util.Map<Integer, Integer> rank = new java.util.HashMap<>();
      for (int index : used) rank.put(index, rank.size());
      return rank;
    }

    void emit() {
      mv.visitParameter("arena", 0);
      mv.visitCode();
      Label start = new Label();
      mv.visitLabel(start);
      for (Step step : steps) {
        if (step instanceof Region r) region(r);
        else call((Call) step);
      }
      mv.visitInsn(RETURN);
      Label end = new Label();
      mv.visitLabel(end);
      mv.visitLocalVariable("arena", arrayDesc, null, start, end, arena);
      for (Local l : declared) {
        if (localNames.size() < MAX_LOCAL_NAMES || localNames.contains(l.name())) {
          localNames.add(l.name());
          mv.visitLocalVariable(l.name(), f32 ? "F" : "D", null, start, end, local(l));
        }
      }
      if (usesCounters) {
        mv.visitLocalVariable("example", "I", null, start, end, b);
        mv.visitLocalVariable("element", "I", null, start, end, j);
      }
      mv.visitMaxs(0, 0);
      mv.visitEnd();
    }

    // for (b = 0; b < batches; b++) for (j = 0; j < size; j++) body; a loop of one is no loop.
    private void region(Region r) {
      boolean loopB = r.batches() > 1;
      boolean loopJ = r.size() > 1;
      usesCounters |= loopB || loopJ;
      Label bBody = new Label(), bTest = new Label(), jBody = new Label(), jTest = new Label();
      if (loopB) loopStart(b, bBody, bTest);
      if (loopJ) loopStart(j, jBody, jTest);
      for (Instr instr : r.body()) instruction(instr, loopB, loopJ);
      if (loopJ) loopEnd(j, r.size(), jBody, jTest);
      if (loopB) loopEnd(b, r.batches(), bBody, bTest);
    }

    private void loopStart(int counter, Label body, Label test) {
      mv.visitInsn(ICONST_0);
      mv.visitVarInsn(ISTORE, counter);
      mv.visitJumpInsn(GOTO, test);
      mv.visitLabel(body);
    }

    private void loopEnd(int counter, int bound, Label body, Label test) {
      mv.visitIincInsn(counter, 1);
      mv.visitLabel(test);
      mv.visitVarInsn(ILOAD, counter);
      pushInt(mv, bound);
      mv.visitJumpInsn(IF_ICMPLT, body);
    }

    private void instruction(Instr instr, boolean loopB, boolean loopJ) {
      if (instr instanceof Load load) {
        index(load.from(), loopB, loopJ);
        mv.visitInsn(f32 ? FALOAD : DALOAD);
        mv.visitVarInsn(f32 ? FSTORE : DSTORE, declare(load.target()));
      } else if (instr instanceof Compute c) {
        lineNumber(c.line());
        compute(c);
        mv.visitVarInsn(f32 ? FSTORE : DSTORE, declare(c.target()));
      } else {
        Store store = (Store) instr;
        index(store.to(), loopB, loopJ);
        if (store.accumulate()) {
          mv.visitInsn(DUP2);
          mv.visitInsn(f32 ? FALOAD : DALOAD);
          push(store.value());
          mv.visitInsn(f32 ? FADD : DADD);
        } else {
          push(store.value());
        }
        mv.visitInsn(f32 ? FASTORE : DASTORE);
      }
    }

    /** Pushes the arena and the element's index: base + b·batchStride + index(j). */
    private void index(Access a, boolean loopB, boolean loopJ) {
      mv.visitVarInsn(ALOAD, arena);
      pushInt(mv, a.base());
      if (loopB && a.batchStride() != 0) {
        mv.visitVarInsn(ILOAD, b);
        if (a.batchStride() != 1) {
          pushInt(mv, a.batchStride());
          mv.visitInsn(IMUL);
        }
        mv.visitInsn(IADD);
      }
      if (!loopJ) return;
      if (a.same()) {
        mv.visitVarInsn(ILOAD, j);
        mv.visitInsn(IADD);
        return;
      }
      for (int[] t : a.terms()) {                     // ((j / outStride) % outDim) * inStride
        mv.visitVarInsn(ILOAD, j);
        if (t[0] != 1) {
          pushInt(mv, t[0]);
          mv.visitInsn(IDIV);
        }
        pushInt(mv, t[1]);
        mv.visitInsn(IREM);
        if (t[2] != 1) {
          pushInt(mv, t[2]);
          mv.visitInsn(IMUL);
        }
        mv.visitInsn(IADD);
      }
    }

    private void call(Call c) {
      lineNumber(c.line());
      for (Object arg : c.args()) {
        if (arg == KernelProgram.ARENA) mv.visitVarInsn(ALOAD, arena);
        else if (arg instanceof Integer i) pushInt(mv, i);
        else if (arg instanceof Double d) pushDouble(d);
        else if (arg instanceof Boolean z) mv.visitInsn(z ? ICONST_1 : ICONST_0);
        else throw new IllegalArgumentException("cannot pass " + arg);
      }
      // Runtime kernels come in float and double overloads that differ only in the array type.
      String descriptor = f32 ? c.descriptor().replace("[D", "[F") : c.descriptor();
      mv.visitMethodInsn(INVOKESTATIC, c.owner(), c.method(), descriptor, false);
    }

    private void lineNumber(int sourceLine) {
      if (sourceLine == 0 || sourceLine == line) return;
      line = sourceLine;
      Label here = new Label();
      mv.visitLabel(here);
      mv.visitLineNumber(line, here);
    }

    /** Pushes the arguments and computes the op: in the arena's precision where it vectorises. */
    private void compute(Compute c) {
      if (f32 && floatForm(c)) return;
      for (Operand arg : c.args()) {
        push(arg);
        if (f32) mv.visitInsn(F2D);
      }
      switch (c.op()) {
        case ADD -> mv.visitInsn(DADD);
        case SUB -> mv.visitInsn(DSUB);
        case MUL -> mv.visitInsn(DMUL);
        case DIV -> mv.visitInsn(DDIV);
        case NEG -> mv.visitInsn(DNEG);
        case EXPAND -> { }                             // a broadcast copy: the index did the work
        default -> {
          if (c.op().hasAttr) pushDouble(c.attr());
          String method = f32 && FLOAT_FORMS.contains(c.op()) ? c.op().method + "F32" : c.op().method;
          mv.visitMethodInsn(INVOKESTATIC, OPS, method, c.op().descriptor(), false);
        }
      }
      if (f32) mv.visitInsn(D2F);
    }

    /**
     * Emits {@code c} in float when the op has a float form C2 vectorises; false otherwise.
     * Rounding once per op, these give what the double op rounded to float gives (for +, −, ×,
     * ÷ double's 53 bits make the double rounding exact), so no result depends on the form.
     */
    private boolean floatForm(Compute c) {
      List<Operand> args = c.args();
      int insn = switch (c.op()) {
        case ADD -> FADD;
        case SUB -> FSUB;
        case MUL -> FMUL;
        case DIV -> FDIV;
        case NEG -> FNEG;
        case EXPAND -> NOP;
        default -> -1;
      };
      if (insn >= 0) {
        for (Operand arg : args) push(arg);
        if (insn != NOP) mv.visitInsn(insn);
        return true;
      }
      String method = switch (c.op()) {
        case MAX, MIN, RELU -> c.op().method;
        // relu's backward, ifGt(z, 0, g, 0): a branch here mispredicts on half the elements
        case IF_GT -> isZero(args.get(1)) && isZero(args.get(3)) ? "passIfPositive" : null;
        default -> null;
      };
      if (method == null) return false;
      push(args.get(0));
      if (c.op() == Op.IF_GT) push(args.get(2));
      else if (args.size() > 1) push(args.get(1));
      mv.visitMethodInsn(INVOKESTATIC, OPS, method, c.op() == Op.RELU ? "(F)F" : "(FF)F", false);
      return true;
    }

    private static boolean isZero(Operand operand) {
      return operand instanceof Constant k && k.value() == 0;
    }

    private void push(Operand operand) {
      if (operand instanceof Constant c) {
        if (f32) pushFloat((float) c.value());
        else pushDouble(c.value());
      } else {
        mv.visitVarInsn(f32 ? FLOAD : DLOAD, local((Local) operand));
      }
    }

    private void pushDouble(double v) {
      // DCONST_0 would also serve -0.0 wrongly: compare bits, not values.
      if (Double.doubleToRawLongBits(v) == 0L) mv.visitInsn(DCONST_0);
      else if (v == 1.0) mv.visitInsn(DCONST_1);
      else mv.visitLdcInsn(v);
    }

    private void pushFloat(float v) {
      if (Float.floatToRawIntBits(v) == 0) mv.visitInsn(FCONST_0);
      else if (v == 1f) mv.visitInsn(FCONST_1);
      else if (v == 2f) mv.visitInsn(FCONST_2);
      else mv.visitLdcInsn(v);
    }

    private int declare(Local l) {
      declared.add(l);
      return local(l);
    }

    private int local(Local l) {
      return firstLocal + 2 * slots.get(l.index());
    }
  }

  private static void pushInt(MethodVisitor mv, int v) {
    if (v >= -1 && v <= 5) mv.visitInsn(ICONST_0 + v);
    else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) mv.visitIntInsn(BIPUSH, v);
    else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) mv.visitIntInsn(SIPUSH, v);
    else mv.visitLdcInsn(v);
  }

  private static String fileName(String path) {
    return java.nio.file.Path.of(path).getFileName().toString();
  }
}
