package dev.nnc.runtime;

import static com.google.common.truth.Truth.assertThat;

import dev.nnc.Nnc;
import dev.nnc.syntax.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The API's claim: a CompiledProgram is immutable and may be shared by threads; a Workspace is
 * not, so each thread makes its own. Four threads running one program (GEMMs included) at once
 * get bit for bit what one thread gets.
 */
class ThreadSafetyTest {
  private static final String MLP = String.join("\n",
      "model mlp {", "  input x[784]", "  label y", "  h = dense(x, 128)", "  logits = dense(h, 10, act = identity)",
      "  loss = cross_entropy(logits, y)", "}");

  @Test
  void workspacesOnSeveralThreadsAgreeWithOneThread() throws Exception {
    CompiledProgram program = Nnc.compile(new SourceFile("mlp.nn", MLP), Nnc.Options.DEFAULT.withBatch(32).withDtype(Dtype.F32)).compiled();
    Callable<double[]> job = () -> {
      Workspace ws = program.newWorkspace(3);
      ws.randomize(5, Set.of());
      double[] last = null;
      for (int i = 0; i < 200; i++) {
        ws.forward();
        ws.backward();
        last = ws.gradients("h.W");
      }
      return last;
    };
    double[] alone = job.call();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<double[]>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) results.add(pool.submit(job));
      for (Future<double[]> r : results) assertThat(r.get()).isEqualTo(alone);
    } finally {
      pool.shutdownNow();
    }
  }
}
