package dev.nnc.fuzz;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.nnc.Compilation;
import dev.nnc.Nnc;
import dev.nnc.syntax.CompileException;
import dev.nnc.syntax.SourceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * Seeded fuzzing of the whole compiler: every program either compiles to a class that passes
 * CheckClassAdapter, or is rejected with a diagnostic at a place in the file. A crash (any other
 * exception), a hang (over 10 s) or a class that fails verification is a failure, reported with
 * the program that caused it.
 */
class FuzzTest {
  private static final int GENERATED = 6000;
  private static final int MUTATED = 4000;
  private static ExecutorService worker;

  @BeforeAll
  static void start() {
    worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(null, r, "fuzz", 64 << 20);   // deep expressions need stack
      t.setDaemon(true);
      return t;
    });
  }

  @AfterAll
  static void stop() {
    worker.shutdownNow();
  }

  @Test
  void generatedPrograms() {
    ProgramGenerator generator = new ProgramGenerator(42);
    List<String> failures = new ArrayList<>();
    int compiled = 0;
    for (int i = 0; i < GENERATED && failures.size() < 5; i++) {
      if (check("generated" + i + ".nn", generator.program(), failures)) compiled++;
    }
    assertWithMessage("programs that crashed, hung or failed verification").that(failures).isEmpty();
    // The generator must reach code generation, not only the checks that reject programs.
    assertWithMessage("generated programs that compiled").that(compiled).isAtLeast(GENERATED / 20);
  }

  @Test
  void mutatedExamples() throws IOException {
    List<String> examples = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("examples"))) {
      for (Path p : files.filter(p -> p.toString().endsWith(".nn")).sorted().toList()) examples.add(Files.readString(p));
    }
    Random random = new Random(7);
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < MUTATED && failures.size() < 5; i++) {
      String base = examples.get(random.nextInt(examples.size()));
      check("mutated" + i + ".nn", mutate(base, random), failures);
    }
    assertWithMessage("programs that crashed, hung or failed verification").that(failures).isEmpty();
  }

  /** Byte-level edits: delete, duplicate or overwrite a few spans with random or structural bytes. */
  private static String mutate(String text, Random random) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(new String(bytes, StandardCharsets.ISO_8859_1));
    int edits = 1 + random.nextInt(4);
    String alphabet = "()[]{},;=+-*/@^#\n 0123456789.eE_xWb$\u0001\u00ffinputlabelparammodellayerdefreturn";
    for (int e = 0; e < edits && out.length() > 0; e++) {
      int at = random.nextInt(out.length());
      int len = 1 + random.nextInt(Math.min(8, out.length() - at));
      switch (random.nextInt(3)) {
        case 0 -> out.delete(at, at + len);
        case 1 -> out.insert(at, out.substring(at, at + len));
        default -> {
          for (int k = 0; k < len && at + k < out.length(); k++) out.setCharAt(at + k, alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
    }
    return out.toString();
  }

  /** Whether the program compiled; a crash, hang or bad class is added to {@code failures}. */
  private static boolean check(String name, String program, List<String> failures) {
    Future<String> outcome = worker.submit(() -> compile(name, program));
    try {
      String problem = outcome.get(10, TimeUnit.SECONDS);
      if (problem == COMPILED) return true;
      if (problem != null) failures.add(problem + "\n--- " + name + " ---\n" + program);
    } catch (TimeoutException e) {
      outcome.cancel(true);
      failures.add("hang (over 10 s)\n--- " + name + " ---\n" + program);
    } catch (Exception e) {
      failures.add("harness: " + e + "\n--- " + name + " ---\n" + program);
    }
    return false;
  }

  private static final String COMPILED = "compiled";

  /** COMPILED when it compiled and verified, null when rejected properly, else what went wrong. */
  private static String compile(String name, String program) {
    try {
      Compilation c = Nnc.compile(new SourceFile(name, program), Nnc.Options.DEFAULT);
      StringWriter problems = new StringWriter();
      CheckClassAdapter.verify(new ClassReader(c.classBytes()), FuzzTest.class.getClassLoader(), false, new PrintWriter(problems));
      if (!problems.toString().isEmpty()) return "verification failed: " + problems;
      c.compiled().newWorkspace(0).forward();
      return COMPILED;
    } catch (CompileException e) {
      String rendered = e.diagnostic().render();
      return rendered.startsWith(name + ":") && !e.diagnostic().message().isBlank() ? null : "bad diagnostic: " + rendered;
    } catch (Throwable t) {
      StringWriter trace = new StringWriter();
      t.printStackTrace(new PrintWriter(trace));
      return "crash: " + trace.toString().lines().limit(8).reduce("", (a, b) -> a + b + "\n");
    }
  }
}
