package dev.nnc.runtime.kernels;

/**
 * Whether this JVM was started with the incubating Vector API ({@code --add-modules
 * jdk.incubator.vector}). A jar run with a bare {@code java -jar} has no such flag, so the kernels
 * must be able to run without it; nothing in this class touches the module itself.
 */
public final class VectorSupport {
  private static final boolean AVAILABLE =
      ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

  private VectorSupport() {}

  public static boolean available() {
    return AVAILABLE;
  }
}
