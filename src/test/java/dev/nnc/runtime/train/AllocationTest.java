package dev.nnc.runtime.train;

import static com.google.common.truth.Truth.assertThat;

import dev.nnc.Nnc;
import dev.nnc.runtime.CompiledProgram;
import dev.nnc.runtime.Dtype;
import dev.nnc.runtime.Workspace;
import java.lang.management.ManagementFactory;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A training step of 784-128-10 (ReLU, softmax cross-entropy, SGD), and of the conv net of the
 * benchmarks, allocates nothing in steady state: forward, backward and the update work in the
 * preallocated arena and per-thread scratch. (The same figure comes from JMH's -prof gc on bench/
 * TrainStepBench.) This also catches Vector API kernels that C2 failed to keep in registers: their
 * vectors are then boxed on the heap, a few per multiply-add, and such a step is several times
 * slower. That can start in one kernel because of another (a vector shape used elsewhere changes
 * what C2 knows at the library's shared call sites), which only a whole step shows.
 */
class AllocationTest {
  private static final String MLP = String.join("\n",
      "model mlp {", "  input x[784]", "  label y", "  h = dense(x, 128)", "  logits = dense(h, 10, act = identity)",
      "  loss = cross_entropy(logits, y)", "}");

  @Test
  void aTrainingStepAllocatesNothing() {
    assertThat(bytesPerSteps(new dev.nnc.syntax.SourceFile("mlp.nn", MLP), 32)).isEqualTo(0L);
  }

  /**
   * After every GEMM form has run at shapes that pack, in the same JVM: a second vector shape
   * anywhere at the Vector API's shared call sites (the GEMM's packer once gathered with 256-bit
   * vectors) made C2 box the conv kernels' vectors, 2.9 MB a step. A JVM of its own, so that what
   * ran before is exactly this.
   */
  @Test
  void aConvNetTrainingStepAllocatesNothingAfterEveryGemmForm() throws Exception {
    var result = dev.nnc.aot.SeparateJvm.java(java.util.List.of("--add-modules", "jdk.incubator.vector",
        "-cp", System.getProperty("java.class.path"), AllocationTest.class.getName(), "bench/models/cnn_28.nn", "8",
        "after-gemm"));
    assertThat(result.err()).doesNotContain("Exception");
    assertThat(result.out().strip()).isEqualTo("0");
  }

  /**
   * Prints the bytes 200 training steps of the model at args[0] allocate, at batch args[1]; with
   * a third argument {@code after-gemm}, after running every GEMM form first.
   */
  public static void main(String[] args) throws java.io.IOException {
    if (args.length > 2 && args[2].equals("after-gemm")) {
      runEveryGemmForm();
    }
    System.out.println(bytesPerSteps(dev.nnc.syntax.SourceFile.read(java.nio.file.Path.of(args[0])), Integer.parseInt(args[1])));
  }

  /**
   * NN, NT and TN past the dot-product shapes, so that each packs: B's panels by copies (NN, TN)
   * and transposed (NT, ldb 300 and 512); A's rows in place (NN, NT), transposed (TN) and at C's
   * bottom edge (m = 70). Enough calls for C2 to compile them all.
   */
  private static void runEveryGemmForm() {
    int m = 70, n = 96;
    float[] a = new float[m * 512], b = new float[n * 512], c = new float[m * n];
    java.util.Arrays.fill(a, 0.5f);
    java.util.Arrays.fill(b, 0.25f);
    for (int i = 0; i < 1000; i++) {
      for (int k : new int[] {300, 512}) {
        dev.nnc.runtime.kernels.Gemm.nn(m, n, k, a, 0, k, b, 0, n, c, 0, n, false);
        dev.nnc.runtime.kernels.Gemm.nt(m, n, k, a, 0, k, b, 0, k, c, 0, n, false);
        dev.nnc.runtime.kernels.Gemm.tn(m, n, k, a, 0, m, b, 0, n, c, 0, n, false);
      }
    }
  }

  /**
   * Bytes this thread allocates in 200 training steps, after warming up until C2 has compiled
   * every kernel: rounds of 500 steps until two in a row allocate nothing (a conv step's kernels
   * take thousands of steps to reach C2), or 40 rounds.
   */
  private static long bytesPerSteps(dev.nnc.syntax.SourceFile source, int batch) {
    CompiledProgram p = Nnc.compile(source, Nnc.Options.DEFAULT.withBatch(batch).withDtype(Dtype.F32).withParametersOnly()).compiled();
    Workspace ws = p.newWorkspace(0);
    ws.randomize(0, Set.of());
    Optimizer sgd = Optimizer.named("sgd", 0.01, Penalty.NONE, new BatchRunner(p, ws.arena()).parameterBlocks());
    Runnable step = () -> {
      ws.arena().forward();
      ws.arena().backward();
      sgd.step(ws.arena().store());
    };
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (int round = 0, clean = 0; round < 40 && clean < 2; round++) {
      long start = threads.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < 500; i++) step.run();
      clean = threads.getCurrentThreadAllocatedBytes() == start ? clean + 1 : 0;
    }
    // The least of five windows: a late recompilation can allocate in one (a few hundred bytes,
    // seen under load), while a kernel whose vectors are boxed allocates megabytes in every one.
    long least = Long.MAX_VALUE;
    for (int window = 0; window < 5; window++) {
      long before = threads.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < 200; i++) step.run();
      least = Math.min(least, threads.getCurrentThreadAllocatedBytes() - before);
    }
    return least;
  }
}
