package dev.nnc.bench;

import dev.nnc.Compilation;
import dev.nnc.Nnc;
import java.util.Arrays;

/**
 * Issue 8, acceptance 3: how long nnc takes to compile (parse to loaded class) a 1000-node scalar
 * program and a 20-layer MLP (the programs of MethodSizeTest, which asserts that no generated
 * method is over 8000 bytes). It prints the first compilation in a fresh JVM (what a user of the command line
 * waits for, JIT warm-up included) and the median of 30 more (a warmed-up compiler). Run from
 * the repository root after {@code mvn package}, one program per JVM:
 *
 * <pre>java -cp target/nnc.jar bench/src/main/java/dev/nnc/bench/CompileTiming.java scalar1000|mlp20</pre>
 */
public final class CompileTiming {
  public static void main(String[] args) {
    String which = args.length == 0 ? "scalar1000" : args[0];
    String text = switch (which) {
      case "scalar1000" -> scalar1000();
      case "mlp20" -> mlp20();
      default -> throw new IllegalArgumentException("scalar1000 or mlp20");
    };
    long t0 = System.nanoTime();
    Compilation first = Nnc.compile(which + ".nn", text);
    double coldMs = (System.nanoTime() - t0) / 1e6;
    double[] warm = new double[30];
    for (int i = 0; i < warm.length; i++) {
      long t = System.nanoTime();
      Nnc.compile(which + ".nn", text);
      warm[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(warm);
    System.out.printf("%s: %d graph nodes (forward, backward, simplified); first compile %.0f ms, warm median %.1f ms%n",
        which, first.program().graph().size(), coldMs, warm[warm.length / 2]);
  }

  /** 250 statements of four nodes: sin, two products and a sum. */
  static String scalar1000() {
    StringBuilder p = new StringBuilder("v0 = a\n");
    for (int i = 1; i <= 250; i++) p.append("v").append(i).append(" = sin(v").append(i - 1).append(") * b + c * v").append(i - 1).append("\n");
    return p.toString();
  }

  /** Twenty tanh layers of 16 units and a softmax classifier. */
  static String mlp20() {
    StringBuilder p = new StringBuilder("model deep {\n  input x[16]\n  label y\n  h0 = dense(x, 16, act = tanh)\n");
    for (int i = 1; i < 20; i++) p.append("  h").append(i).append(" = dense(h").append(i - 1).append(", 16, act = tanh)\n");
    return p.append("  logits = dense(h19, 4, act = identity)\n  loss = cross_entropy(logits, y)\n}\n").toString();
  }
}
