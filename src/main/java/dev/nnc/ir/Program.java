package dev.nnc.ir;

import dev.nnc.syntax.Diagnostic;
import dev.nnc.syntax.SourceFile;
import dev.nnc.syntax.Span;
import java.util.List;
import java.util.Map;

/**
 * A lowered program: the graph, its leaves in declaration order, every assigned variable in
 * order, and the objective (the variable {@code loss}, else the last assignment).
 *
 * @param origins the source place of each node made while lowering, for messages and line numbers
 * @param prediction what the model predicts (the first argument of its loss call), or null
 */
public record Program(
    SourceFile source,
    String name,
    Graph graph,
    List<Leaf> leaves,
    Map<String, Node> variables,
    Map<String, Span> variableSpans,
    String objectiveName,
    Map<Node, Span> origins,
    List<Diagnostic> warnings,
    Prediction prediction) {

  public Node objective() {
    return objectiveName == null ? null : variables.get(objectiveName);
  }

  public Leaf leaf(String name) {
    return leaves.stream().filter(l -> l.name().equals(name)).findFirst().orElse(null);
  }

  /** The same program with another variable as its objective ({@code --of NAME}). */
  public Program withObjective(String variable) {
    return new Program(source, name, graph, leaves, variables, variableSpans, variable, origins, warnings, prediction);
  }
}
