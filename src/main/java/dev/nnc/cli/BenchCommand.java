package dev.nnc.cli;

import dev.nnc.runtime.Arena;
import dev.nnc.runtime.Workspace;
import dev.nnc.runtime.io.Json;
import dev.nnc.runtime.kernels.WorkerTeam;
import dev.nnc.runtime.train.BatchRunner;
import dev.nnc.runtime.train.Optimizer;
import dev.nnc.runtime.train.Penalty;
import dev.nnc.runtime.train.StepTimer;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"The median time of one training step (forward, backward for the parameters, SGD update; forward and",
        "backward alone for a program without parameters) on seeded random data, measured in-process after warm-up",
        "over blocks of at least 1 ms of steps."})
final class BenchCommand extends NncCommand {
  @Mixin ProgramOptions program;

  @Option(names = "--batch", defaultValue = "32", description = "Examples per step (default: ${DEFAULT-VALUE}).")
  int batch;

  @Mixin ThreadsOption threads;

  @Option(names = "--dtype", defaultValue = "f32", paramLabel = "f32|f64", description = "Precision (default: ${DEFAULT-VALUE}).")
  String dtype;

  @Option(names = "--warmup", defaultValue = "2", description = "Seconds of warm-up before measuring (default: ${DEFAULT-VALUE}).")
  double warmup;

  @Option(names = "--blocks", defaultValue = "200", description = "Measured blocks of at least 1 ms each (default: ${DEFAULT-VALUE}).")
  int blocks;

  @Override
  public Integer call() {
    if (batch < 1 || blocks < 1) throw new UsageException("--batch and --blocks must be at least 1");
    ModelSession session = new ModelSession(program, FlagValues.dtype(dtype));
    dev.nnc.runtime.CompiledProgram compiled = session.compile(batch);
    if (compiled.objective() == null) throw new UsageException("bench needs an objective: the program assigns no variable");
    Workspace ws = compiled.newWorkspace(common.seed);
    ws.randomize(common.seed, Set.of());
    Arena arena = ws.arena();
    BatchRunner runner = new BatchRunner(compiled, arena);
    Runnable step;
    if (runner.program().leafNames(dev.nnc.runtime.ArenaLayout.Role.PARAM).isEmpty()) {
      step = () -> {
        arena.forward();
        arena.backward();
      };
    } else {
      Optimizer sgd = Optimizer.named("sgd", 1e-6, Penalty.NONE, runner.parameterBlocks());
      step = () -> {
        arena.forward();
        arena.backward();
        sgd.step(arena.store());
      };
    }
    double micros;
    try (WorkerTeam team = threads.install()) {
      micros = StepTimer.medianMicros(step, warmup, blocks);
    }
    PrintWriter out = out();
    if (common.json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("us_per_step", micros);
      doc.put("batch", batch);
      doc.put("threads", threads.count());
      doc.put("dtype", dtype);
      out.println(Json.write(doc));
    } else {
      out.printf("%s: %.2f µs per step (batch %d, %d thread%s, %s; median of %d blocks)%n", runner.program().info().name(), micros, batch, threads.count(), threads.count() == 1 ? "" : "s", dtype, blocks);
    }
    return 0;
  }
}
