package dev.nnc.codegen;

import static org.objectweb.asm.Opcodes.*;

import dev.nnc.ir.Op;
import dev.nnc.runtime.ScalarKernel;
import dev.nnc.runtime.ScalarOps;
import dev.nnc.schedule.KernelProgram;
import dev.nnc.schedule.KernelProgram.Compute;
import dev.nnc.schedule.KernelProgram.Constant;
import dev.nnc.schedule.KernelProgram.Instr;
import dev.nnc.schedule.KernelProgram.Load;
import dev.nnc.schedule.KernelProgram.Local;
import dev.nnc.schedule.KernelProgram.Operand;
import dev.nnc.schedule.KernelProgram.Store;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Turns a {@link KernelProgram} into the bytes of one class implementing {@link ScalarKernel},
 * one bytecode sequence per instruction. Arithmetic is inline (DADD, DMUL, ...); every other op
 * calls its {@link ScalarOps} method, which C2 inlines. The same program always gives the same
 * bytes. Line numbers point at the .nn source, so stack traces and profilers name model lines.
 */
public final class ClassEmitter {
  private static final String KERNEL = Type.getInternalName(ScalarKernel.class);
  private static final String OPS = Type.getInternalName(ScalarOps.class);
  private static final int ARENA = 1;
  private static final int FIRST_LOCAL = 2;

  private ClassEmitter() {}

  public static byte[] emit(KernelProgram program) {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    String name = program.className();
    cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, name, null, "java/lang/Object", new String[] {KERNEL});
    cw.visitSource(fileName(program.sourceName()), null);
    constructor(cw);
    method(cw, program.forward());
    method(cw, program.backward());
    cw.visitEnd();
    return cw.toByteArray();
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

  private static void method(ClassWriter cw, KernelProgram.Method method) {
    MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_FINAL, method.name(), "([D)V", null, null);
    mv.visitParameter("arena", 0);
    mv.visitCode();
    Label start = new Label();
    mv.visitLabel(start);
    int line = 0;
    for (Instr instr : method.body()) {
      if (instr instanceof Compute c && c.line() != 0 && c.line() != line) {
        line = c.line();
        Label here = new Label();
        mv.visitLabel(here);
        mv.visitLineNumber(line, here);
      }
      instruction(mv, instr);
    }
    mv.visitInsn(RETURN);
    Label end = new Label();
    mv.visitLabel(end);
    // Local names (the program's variable names) show in debuggers, profilers and --bytecode.
    mv.visitLocalVariable("arena", "[D", null, start, end, ARENA);
    for (Instr instr : method.body()) {
      Local target = instr instanceof Load l ? l.target() : instr instanceof Compute c ? c.target() : null;
      if (target != null) mv.visitLocalVariable(target.name(), "D", null, start, end, local(target));
    }
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  private static void instruction(MethodVisitor mv, Instr instr) {
    if (instr instanceof Load load) {
      arenaElement(mv, load.slot());
      mv.visitInsn(DALOAD);
      mv.visitVarInsn(DSTORE, local(load.target()));
    } else if (instr instanceof Compute c) {
      for (Operand arg : c.args()) push(mv, arg);
      op(mv, c.op(), c.attr());
      mv.visitVarInsn(DSTORE, local(c.target()));
    } else {
      Store store = (Store) instr;
      arenaElement(mv, store.slot());
      push(mv, store.value());
      mv.visitInsn(DASTORE);
    }
  }

  private static void op(MethodVisitor mv, Op op, double attr) {
    switch (op) {
      case ADD -> mv.visitInsn(DADD);
      case SUB -> mv.visitInsn(DSUB);
      case MUL -> mv.visitInsn(DMUL);
      case DIV -> mv.visitInsn(DDIV);
      case NEG -> mv.visitInsn(DNEG);
      default -> {
        if (op.hasAttr) mv.visitLdcInsn(attr);
        mv.visitMethodInsn(INVOKESTATIC, OPS, op.method, op.descriptor(), false);
      }
    }
  }

  private static void arenaElement(MethodVisitor mv, int slot) {
    mv.visitVarInsn(ALOAD, ARENA);
    pushInt(mv, slot);
  }

  private static void push(MethodVisitor mv, Operand operand) {
    if (operand instanceof Constant c) {
      pushDouble(mv, c.value());
    } else {
      mv.visitVarInsn(DLOAD, local((Local) operand));
    }
  }

  private static void pushDouble(MethodVisitor mv, double v) {
    // DCONST_0 would also serve -0.0 wrongly: compare bits, not values.
    if (Double.doubleToRawLongBits(v) == 0L) mv.visitInsn(DCONST_0);
    else if (v == 1.0) mv.visitInsn(DCONST_1);
    else mv.visitLdcInsn(v);
  }

  private static void pushInt(MethodVisitor mv, int v) {
    if (v >= -1 && v <= 5) mv.visitInsn(ICONST_0 + v);
    else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) mv.visitIntInsn(BIPUSH, v);
    else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) mv.visitIntInsn(SIPUSH, v);
    else mv.visitLdcInsn(v);
  }

  private static int local(Local local) {
    return FIRST_LOCAL + 2 * local.index();
  }

  private static String fileName(String path) {
    return java.nio.file.Path.of(path).getFileName().toString();
  }
}
