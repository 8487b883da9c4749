package dev.nnc.syntax;

import dev.nnc.syntax.antlr.NnLexer;
import dev.nnc.syntax.antlr.NnParser;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/** Parses .nn text into an {@link Ast.Program}, or throws a {@link CompileException} at the first error. */
public final class Parser {
  private Parser() {}

  public static Ast.Program parse(SourceFile source) {
    NnLexer lexer = new NnLexer(CharStreams.fromString(source.text(), source.name()));
    lexer.removeErrorListeners();
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    // Lex the whole file first: then the lexer knows which brackets are never closed.
    tokens.fill();
    Limits.checkTokens(source, tokens.getTokens());
    return new AstBuilder(source).program(parseTree(source, tokens, lexer.innermostUnclosed()));
  }

  /**
   * ANTLR's two-stage parse: the fast SLL prediction, which is exact for this grammar's valid
   * programs, and only on an error a second, full-LL parse that reports it in plain words.
   */
  private static NnParser.ProgramContext parseTree(SourceFile source, CommonTokenStream tokens, int[] unclosed) {
    NnParser fast = new NnParser(tokens);
    fast.removeErrorListeners();
    fast.getInterpreter().setPredictionMode(PredictionMode.SLL);
    fast.setErrorHandler(new BailErrorStrategy());
    try {
      return fast.program();
    } catch (ParseCancellationException e) {
      tokens.seek(0);
      NnParser parser = new NnParser(tokens);
      parser.removeErrorListeners();
      parser.addErrorListener(new FirstErrorThrower(source, unclosed));
      return parser.program();
    }
  }

  /** Reports the first syntax error in plain words ("unexpected ')'; expected a name or a number"). */
  private static final class FirstErrorThrower extends BaseErrorListener {
    private final SourceFile source;
    /** {line, column} of the innermost bracket never closed in the file, or null. */
    private final int[] unclosed;

    FirstErrorThrower(SourceFile source, int[] unclosed) {
      this.source = source;
      this.unclosed = unclosed;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int col,
        String antlrMessage, RecognitionException e) {
      Token token = (Token) offending;
      // An error after a bracket that is never closed is that bracket's fault: point at it.
      if (unclosed != null && (line > unclosed[0] || line == unclosed[0] && col > unclosed[1])) {
        String bracket = source.line(unclosed[0]).substring(unclosed[1], unclosed[1] + 1);
        throw new CompileException(source, new Span(unclosed[0], unclosed[1] + 1), "'" + bracket + "' is never closed");
      }
      NnParser parser = (NnParser) recognizer;
      IntervalSet expected = e != null ? e.getExpectedTokens() : parser.getExpectedTokens();
      String message = "unexpected " + describe(token);
      String wanted = describeExpected(expected, parser.getVocabulary());
      if (!wanted.isEmpty()) message += "; expected " + wanted;
      throw new CompileException(source, new Span(line, col + 1), message);
    }

    private static String describe(Token token) {
      return switch (token.getType()) {
        case Token.EOF -> "end of file";
        case NnLexer.NEWLINE -> "end of line";
        case NnLexer.STRAY -> "character " + quoteChar(token.getText());
        case NnLexer.NAME -> "name '" + token.getText() + "'";
        case NnLexer.NUMBER -> "number " + token.getText();
        default -> "'" + token.getText() + "'";
      };
    }

    private static String quoteChar(String text) {
      int c = text.codePointAt(0);
      return c < 32 || c > 126 ? String.format("U+%04X", c) : "'" + text + "'";
    }

    // Only short lists help a reader; a long one ("expected one of 14 tokens") does not.
    private static String describeExpected(IntervalSet expected, Vocabulary vocabulary) {
      if (expected == null || expected.size() > 4) return "";
      List<String> names = new ArrayList<>();
      for (int type : expected.toList()) {
        names.add(switch (type) {
          case Token.EOF -> "end of file";
          case NnLexer.NEWLINE -> "end of line";
          case NnLexer.NAME -> "a name";
          case NnLexer.NUMBER -> "a number";
          default -> vocabulary.getLiteralName(type) == null ? vocabulary.getDisplayName(type) : vocabulary.getLiteralName(type);
        });
      }
      if (names.size() == 1) return names.get(0);
      return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }
  }
}
