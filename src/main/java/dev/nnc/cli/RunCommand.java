package dev.nnc.cli;

import dev.nnc.runtime.DeclaredShape;
import dev.nnc.runtime.ArenaLayout;
import dev.nnc.runtime.CompiledProgram;
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
        "with --input NAME=PHOTO.png, on images (PNG or JPEG; an input [1, H, W] gets the luminance, [3, H, W] R, G, B);",
        "with --input NAME=ROWS.csv, on each row of a CSV file, printing one CSV row of outputs per input row.",
        "--output NAME=PATH writes a value instead: .png from [1, H, W] or [3, H, W] (rounded, clamped to 0..255), .csv a row per example."})
final class RunCommand extends NncCommand {
  @Mixin ProgramSource program;
  @Mixin PointOptions point;

  @Option(names = "--weights", paramLabel = "W", description = "Trained weights (and their preprocessing) from nnc train.")
  Path weightsFile;

  @Option(names = "--input", paramLabel = "NAME=PATH", description = "An image for an input (PNG or JPEG; may repeat), or a CSV file whose columns fill the inputs in declaration order.")
  List<String> inputs = new ArrayList<>();

  @Option(names = "--output", paramLabel = "NAME=PATH", description = "Write a variable to a file instead of printing: .png or .csv (may repeat).")
  List<String> outputs = new ArrayList<>();

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
    List<NamedPath> in = NamedPath.parse("--input", inputs);
    List<NamedPath> out = NamedPath.parse("--output", outputs);
    for (NamedPath o : out) OutputFiles.requireDirectory(o.path());
    List<NamedPath> csv = in.stream().filter(f -> f.extension().equals("csv")).toList();
    if (csv.isEmpty()) return one(weights, in, out);
    if (in.size() > 1) {
      throw new UsageException("--input " + csv.get(0) + ": a CSV file fills every input (its columns in declaration order), so it comes alone");
    }
    return rows(weights, csv.get(0), out);
  }

  /** One example, in double precision: given by --at and images, every assigned value printed or the --output ones written. */
  private int one(Weights weights, List<NamedPath> imageFiles, List<NamedPath> outputFiles) {
    ModelSession session = ModelSession.forwardOnly(program, dev.nnc.runtime.Dtype.F64);
    ImageInputs images = ImageInputs.read(imageFiles.isEmpty() ? List.of() : session.declaredInputs(), imageFiles);
    Map<String, Integer> dims = new LinkedHashMap<>(point.dims(program));
    images.dims().forEach((name, size) -> {
      Integer given = dims.put(name, size);
      if (given != null && !given.equals(size)) throw new UsageException("--input binds " + name + " = " + size + ", but --at gave it " + given);
    });
    CompiledProgram compiled = session.compile(1, dims);
    List<ArenaLayout.Entry> written = OutputFiles.entries(compiled, outputFiles);
    List<String> drawn = new ArrayList<>();
    Workspace ws = point.workspace(compiled, common.seed, images.values(), drawn);
    if (weights != null) {
      for (Weights.Parameter p : weights.parameters()) ws.set(p.name(), p.values());
      for (String name : compiled.leafNames(Role.INPUT)) {
        double[] x = ws.leafValues(name);
        if (compiled.leafNames(Role.INPUT).size() == 1) weights.preprocessing().applyInPlace(x);
        ws.set(name, x);
      }
    }
    Objectives.noteDrawn(drawn, common.seed, err());
    ws.forward();
    if (!outputFiles.isEmpty()) {
      for (int i = 0; i < outputFiles.size(); i++) OutputFiles.write(outputFiles.get(i), written.get(i), ws.values(written.get(i).name()));
      return reportWritten(outputFiles, written);
    }
    Map<String, Object> outputs = new LinkedHashMap<>();
    PrintWriter out = out();
    for (ArenaLayout.Entry e : compiled.layout().withRole(Role.VALUE)) {
      double[] v = ws.values(e.name());
      outputs.put(e.name(), Tensors.nest(v, e.dims()));
      if (!common.json) out.println(e.name() + " = " + Tensors.format(v, e.dims()));
    }
    if (common.json) out.println(Json.write(Map.of("outputs", outputs)));
    return 0;
  }

  /**
   * Each row of a CSV file, in single precision: one CSV row per input row, of every assigned
   * value on stdout, or of each --output value in its file.
   */
  private int rows(Weights weights, NamedPath input, List<NamedPath> outputFiles) {
    ModelSession session = ModelSession.forwardOnly(program, weights == null ? dev.nnc.runtime.Dtype.F32 : weights.dtype());
    for (DeclaredShape d : session.declaredInputs()) {
      if (d.hasNamedAxes()) {
        throw new UsageException("--input " + input + ": input '" + d.input() + "' is declared " + d
            + ", and a CSV row cannot say what " + d.axes().stream().filter(DeclaredShape.Axis::named).map(DeclaredShape.Axis::name).collect(java.util.stream.Collectors.joining(" and "))
            + " are; declare its size (input " + d.input() + "[1, 8, 8]) or give it an image");
      }
    }
    BatchRunner probe = session.runner(1, common.seed);
    if (!probe.program().leafNames(Role.INPUT).contains(input.name())) {
      throw new UsageException("--input: the program has no input '" + input.name() + "'");
    }
    Dataset data = Dataset.read(input.path(), null, probe.program(), false);
    if (weights != null) weights.preprocessing().applyInPlace(data.features());
    int size = Math.min(batch, data.rows());
    BatchRunner full = session.runner(size, common.seed);
    BatchRunner tail = session.tail(data.rows(), size, common.seed);
    if (weights != null) {
      ModelSession.load(full, weights);
      if (tail != null) ModelSession.load(tail, weights);
    }
    List<List<ArenaLayout.Entry>> sinks = new ArrayList<>();
    if (outputFiles.isEmpty()) {
      // Without labels in the file, the objective (a loss of the labels) means nothing: leave it out.
      String objective = data.labels().length == 0 ? full.program().objective() : null;
      sinks.add(full.program().layout().withRole(Role.VALUE).stream().filter(e -> !e.name().equals(objective)).toList());
    } else {
      for (NamedPath f : outputFiles) {
        if (!f.extension().equals("csv")) throw new UsageException("--output " + f + ": the rows of a CSV file give CSV outputs (out.csv), one row per input row");
      }
      for (ArenaLayout.Entry e : OutputFiles.entries(full.program(), outputFiles)) sinks.add(List.of(e));
    }
    // stdout is printed as it goes; a file is written whole at the end, atomically.
    List<StringBuilder> texts = new ArrayList<>();
    List<java.util.function.Consumer<String>> lines = new ArrayList<>();
    for (List<ArenaLayout.Entry> values : sinks) {
      StringBuilder text = new StringBuilder();
      texts.add(text);
      lines.add(outputFiles.isEmpty() ? out()::println : line -> text.append(line).append('\n'));
      List<String> header = new ArrayList<>();
      for (ArenaLayout.Entry e : values) header.addAll(OutputFiles.columns(e));
      lines.get(lines.size() - 1).accept(String.join(",", header));
    }
    for (int from = 0; from < data.rows(); from += size) {
      BatchRunner runner = data.rows() - from >= size ? full : tail;
      runner.load(data, null, from);
      runner.arena().forward();
      for (int s = 0; s < sinks.size(); s++) {
        for (int e = 0; e < runner.batch(); e++) {
          List<String> cells = new ArrayList<>();
          for (ArenaLayout.Entry chosen : sinks.get(s)) {
            // Each batch size has its own class, and its values their own offsets.
            ArenaLayout.Entry v = runner.program().layout().find(chosen.name(), Role.VALUE);
            int per = OutputFiles.perExample(v);
            for (int i = 0; i < per; i++) cells.add(Numbers.format(runner.arena().get(v.offset() + e * per + i)));
          }
          lines.get(s).accept(String.join(",", cells));
        }
      }
    }
    if (outputFiles.isEmpty()) return 0;
    for (int i = 0; i < outputFiles.size(); i++) OutputFiles.writeText(outputFiles.get(i), texts.get(i).toString());
    return reportWritten(outputFiles, sinks.stream().map(l -> l.get(0)).toList());
  }

  /** What --output wrote: a line per file, or with --json {"written": {NAME: PATH}}. */
  private int reportWritten(List<NamedPath> files, List<ArenaLayout.Entry> values) {
    Map<String, Object> written = new LinkedHashMap<>();
    for (int i = 0; i < files.size(); i++) {
      written.put(files.get(i).name(), files.get(i).path().toString());
      if (!common.json) out().println("wrote " + files.get(i).path() + ": " + values.get(i).name() + (values.get(i).dims().isEmpty() ? "" : " " + values.get(i).dims()));
    }
    if (common.json) out().println(Json.write(Map.of("written", written)));
    return 0;
  }
}
