package dev.nnc.runtime.train;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptimizerTest {

  @Test
  void blocksAtOffsetsInOneArenaAreUpdatedAndNothingElse() {
    // Arena: [p0 p1 | g0 g1 | x | p2 | g2]: two blocks, parameters and gradients interleaved.
    double[] arena = {1, 2, 10, 20, 99, 3, 30};
    Optimizer sgd = new Sgd(0.1, Penalty.NONE, List.of(new ParameterBlock(0, 2, 2), new ParameterBlock(5, 6, 1)));
    sgd.step(ParameterStore.f64(arena, arena));
    assertThat(arena).usingExactEquality().containsExactly(1 - 0.1 * 10, 2 - 0.1 * 20, 10, 20, 99, 3 - 0.1 * 30, 30).inOrder();
    assertThat(sgd.size()).isEqualTo(3);
  }

  @Test
  void momentumByHand() {
    double[] p = {1};
    double[] g = {0.5};
    Optimizer momentum = new Momentum(0.1, 0.9, Penalty.NONE, List.of(new ParameterBlock(0, 0, 1)));
    momentum.step(ParameterStore.f64(p, g)); // v = 0.5, p = 1 − 0.05
    assertThat(p[0]).isWithin(1e-15).of(0.95);
    momentum.step(ParameterStore.f64(p, g)); // v = 0.45 + 0.5 = 0.95, p = 0.95 − 0.095
    assertThat(p[0]).isWithin(1e-15).of(0.855);
  }

  @Test
  void adamFirstStepMovesByLearningRateTimesSign() {
    // After bias correction m̂ = g and √v̂ = |g|: the first step is −lr·sign(g) (up to ε).
    double[] p = {1, 1};
    double[] g = {0.003, -40};
    new Adam(0.01, Penalty.NONE, List.of(new ParameterBlock(0, 0, 2))).step(ParameterStore.f64(p, g));
    assertThat(p[0]).isWithin(1e-7).of(0.99);
    assertThat(p[1]).isWithin(1e-7).of(1.01);
  }

  @Test
  void penaltiesAddToTheGradient() {
    double[] p = {2, -2, 0};
    double[] g = {0, 0, 0};
    new Sgd(1, new Penalty(0.5, 0.25), List.of(new ParameterBlock(0, 0, 3))).step(ParameterStore.f64(p, g));
    // g' = 0.25·p + 0.5·sign(p); sign(0) = 0 leaves a zero weight at zero.
    assertThat(p).usingExactEquality().containsExactly(2 - 1.0, -2 + 1.0, 0).inOrder();
  }

  @Test
  void badSettingsAreRefusedWithTheFlagName() {
    List<ParameterBlock> blocks = List.of(new ParameterBlock(0, 0, 1));
    assertThat(assertThrows(IllegalArgumentException.class, () -> new Sgd(0, Penalty.NONE, blocks))).hasMessageThat().contains("--lr");
    assertThat(assertThrows(IllegalArgumentException.class, () -> new Penalty(-1, 0))).hasMessageThat().contains("--l1");
    assertThat(assertThrows(IllegalArgumentException.class, () -> Optimizer.named("rmsprop", 0.1, Penalty.NONE, blocks))).hasMessageThat().contains("sgd, momentum or adam");
  }

  @Test
  void aStepAllocatesNothing() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    int n = 10_000;
    float[] arena32 = new float[2 * n];
    double[] arena64 = new double[2 * n];
    for (int i = 0; i < 2 * n; i++) {
      arena32[i] = (float) Math.sin(i);
      arena64[i] = Math.cos(i);
    }
    List<ParameterBlock> blocks = List.of(new ParameterBlock(0, n, n / 2), new ParameterBlock(n / 2, n + n / 2, n / 2));
    Penalty penalty = new Penalty(1e-4, 1e-3);
    for (String name : List.of("sgd", "momentum", "adam")) {
      for (ParameterStore store : List.of(ParameterStore.f32(arena32, arena32), ParameterStore.f64(arena64, arena64))) {
        Optimizer optimizer = Optimizer.named(name, 1e-3, penalty, blocks);
        for (int i = 0; i < 2_000; i++) optimizer.step(store); // warm-up: let the JIT compile step
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1_000; i++) optimizer.step(store);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).isEqualTo(0);
      }
    }
  }
}
