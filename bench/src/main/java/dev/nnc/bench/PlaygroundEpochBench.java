package dev.nnc.bench;

import dev.nnc.playground.DataSet;
import dev.nnc.playground.Feature;
import dev.nnc.playground.Session;
import dev.nnc.playground.Settings;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 9, acceptance 2: playground epochs per second (the score, in ops/s) of a 2-8-8-1 tanh
 * network on the 500 points of the circle data set, as the server runs them: one epoch of SGD
 * over the training rows in single precision, then the test rows' loss.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseSerialGC"})
public class PlaygroundEpochBench {
  /** The share of the 500 points that trains (the rest are tested each epoch), and the batch size. */
  @Param({"90:10", "50:10", "90:1", "90:30"})
  public String split;

  private Session session;

  @Setup
  public void setup() {
    String[] parts = split.split(":");
    session = new Session(new Settings(DataSet.CIRCLE, 0, Integer.parseInt(parts[0]), 1, List.of(Feature.X1, Feature.X2),
        List.of(8, 8), "tanh", 0.03, "none", 0, Integer.parseInt(parts[1]), "sgd", 0));
  }

  @Benchmark
  public Object epoch() {
    return session.train(1, Long.MAX_VALUE);
  }
}
