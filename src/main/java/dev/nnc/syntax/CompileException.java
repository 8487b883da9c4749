package dev.nnc.syntax;

/** A program was rejected; the diagnostic says where and why. */
public final class CompileException extends RuntimeException {
  private final Diagnostic diagnostic;

  public CompileException(Diagnostic diagnostic) {
    super(diagnostic.source().name() + ":" + diagnostic.span() + ": " + diagnostic.message());
    this.diagnostic = diagnostic;
  }

  public CompileException(SourceFile source, Span span, String message) {
    this(Diagnostic.error(source, span, message));
  }

  public Diagnostic diagnostic() {
    return diagnostic;
  }
}
