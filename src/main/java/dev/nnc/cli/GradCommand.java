package dev.nnc.cli;

import dev.nnc.runtime.io.Json;
import dev.nnc.runtime.ArenaLayout;
import dev.nnc.runtime.ArenaLayout.Role;
import dev.nnc.runtime.CompiledProgram;
import dev.nnc.runtime.Variant;
import dev.nnc.runtime.Workspace;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "grad", mixinStandardHelpOptions = true,
    description = {"The objective's value and its gradient with respect to every input and parameter, at one point, in double precision.",
        "The objective is the variable named loss, else the last assignment."})
final class GradCommand extends NncCommand {
  @Mixin ProgramSource program;
  @Mixin PointOptions point;

  @Option(names = "--of", paramLabel = "NAME", description = "Differentiate this variable instead of the objective.")
  String of;

  GradCommand(ProgramSource program) {
    this.program = program;
  }

  @Override
  public Integer call() {
    CompiledProgram compiled = program.compile(Variant.grad(of).withDims(point.dims(program)), err());
    String objective = Objectives.require(compiled, program, "grad");
    List<String> drawn = new ArrayList<>();
    Workspace ws = point.workspace(compiled, common.seed, drawn);
    Objectives.noteDrawn(drawn, common.seed, err());
    ws.forward();
    ws.backward();
    Map<String, Object> gradients = new LinkedHashMap<>();
    Map<String, String> text = new LinkedHashMap<>();
    for (Role role : new Role[] {Role.INPUT, Role.PARAM}) {
      for (String name : compiled.leafNames(role)) {
        ArenaLayout.Entry e = compiled.layout().find(name, Role.GRADIENT);
        double[] g = ws.gradients(name);
        gradients.put(name, Tensors.nest(g, e.dims()));
        text.put(name, Tensors.format(g, e.dims()));
      }
    }
    PrintWriter out = out();
    if (common.json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("outputs", Map.of(objective, ws.value(objective)));
      doc.put("gradients", gradients);
      out.println(Json.write(doc));
    } else {
      out.println(objective + " = " + Numbers.format(ws.value(objective)));
      text.forEach((name, g) -> out.println("d" + objective + "/d" + name + " = " + g));
    }
    return 0;
  }
}
