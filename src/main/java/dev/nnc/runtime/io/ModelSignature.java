package dev.nnc.runtime.io;

import dev.nnc.runtime.ArenaLayout;
import dev.nnc.runtime.CompiledProgram;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a weights file must match to be applied to a model: its fingerprint and the name and shape
 * of every parameter.
 *
 * @param shapes parameter shapes by full name ({@code h1.W}), in declaration order
 */
public record ModelSignature(String name, String fingerprint, Map<String, int[]> shapes) {

  public ModelSignature {
    LinkedHashMap<String, int[]> copy = new LinkedHashMap<>();
    shapes.forEach((k, v) -> copy.put(k, v.clone()));
    shapes = Collections.unmodifiableMap(copy);
  }

  /** The signature of a compiled program (any variant of it: they share name, text and parameters). */
  public static ModelSignature of(CompiledProgram program) {
    Map<String, int[]> shapes = new LinkedHashMap<>();
    for (ArenaLayout.Entry e : program.layout().withRole(ArenaLayout.Role.PARAM)) shapes.put(e.name(), e.shape());
    return of(program.info().name(), program.info().canonicalText(), shapes);
  }

  /**
   * The signature whose fingerprint is {@code sha256:} and the SHA-256 of the model's canonical
   * text followed by each parameter's name and shape, so any change to the program, a renamed
   * layer or a resized one gives another fingerprint.
   */
  public static ModelSignature of(String name, String canonicalText, Map<String, int[]> shapes) {
    StringBuilder described = new StringBuilder(canonicalText);
    shapes.forEach((param, shape) -> described.append('\n').append(param).append(Arrays.toString(shape)));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(described.toString().getBytes(StandardCharsets.UTF_8));
      return new ModelSignature(name, "sha256:" + HexFormat.of().formatHex(digest), shapes);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every Java platform has SHA-256", e);
    }
  }
}
