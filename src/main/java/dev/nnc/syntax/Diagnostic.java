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
      out.append("  ").append(text).append('\n');
      out.append("  ").append(caretIndent(text, span.column() - 1)).append("^\n");
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
