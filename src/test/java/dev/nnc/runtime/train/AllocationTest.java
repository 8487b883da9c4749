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
   * In a JVM of its own, as a training process has: in the test JVM the GEMM tests have already
   * run PanelPacker's 256-bit gathers, and a JVM that has used two vector sizes at the Vector
   * API's shared call sites may box the conv kernels' vectors (a known limit; see the note on
   * PanelPacker).
   */
  @Test
  void aConvNetTrainingStepAllocatesNothing() throws Exception {
    var result = dev.nnc.aot.SeparateJvm.java(java.util.List.of("--add-modules", "jdk.incubator.vector",
        "-cp", System.getProperty("java.class.path"), AllocationTest.class.getName(), "bench/models/cnn_28.nn", "8"));
    assertThat(result.err()).doesNotContain("Exception");
    assertThat(result.out().strip()).isEqualTo("0");
  }

  /** Prints the bytes 200 training steps of the model at args[0] allocate, at batch args[1]. */
  public static void main(String[] args) throws java.io.IOException {
    System.out.println(bytesPerSteps(dev.nnc.syntax.SourceFile.read(java.nio.file.Path.of(args[0])), Integer.parseInt(args[1])));
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
