package dev.nnc.cli;

import dev.nnc.runtime.io.Json;
import dev.nnc.runtime.ArenaLayout.Role;
import dev.nnc.runtime.CompiledProgram;
import dev.nnc.runtime.DeclaredShape;
import dev.nnc.runtime.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The point a command evaluates at: {@code --at NAME=VALUE ...} and {@code --at-file F}. Inputs and
 * labels not given are drawn from N(0, 1) with the seed; parameters not given keep their initial
 * values (SPEC.md §2).
 */
final class PointOptions {
  @Option(names = "--at", arity = "1..*", paramLabel = "NAME=VALUE",
      description = "Values of inputs, labels or parameters, e.g. --at a=3 b=2 c=-4 (may repeat).")
  List<String> at = new ArrayList<>();

  @Option(names = "--at-file", paramLabel = "VALUES.json", description = "A JSON object of the same values.")
  Path atFile;

  /** The given values by name, flattened row-major; --at-file first so that --at overrides it. */
  Map<String, double[]> values() {
    Map<String, double[]> values = new LinkedHashMap<>();
    given().forEach((name, g) -> values.put(name, Tensors.flatten(g.json(), g.where())));
    return values;
  }

  /**
   * The dimensions the given arrays bind (SPEC.md §1: {@code input img[1, H, W]} with
   * {@code --at img=[[[...]]]}): each named axis takes the length of the array's axis there.
   * Empty when no array is given or the program names no dimension.
   */
  Map<String, Integer> dims(ProgramSource program) {
    Map<String, Given> given = given();
    Map<String, Integer> dims = new LinkedHashMap<>();
    if (given.values().stream().noneMatch(g -> g.json() instanceof List)) return dims;
    for (DeclaredShape d : program.declaredInputs()) {
      Given g = given.get(d.input());
      if (g == null || !d.hasNamedAxes()) continue;
      List<Integer> shape = Tensors.shape(g.json(), g.where());
      if (shape.size() != d.rank()) throw new UsageException(g.where() + ": input '" + d.input() + "' is declared " + d + ", but the array has shape " + shape);
      for (int i = 0; i < d.rank(); i++) {
        if (!d.axis(i).named()) continue;
        Integer bound = dims.putIfAbsent(d.axis(i).name(), shape.get(i));
        if (bound != null && !bound.equals(shape.get(i))) {
          throw new UsageException(g.where() + ": gives " + d.axis(i).name() + " = " + shape.get(i) + ", but another input gave it " + bound);
        }
      }
    }
    return dims;
  }

  /** A value as given: a number (Double) or nested JSON arrays, and where it came from, for messages. */
  private record Given(Object json, String where) {}

  private Map<String, Given> given() {
    Map<String, Given> given = new LinkedHashMap<>();
    if (atFile != null) readFile(given);
    for (String word : at) {
      int eq = word.indexOf('=');
      if (eq <= 0) throw new UsageException("--at takes NAME=VALUE, got '" + word + "'");
      String text = word.substring(eq + 1).trim();
      String where = "--at " + word;
      given.put(word.substring(0, eq), new Given(text.startsWith("[") ? array(text, where) : (Object) number(text, where), where));
    }
    return given;
  }

  private static Object array(String text, String where) {
    try {
      return Json.parse(text);
    } catch (Json.ParseException e) {
      throw new UsageException(where + ": " + e.getMessage());
    }
  }

  private void readFile(Map<String, Given> given) {
    String text;
    try {
      text = Files.readString(atFile);
    } catch (IOException e) {
      throw new UsageException("cannot read '" + atFile + "': " + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
    }
    Object parsed;
    try {
      parsed = Json.parse(text);
    } catch (Json.ParseException e) {
      throw new UsageException(atFile + ": offset " + e.offset + ": " + e.getMessage());
    }
    if (!(parsed instanceof Map<?, ?> map)) throw new UsageException(atFile + ": expected a JSON object of NAME: VALUE");
    map.forEach((k, v) -> given.put((String) k, new Given(v, atFile + ": the value of '" + k + "'")));
  }

  private static double number(String text, String where) {
    try {
      double v = Double.parseDouble(text.trim());
      if (text.trim().endsWith("d") || text.trim().endsWith("f") || text.trim().endsWith("D") || text.trim().endsWith("F")) throw new NumberFormatException();
      return v;
    } catch (NumberFormatException e) {
      throw new UsageException(where + ": '" + text + "' is not a number");
    }
  }

  /** A workspace at the point; the names of values drawn at random are added to {@code drawn}. */
  Workspace workspace(CompiledProgram program, long seed, List<String> drawn) {
    return workspace(program, seed, Map.of(), drawn);
  }

  /** As {@link #workspace(CompiledProgram, long, List)}, with inputs read from files ({@code run --input img=photo.png}). */
  Workspace workspace(CompiledProgram program, long seed, Map<String, double[]> fromFiles, List<String> drawn) {
    Map<String, double[]> values = values();
    for (String name : fromFiles.keySet()) {
      if (values.containsKey(name)) throw new UsageException("'" + name + "' is given twice, by --at and by --input");
    }
    Workspace ws = program.newWorkspace(seed);
    List<String> leaves = new ArrayList<>();
    for (Role role : new Role[] {Role.INPUT, Role.LABEL, Role.PARAM}) leaves.addAll(program.leafNames(role));
    for (String name : values.keySet()) {
      if (!leaves.contains(name)) {
        String hint = dev.nnc.syntax.Suggestions.didYouMean(name, leaves);
        throw new UsageException("--at: the program has no input, label or param '" + name + "'" + hint);
      }
    }
    java.util.Set<String> given = new java.util.HashSet<>(values.keySet());
    given.addAll(fromFiles.keySet());
    drawn.addAll(ws.randomize(seed, given));
    values.forEach((name, v) -> {
      int expected = ws.leafValues(name).length;
      if (v.length == 1) ws.set(name, v[0]);
      else if (v.length == expected) ws.set(name, v);
      else throw new UsageException("--at " + name + ": expected " + expected + " numbers, got " + v.length);
    });
    fromFiles.forEach(ws::set);
    return ws;
  }
}
