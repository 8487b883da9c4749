package dev.nnc.codegen;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;

/**
 * The classes some classes need, transitively: every class their constant pools, signatures,
 * annotations and lambdas name, read with ASM, except the JDK's. This is how {@code nnc compile}
 * ships "just the runtime they need": what the generated classes and the jar's main class reach,
 * and nothing else (no compiler, no ANTLR, no ASM).
 */
public final class ClassClosure {
  private ClassClosure() {}

  /**
   * The bytes of every non-JDK class reachable from {@code roots} (internal names, read from
   * {@code loader}) and from the classes in {@code extraRoots} (already in bytes, not included in
   * the result), by internal name in sorted order.
   */
  public static Map<String, byte[]> of(ClassLoader loader, Iterable<String> roots, Iterable<byte[]> extraRoots) {
    Map<String, byte[]> found = new TreeMap<>();
    Set<String> given = new HashSet<>();
    Deque<String> pending = new ArrayDeque<>();
    roots.forEach(pending::add);
    for (byte[] bytes : extraRoots) {
      given.add(new ClassReader(bytes).getClassName());
      references(bytes, pending);
    }
    while (!pending.isEmpty()) {
      String name = pending.pop();
      if (found.containsKey(name) || given.contains(name) || isJdk(name, loader)) continue;
      byte[] bytes = read(loader, name);
      found.put(name, bytes);
      references(bytes, pending);
    }
    return found;
  }

  private static boolean isJdk(String name, ClassLoader loader) {
    return name.startsWith("java/") || name.startsWith("javax/") || name.startsWith("jdk/") || name.startsWith("sun/")
        || ClassLoader.getPlatformClassLoader().getResource(name + ".class") != null;
  }

  private static byte[] read(ClassLoader loader, String name) {
    try (InputStream in = loader.getResourceAsStream(name + ".class")) {
      if (in == null) throw new IllegalStateException("class " + name + " is referenced but not on nnc's class path");
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read class " + name, e);
    }
  }

  /** Adds to {@code out} every class the class file names, however it names it. */
  private static void references(byte[] bytes, Deque<String> out) {
    Remapper collector = new Remapper() {
      @Override
      public String map(String internalName) {
        Type type = internalName.startsWith("[") ? Type.getType(internalName).getElementType() : Type.getObjectType(internalName);
        if (type.getSort() == Type.OBJECT) out.add(type.getInternalName());
        return internalName;
      }
    };
    // A ClassWriter downstream, because the remapper visits a method's code or an annotation's
    // values only when the next visitor asks for them; the class it writes is thrown away.
    new ClassReader(bytes).accept(new ClassRemapper(new ClassWriter(0), collector), 0);
  }
}
