package dev.nnc;

import static com.google.common.truth.Truth.assertWithMessage;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

/** Compiles programs for tests, and verifies every generated class with ASM's CheckClassAdapter. */
public final class TestCompiler {
  private TestCompiler() {}

  public static Compilation compile(String text) {
    return verified(Nnc.compile("test.nn", text));
  }

  public static Compilation verified(Compilation c) {
    StringWriter problems = new StringWriter();
    CheckClassAdapter.verify(new ClassReader(c.classBytes()), TestCompiler.class.getClassLoader(), false, new PrintWriter(problems));
    assertWithMessage("CheckClassAdapter on the class of %s", c.program().name()).that(problems.toString()).isEmpty();
    return c;
  }
}
