package dev.nnc.runtime;

/**
 * Defines each generated class in a class loader of its own, so programs with the same class name
 * coexist and a class is unloaded with its program. An ordinary (not hidden) class keeps its frames
 * in stack traces, where the .nn line numbers are useful.
 */
public final class KernelLoader extends ClassLoader {
  private KernelLoader() {
    super(KernelF64.class.getClassLoader());
  }

  /** Defines the class and returns its instance: a KernelF32 or a KernelF64. */
  public static Object load(String internalName, byte[] bytes) {
    KernelLoader loader = new KernelLoader();
    Class<?> cls = loader.defineClass(internalName.replace('/', '.'), bytes, 0, bytes.length);
    try {
      return cls.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot instantiate generated class " + internalName, e);
    }
  }
}
