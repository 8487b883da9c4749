package dev.nnc.aot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Runs Java in a separate JVM, as a user would: the JDK's own java, no inherited class path and no
 * JVM options from the environment (so no --add-modules unless given).
 */
public final class SeparateJvm {
  private SeparateJvm() {}

  public record Result(int status, String out, String err) {}

  /** {@code java [jvmFlags] -jar jar args}. */
  static Result jar(Path jar, List<String> jvmFlags, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(jvmFlags);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    return java(command);
  }

  /** {@code java -cp classPath mainClass args}. */
  static Result main(String classPath, String mainClass, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("-cp", classPath, mainClass));
    command.addAll(List.of(args));
    return java(command);
  }

  /** {@code java arguments}: JVM flags, then what to run. */
  public static Result java(List<String> arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:+UseSerialGC");
    command.addAll(arguments);
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    for (String inherited : List.of("CLASSPATH", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) env.remove(inherited);
    Process p = pb.start();
    p.getOutputStream().close();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    String out = read(p.getInputStream());
    return new Result(p.waitFor(), out, err.join());
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
