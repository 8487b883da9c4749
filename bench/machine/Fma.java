import jdk.incubator.vector.*;
/**
 * Vector FMA throughput (GFLOP/s) of one thread, then of two threads of one process, in registers
 * only: `java --add-modules jdk.incubator.vector Fma.java ROUNDS`. Halves with two threads if the
 * two vCPUs share a physical core.
 */
public class Fma {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  static volatile double sink;
  static double run(long millis) {
    FloatVector a0 = FloatVector.broadcast(S, 1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
    FloatVector m = FloatVector.broadcast(S, 0.999999f), c = FloatVector.broadcast(S, 1e-7f);
    long n = 0, end = System.nanoTime() + millis * 1_000_000;
    while (System.nanoTime() < end) {
      for (int i = 0; i < 10000; i++) {
        a0 = a0.fma(m, c); a1 = a1.fma(m, c); a2 = a2.fma(m, c); a3 = a3.fma(m, c);
        a4 = a4.fma(m, c); a5 = a5.fma(m, c); a6 = a6.fma(m, c); a7 = a7.fma(m, c);
      }
      n += 80000;
    }
    sink = a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).reduceLanes(VectorOperators.ADD);
    return n * S.length() * 2.0 / (millis * 1e6);     // GFLOP/s
  }
  public static void main(String[] x) throws Exception {
    run(1500);
    int rounds = Integer.parseInt(x[0]);
    for (int r = 0; r < rounds; r++) {
      double one = run(500);
      double[] two = new double[2];
      Thread t = new Thread(() -> two[1] = run(500));
      t.start(); two[0] = run(500); t.join();
      System.out.printf("%s one %.1f  two %.1f + %.1f%n", java.time.LocalTime.now().withNano(0), one, two[0], two[1]);
    }
  }
}
