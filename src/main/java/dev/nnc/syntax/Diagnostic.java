package dev.nnc.syntax;

/**
 * One message about a program: {@code file:line:col: message}, then the source line and a caret
 * under the column, as SPEC.md §1 "Errors" prescribes. Warnings say {@code warning:} first.
 */
public record Diagnostic(SourceFile source, Span span, Severity severity, String message) {

  public enum Severity { ERROR, WARNING }

  public static Diagnostic error(SourceFile source, Span span, String message) {
    return new Diagnostic(source, span, Severity.ERROR, message);
  }

  public static Diagnostic warning(SourceFile source, Span span, String message) {
    return new Diagnostic(source, span, Severity.WARNING, message);
  }

  /** Characters of a source line shown whole; a longer one is shown around the caret. */
  static final int WIDEST_LINE = 160;

  /** The message with its location, the source line and a caret, ending in a newline. */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append(source.name()).append(':');
    if (span.line() > 0) out.append(span.line()).append(':').append(span.column()).append(':');
    out.append(' ');
    if (severity == Severity.WARNING) out.append("warning: ");
    out.append(message).append('\n');
    if (span.line() > 0) {
      String text = source.line(span.line());
      int caret = span.column() - 1;
      if (text.length() > WIDEST_LINE) {
        // A very long line (a generated program) is shown as a window around the caret.
        int from = Math.max(0, Math.min(caret - WIDEST_LINE / 2, text.length() - WIDEST_LINE));
        int to = Math.min(text.length(), from + WIDEST_LINE);
        String prefix = from > 0 ? "..." : "";
        text = prefix + text.substring(from, to) + (to < text.length() ? "..." : "");
        caret = caret - from + prefix.length();
      }
      out.append("  ").append(text).append('\n');
      out.append("  ").append(caretIndent(text, caret)).append("^\n");
    }
    return out.toString();
  }

  // Keep tabs as tabs so the caret lines up in a terminal whatever its tab width.
  private static String caretIndent(String text, int width) {
    StringBuilder pad = new StringBuilder();
    for (int i = 0; i < width; i++) pad.append(i < text.length() && text.charAt(i) == '\t' ? '\t' : ' ');
    return pad.toString();
  }
}
