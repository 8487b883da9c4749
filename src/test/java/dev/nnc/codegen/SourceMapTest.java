package dev.nnc.codegen;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nnc.Nnc;
import dev.nnc.TestCompiler;
import dev.nnc.runtime.KernelF64;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Source maps: a generated class names its .nn file (SourceFile attribute) and each statement's
 * line (LineNumberTable), so a stack trace through generated code points at the model's source.
 */
class SourceMapTest {
  private static final Path ADD_MUL = Path.of("examples/lecture/add_mul.nn"); // x = a * b on line 12, f = x + c on 13

  @Test
  void aStackTraceThroughGeneratedCodeNamesTheNnFileAndLine() throws IOException {
    KernelF64 kernel = (KernelF64) TestCompiler.verified(Nnc.compile(ADD_MUL)).compiled().kernel();
    // An arena too short for the stored value makes the statement that stores it throw.
    assertThat(generatedFrame(assertThrows(ArrayIndexOutOfBoundsException.class, () -> kernel.forward(new double[3]))))
        .isEqualTo(new StackTraceElement(kernel.getClass().getName(), "forward", "add_mul.nn", 12));
    assertThat(generatedFrame(assertThrows(ArrayIndexOutOfBoundsException.class, () -> kernel.forward(new double[4]))))
        .isEqualTo(new StackTraceElement(kernel.getClass().getName(), "forward", "add_mul.nn", 13));
  }

  private static StackTraceElement generatedFrame(Throwable t) {
    StackTraceElement top = t.getStackTrace()[0];
    // Compare the parts a reader sees; class loader and module names are the JVM's business.
    assertThat(Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getClassName().startsWith("dev.nnc.generated."))).isTrue();
    return new StackTraceElement(top.getClassName(), top.getMethodName(), top.getFileName(), top.getLineNumber());
  }
}
