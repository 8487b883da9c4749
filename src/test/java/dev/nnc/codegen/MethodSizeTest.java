package dev.nnc.codegen;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.nnc.Compilation;
import dev.nnc.TestCompiler;
import dev.nnc.runtime.CompiledProgram;
import dev.nnc.runtime.GradientCheck;
import dev.nnc.runtime.Workspace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.CodeSizeEvaluator;

/**
 * HotSpot compiles no method over 8000 bytes (DontCompileHugeMethods): a 1000-node scalar program
 * and a 20-layer MLP get methods under it, and still compute the right gradients.
 */
class MethodSizeTest {

  /** The largest possible code size of each method of a class. */
  private static List<Integer> methodSizes(byte[] classBytes) {
    List<Integer> sizes = new ArrayList<>();
    new ClassReader(classBytes).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        return new CodeSizeEvaluator(null) {
          @Override
          public void visitEnd() {
            sizes.add(getMaxSize());
          }
        };
      }
    }, 0);
    return sizes;
  }

  private static void assertSmallMethods(Compilation c) {
    for (int size : methodSizes(c.classBytes())) assertWithMessage("a method's code size").that(size).isLessThan(8000);
  }

  @Test
  void aThousandNodeScalarProgram() {
    StringBuilder program = new StringBuilder("v0 = a\n");
    for (int i = 1; i <= 250; i++) program.append("v").append(i).append(" = sin(v").append(i - 1).append(") * b + c * v").append(i - 1).append("\n");
    Compilation c = TestCompiler.compile(program.toString());
    assertSmallMethods(c);
    CompiledProgram p = c.compiled();
    Workspace ws = p.newWorkspace(0).set("a", 0.3).set("b", 0.7).set("c", 0.5);
    for (GradientCheck.Result r : GradientCheck.run(ws, p, "v250", 1e-6)) {
      assertWithMessage("d/d%s", r.name()).that(r.error()).isLessThan(1e-6);
    }
  }

  @Test
  void aTwentyLayerMlp() {
    StringBuilder program = new StringBuilder("model deep {\n  input x[16]\n  label y\n  h0 = dense(x, 16, act = tanh)\n");
    for (int i = 1; i < 20; i++) program.append("  h").append(i).append(" = dense(h").append(i - 1).append(", 16, act = tanh)\n");
    program.append("  logits = dense(h19, 4, act = identity)\n  loss = cross_entropy(logits, y)\n}\n");
    Compilation c = TestCompiler.compile(program.toString());
    assertSmallMethods(c);
    Workspace ws = c.compiled().newWorkspace(0);
    ws.randomize(0, java.util.Set.of());
    double worst = 0;
    for (GradientCheck.Result r : GradientCheck.run(ws, c.compiled(), "loss", 1e-6)) worst = Math.max(worst, r.error());
    assertWithMessage("worst gradient error").that(worst).isLessThan(1e-6);
  }
}
