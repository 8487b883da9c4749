/**
 * Streaming bandwidth (GB/s) of one thread, then of two threads of one process, each over an array
 * of its own: `java -Xmx2g Bandwidth.java ROUNDS FLOATS` (16000000 floats: 64 MB each, past the
 * caches). On the project machine two threads sometimes share one thread's bandwidth for the whole
 * life of a process (bench/README.md, two threads).
 */
public class Bandwidth {
  static volatile float sink;
  static double run(float[] a, long millis) {
    long n = 0, end = System.nanoTime() + millis * 1_000_000;
    while (System.nanoTime() < end) {
      for (int i = 0; i < a.length; i++) { a[i] = a[i] * 0.5f + 1f; }
      n += a.length;
    }
    sink = a[7];
    return n * 8.0 / (millis * 1e6);
  }
  public static void main(String[] x) throws Exception {
    int len = Integer.parseInt(x[1]);
    float[] a = new float[len], b = new float[len];
    run(a, 1000); run(b, 500);
    for (int r = 0; r < Integer.parseInt(x[0]); r++) {
      double one = run(a, 500);
      double[] two = new double[2];
      Thread t = new Thread(() -> two[1] = run(b, 500));
      t.start(); two[0] = run(a, 500); t.join();
      System.out.printf("%s one %.1f  two %.1f + %.1f GB/s%n", java.time.LocalTime.now().withNano(0), one, two[0], two[1]);
    }
  }
}
