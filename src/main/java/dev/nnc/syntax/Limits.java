package dev.nnc.syntax;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.Token;

/**
 * The sizes nnc accepts, each reported at the place that crosses it (docs/limits.md). They bound
 * how deep the compiler's recursion over expressions and graphs can go, so that together with
 * {@link dev.nnc.runtime.DeepStack} no program overflows the stack, and how large a generated class can
 * grow.
 */
public final class Limits {
  private Limits() {}

  /** Levels of brackets, calls, unary minus and {@code ^} one expression may nest. */
  public static final int MAX_NESTING = 1000;

  /** Tokens in one source file. */
  public static final int MAX_TOKENS = 1_000_000;

  /** Nodes of the graph a program lowers to (its size after every def and layer is inlined). */
  public static final int MAX_NODES = 50_000;

  /** Axes of a tensor (the batch axis not counted). */
  public static final int MAX_RANK = 8;

  /** Tokens that leave the next '-' unary: it starts an operand rather than subtracting. */
  private static final Set<String> BEFORE_OPERAND = Set.of("(", "[", ",", "=", "+", "-", "*", "/", "@", "^", ";", "{", "return");

  /** Operators that end a chain of unary minus and {@code ^}: what follows is a new operand. */
  private static final Set<String> CHAIN_ENDS = Set.of("+", "-", "*", "/", "@", ",", "=");

  /**
   * Checks the token count and the nesting depth before ANTLR parses (its parser recurses once per
   * level). The depth of a place is the brackets around it plus the unary minuses and {@code ^}s
   * it is the operand of; a binary operator at the same bracket level ends such a chain.
   */
  static void checkTokens(SourceFile source, List<Token> tokens) {
    if (tokens.size() > MAX_TOKENS) {
      Token t = tokens.get(MAX_TOKENS);
      throw new CompileException(source, new Span(t.getLine(), t.getCharPositionInLine() + 1),
          "the program is too large: it has more than " + MAX_TOKENS + " tokens (nnc's limit)");
    }
    ArrayDeque<int[]> outer = new ArrayDeque<>();
    int base = 0;
    int chain = 0;
    String previous = ";";
    for (Token t : tokens) {
      if (t.getType() == Token.EOF) break;
      String text = t.getText();
      if (t.getType() == dev.nnc.syntax.antlr.NnLexer.NEWLINE || text.equals(";")) {
        outer.clear();
        base = 0;
        chain = 0;
      } else if (text.equals("(") || text.equals("[")) {
        outer.push(new int[] {base, chain});
        base += chain + 1;
        chain = 0;
        checkDepth(source, t, base);
      } else if (text.equals(")") || text.equals("]")) {
        if (!outer.isEmpty()) {
          int[] enclosing = outer.pop();
          base = enclosing[0];
          chain = enclosing[1];
        }
      } else if (text.equals("^") || text.equals("-") && BEFORE_OPERAND.contains(previous)) {
        chain++;
        checkDepth(source, t, base + chain);
      } else if (CHAIN_ENDS.contains(text)) {
        chain = 0;
      }
      previous = t.getType() == dev.nnc.syntax.antlr.NnLexer.NEWLINE ? ";" : text;
    }
  }

  private static void checkDepth(SourceFile source, Token t, int depth) {
    if (depth > MAX_NESTING) {
      throw new CompileException(source, new Span(t.getLine(), t.getCharPositionInLine() + 1),
          "the expression nests more than " + MAX_NESTING + " levels deep here (nnc's limit); name parts of it with assignments");
    }
  }
}
