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
 * A training step of 784-128-10 (ReLU, softmax cross-entropy, SGD) allocates nothing in steady
 * state: forward, backward and the update work in the preallocated arena. (The same figure comes
 * from JMH's -prof gc on bench/ TrainStepBench.)
 */
class AllocationTest {
  private static final String MLP = String.join("\n",
      "model mlp {", "  input x[784]", "  label y", "  h = dense(x, 128)", "  logits = dense(h, 10, act = identity)",
      "  loss = cross_entropy(logits, y)", "}");

  @Test
  void aTrainingStepAllocatesNothing() {
    CompiledProgram p = Nnc.compile(new dev.nnc.syntax.SourceFile("mlp.nn", MLP),
        Nnc.Options.DEFAULT.withBatch(32).withDtype(Dtype.F32).withParametersOnly()).compiled();
    Workspace ws = p.newWorkspace(0);
    ws.randomize(0, Set.of());
    Optimizer sgd = Optimizer.named("sgd", 0.01, Penalty.NONE, new BatchRunner(p, ws.arena()).parameterBlocks());
    Runnable step = () -> {
      ws.arena().forward();
      ws.arena().backward();
      sgd.step(ws.arena().store());
    };
    for (int i = 0; i < 3000; i++) step.run();                  // warm up: C2 compiles everything
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 200; i++) step.run();
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(allocated).isEqualTo(0L);
  }
}
