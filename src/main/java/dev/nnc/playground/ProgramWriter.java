package dev.nnc.playground;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes the page's network as a {@code .nn} program, its data as CSV, and the {@code nnc train}
 * command that trains the program on the data exactly as the playground does: the features are
 * the CSV's columns (the program's input vector), each hidden layer is a prelude {@code dense},
 * and the output is one logit under {@code bce_logits} (classification) or one value under
 * {@code mse} (regression).
 */
public final class ProgramWriter {
  /** The names of the downloads, which the command refers to. */
  public static final String PROGRAM_FILE = "playground.nn";
  public static final String DATA_FILE = "playground.csv";
  public static final String GRAD_FILE = "playground.grad.txt";

  private ProgramWriter() {}

  public static String program(Settings s) {
    StringBuilder out = new StringBuilder();
    String columns = s.features().stream().map(Feature::column).collect(Collectors.joining(", "));
    out.append("# nnc playground: ").append(s.dataSet().id()).append(" data (noise ").append(s.noisePercent())
        .append(" %), features ").append(columns).append(", hidden layers ")
        .append(s.layers().isEmpty() ? "none" : s.layers().stream().map(String::valueOf).collect(Collectors.joining(", ")))
        .append(" (").append(s.activation()).append(").\n");
    out.append("# Train it on the data as the playground does (N: the epochs the page shows):\n");
    out.append("#   ").append(command(s, "N")).append('\n');
    out.append("model playground {\n");
    out.append("  input x[").append(s.features().size()).append("]").append(pad(s.features().size())).append("# ").append(columns).append('\n');
    out.append("  label y").append(pad(-1)).append(s.dataSet().classification() ? "# 1: blue, 0: orange" : "# the value, from -1 to 1").append('\n');
    String previous = "x";
    for (int i = 0; i < s.layers().size(); i++) {
      String name = "h" + (i + 1);
      out.append("  ").append(name).append(" = dense(").append(previous).append(", ").append(s.layers().get(i))
          .append(", act = ").append(s.activation()).append(")\n");
      previous = name;
    }
    out.append("  out = dense(").append(previous).append(", 1, act = identity)\n");
    out.append("  loss = ").append(s.dataSet().classification() ? "bce_logits" : "mse").append("(out, y)\n");
    out.append("}\n");
    return out.toString();
  }

  private static String pad(int dim) {
    int used = dim < 0 ? "  label y".length() : ("  input x[" + dim + "]").length();
    return " ".repeat(Math.max(1, 32 - used));
  }

  /** The variable that holds hidden layer {@code index} (0-based). */
  public static String layerVariable(int index) {
    return "h" + (index + 1);
  }

  /** The variable that holds the output (a logit or a value). */
  public static final String OUTPUT = "out";

  /** The {@code nnc train} command that reproduces {@code epochs} epochs of the playground's training. */
  public static String command(Settings s, String epochs) {
    StringBuilder c = new StringBuilder("nnc train " + PROGRAM_FILE + " --data " + DATA_FILE);
    for (String word : arguments(s, epochs)) c.append(' ').append(word);
    return c.toString();
  }

  /** The flags of {@link #command}, one word each, as a test hands them to the CLI. */
  public static List<String> arguments(Settings s, String epochs) {
    List<String> words = new java.util.ArrayList<>(List.of("--split", Double.toString(s.split()), "--seed", Long.toString(s.seed()),
        "--epochs", epochs, "--batch", Integer.toString(s.batch()), "--lr", Double.toString(s.learningRate())));
    if (!s.optimizer().equals("sgd")) words.addAll(List.of("--optimizer", s.optimizer()));
    if (s.l1() > 0) words.addAll(List.of("--l1", Double.toString(s.l1())));
    if (s.l2() > 0) words.addAll(List.of("--l2", Double.toString(s.l2())));
    return words;
  }

  /** The points as CSV: the chosen features' columns, then the label; numbers that read back exactly. */
  public static String csv(Settings s, List<Point> points) {
    StringBuilder out = new StringBuilder();
    for (Feature f : s.features()) out.append(f.column()).append(',');
    out.append("label\n");
    for (Point p : points) {
      for (Feature f : s.features()) out.append(f.of(p.x1(), p.x2())).append(',');
      out.append(p.label()).append('\n');
    }
    return out.toString();
  }
}
