package dev.nnc.bench;

import dev.nnc.Nnc;
import dev.nnc.runtime.CompiledProgram;
import dev.nnc.runtime.Dtype;
import dev.nnc.runtime.Workspace;
import dev.nnc.runtime.train.BatchRunner;
import dev.nnc.runtime.train.Optimizer;
import dev.nnc.runtime.train.Penalty;
import dev.nnc.syntax.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
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
 * One training step (forward, backward, SGD update) of the bench/models workloads in single
 * precision. Run with {@code -prof gc} to see the bytes allocated per step (issue 3: none).
 * The model files are read relative to the project root: run from there.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseSerialGC"})
public class TrainStepBench {
  @Param({"mlp_2_8_8_1:32", "mlp_784_128_10:32", "mlp_784_1024_1024_10:256"})
  public String workload;

  private Workspace ws;
  private Optimizer sgd;

  @Setup
  public void setup() throws IOException {
    String[] parts = workload.split(":");
    Path file = Path.of("bench/models", parts[0] + ".nn");
    CompiledProgram p = Nnc.compile(new SourceFile(file.toString(), Files.readString(file)),
        Nnc.Options.DEFAULT.withBatch(Integer.parseInt(parts[1])).withDtype(Dtype.F32).withParametersOnly()).compiled();
    ws = p.newWorkspace(0);
    ws.randomize(0, Set.of());
    sgd = Optimizer.named("sgd", 1e-6, Penalty.NONE, new BatchRunner(p, ws.arena()).parameterBlocks());
  }

  @Benchmark
  public void step() {
    ws.arena().forward();
    ws.arena().backward();
    sgd.step(ws.arena().store());
  }
}
