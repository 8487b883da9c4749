package dev.nnc.runtime;

import java.util.concurrent.Callable;

/**
 * Runs work on a thread with a large stack (used by the compiler and by every command, hence here with the runtime, which a compiled jar carries). The parser, the AST builder, lowering,
 * differentiation, the simplifier and the printers recurse over expressions and graphs; a long
 * chain ({@code a + a + ... + a}, or thousands of statements each using the one before) is as deep
 * as it is long. The language's limits (syntax.Limits: nesting depth, program size) bound that
 * depth, and this stack is sized so that every stage fits within them (tested by DeepProgramsTest),
 * so no input can make nnc overflow its stack. The stack is reserved, not committed: a small
 * program touches a few pages of it.
 */
public final class DeepStack {
  /** Bytes of stack: a program at the limits needs about a tenth of it (measured). */
  static final long STACK_BYTES = 1L << 30;

  private static final ThreadLocal<Boolean> DEEP = ThreadLocal.withInitial(() -> false);

  private DeepStack() {}

  /** {@code work}'s result, computed on a deep-stack thread (this one, if it is one already). */
  public static <T> T call(Callable<T> work) {
    if (DEEP.get()) return callHere(work);
    Object[] result = new Object[1];
    Throwable[] failure = new Throwable[1];
    Thread thread = new Thread(null, () -> {
      DEEP.set(true);
      try {
        result[0] = work.call();
      } catch (Throwable t) {
        failure[0] = t;
      }
    }, "nnc", STACK_BYTES);
    thread.start();
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;                 // the work decides when to stop; wait for it
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
    if (failure[0] instanceof RuntimeException e) throw e;
    if (failure[0] instanceof Error e) throw e;
    if (failure[0] != null) throw new IllegalStateException(failure[0]);
    @SuppressWarnings("unchecked")
    T t = (T) result[0];
    return t;
  }

  private static <T> T callHere(Callable<T> work) {
    try {
      return work.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
