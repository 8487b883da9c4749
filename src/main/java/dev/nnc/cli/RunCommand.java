package dev.nnc.cli;

import dev.nnc.runtime.ArenaLayout;
import dev.nnc.runtime.ArenaLayout.Role;
import dev.nnc.runtime.Workspace;
import dev.nnc.runtime.data.Dataset;
import dev.nnc.runtime.io.Json;
import dev.nnc.runtime.io.Weights;
import dev.nnc.runtime.train.BatchRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"The forward pass. With --at (or nothing), on one example, printing every assigned value;",
        "with --input NAME=ROWS.csv, on each row of a CSV file, printing one CSV row of outputs per input row."})
final class RunCommand extends NncCommand {
  @Mixin ProgramSource program;
  @Mixin PointOptions point;

  @Option(names = "--weights", paramLabel = "W", description = "Trained weights (and their preprocessing) from nnc train.")
  Path weightsFile;

  @Option(names = "--input", paramLabel = "NAME=PATH", description = "Run on the rows of a CSV file (the inputs' columns, in declaration order).")
  String input;

  @Option(names = "--batch", defaultValue = "256", description = "Rows per forward pass over a CSV file (default: ${DEFAULT-VALUE}).")
  int batch;

  RunCommand(ProgramSource program) {
    this.program = program;
  }

  @Override
  public Integer call() throws IOException {
    Weights weights = null;
    if (weightsFile != null) {
      weights = program.readWeights(weightsFile);
    }
    return input == null ? one(weights) : rows(weights);
  }

  /** One example, in double precision, every assigned value printed. */
  private int one(Weights weights) {
    ModelSession session = new ModelSession(program, dev.nnc.runtime.Dtype.F64);
    BatchRunner runner = session.runner(1, common.seed);
    List<String> drawn = new ArrayList<>();
    Workspace ws = point.workspace(runner.program(), common.seed, drawn);
    if (weights != null) {
      for (Weights.Parameter p : weights.parameters()) ws.set(p.name(), p.values());
      for (String name : runner.program().leafNames(Role.INPUT)) {
        double[] x = ws.leafValues(name);
        if (runner.program().leafNames(Role.INPUT).size() == 1) weights.preprocessing().applyInPlace(x);
        ws.set(name, x);
      }
    }
    Objectives.noteDrawn(drawn, common.seed, err());
    ws.forward();
    Map<String, Object> outputs = new LinkedHashMap<>();
    PrintWriter out = out();
    for (ArenaLayout.Entry e : runner.program().layout().withRole(Role.VALUE)) {
      double[] v = ws.values(e.name());
      outputs.put(e.name(), Tensors.nest(v, e.dims()));
      if (!common.json) out.println(e.name() + " = " + Tensors.format(v, e.dims()));
    }
    if (common.json) out.println(Json.write(Map.of("outputs", outputs)));
    return 0;
  }

  /** Each row of a CSV file, in single precision: one CSV row of every assigned value per input row. */
  private int rows(Weights weights) {
    int eq = input.indexOf('=');
    if (eq <= 0) throw new UsageException("--input takes NAME=PATH, got '" + input + "'");
    Path path = Path.of(input.substring(eq + 1));
    ModelSession session = new ModelSession(program, weights == null ? dev.nnc.runtime.Dtype.F32 : weights.dtype());
    BatchRunner probe = session.runner(1, common.seed);
    if (!probe.program().leafNames(Role.INPUT).contains(input.substring(0, eq))) {
      throw new UsageException("--input: the program has no input '" + input.substring(0, eq) + "'");
    }
    Dataset data = Dataset.read(path, null, probe.program(), false);
    if (weights != null) weights.preprocessing().applyInPlace(data.features());
    int size = Math.min(batch, data.rows());
    BatchRunner full = session.runner(size, common.seed);
    BatchRunner tail = session.tail(data.rows(), size, common.seed);
    if (weights != null) {
      ModelSession.load(full, weights);
      if (tail != null) ModelSession.load(tail, weights);
    }
    // Without labels in the file, the objective (a loss of the labels) means nothing: leave it out.
    String objective = data.labels().length == 0 ? full.program().objective() : null;
    List<ArenaLayout.Entry> values = full.program().layout().withRole(Role.VALUE).stream().filter(e -> !e.name().equals(objective)).toList();
    PrintWriter out = out();
    List<String> header = new ArrayList<>();
    for (ArenaLayout.Entry e : values) {
      int per = e.length() / full.batch();
      for (int i = 0; i < per; i++) header.add(per == 1 ? e.name() : e.name() + "[" + i + "]");
    }
    out.println(String.join(",", header));
    for (int from = 0; from < data.rows(); from += size) {
      BatchRunner runner = data.rows() - from >= size ? full : tail;
      runner.load(data, null, from);
      runner.arena().forward();
      for (int e = 0; e < runner.batch(); e++) {
        List<String> cells = new ArrayList<>();
        for (ArenaLayout.Entry v : values) {
          int per = v.length() / runner.batch();
          for (int i = 0; i < per; i++) cells.add(Numbers.format(runner.arena().get(v.offset() + e * per + i)));
        }
        out.println(String.join(",", cells));
      }
    }
    return 0;
  }
}
