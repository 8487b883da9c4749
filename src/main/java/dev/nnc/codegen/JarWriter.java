package dev.nnc.codegen;

import dev.nnc.aot.Catalog;
import dev.nnc.runtime.io.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes an ahead-of-time jar: the generated classes (one per variant, as resources the catalog
 * names), the catalog, and the classes the jar's main class and the generated classes reach
 * ({@link ClassClosure}). The same inputs give the same bytes: entries are sorted and dated alike.
 */
public final class JarWriter {
  /** Zip entries carry a date: a fixed one keeps the jar deterministic. */
  private static final long ENTRY_TIME = 315532800000L; // 1980-01-01T00:00:00Z, the zip format's epoch

  private JarWriter() {}

  /** What was written: the jar's size and how many of nnc's classes and generated classes it holds. */
  public record Written(long bytes, int runtimeClasses, int generatedClasses) {}

  /**
   * @param mainClass the jar's Main-Class, an internal name on nnc's class path
   * @param apiClasses further classes the jar offers (its Java API), reached from no main class
   * @param classBytes the generated classes, by the resource name the catalog gives each
   */
  public static Written write(Path jar, String mainClass, List<String> apiClasses, Catalog catalog, Map<String, byte[]> classBytes)
      throws IOException {
    List<String> roots = new java.util.ArrayList<>(apiClasses);
    roots.add(mainClass);
    Map<String, byte[]> runtime = ClassClosure.of(JarWriter.class.getClassLoader(), roots, classBytes.values());
    Map<String, byte[]> entries = new TreeMap<>();
    runtime.forEach((name, bytes) -> entries.put(name + ".class", bytes));
    entries.putAll(classBytes);
    entries.put(Catalog.RESOURCE, catalog.toJson().getBytes(StandardCharsets.UTF_8));

    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.put(Attributes.Name.MAIN_CLASS, mainClass.replace('/', '.'));
    main.put(new Attributes.Name("Created-By"), "nnc " + catalog.nncVersion() + " (nnc compile " + catalog.source() + ")");
    AtomicFile.write(jar, out -> {
      JarOutputStream zip = new JarOutputStream(out);
      JarEntry manifestEntry = new JarEntry("META-INF/MANIFEST.MF");
      manifestEntry.setTime(ENTRY_TIME);
      zip.putNextEntry(manifestEntry);
      manifest.write(zip);
      zip.closeEntry();
      for (Map.Entry<String, byte[]> e : entries.entrySet()) put(zip, e.getKey(), e.getValue());
      zip.finish();
    });
    return new Written(java.nio.file.Files.size(jar), runtime.size(), classBytes.size());
  }

  private static void put(JarOutputStream zip, String name, byte[] bytes) throws IOException {
    JarEntry entry = new JarEntry(name);
    entry.setTime(ENTRY_TIME);
    zip.putNextEntry(entry);
    zip.write(bytes);
    zip.closeEntry();
  }
}
