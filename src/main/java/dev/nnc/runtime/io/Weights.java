package dev.nnc.runtime.io;

import dev.nnc.runtime.Arena;
import dev.nnc.runtime.ArenaLayout;
import dev.nnc.runtime.CompiledProgram;
import dev.nnc.runtime.Dtype;
import dev.nnc.runtime.data.Preprocessing;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a weights file holds: the model it belongs to, the trained parameters, the preprocessing
 * statistics of the training rows, and free-form metadata (seed, epochs, ...).
 *
 * @param modelName the model's name, for messages
 * @param fingerprint identifies the model's program (see {@link ModelSignature})
 * @param dtype how values are stored; f32 values are held here as the doubles they convert to
 *     exactly
 * @param metadata key/value strings, kept in insertion order
 */
public record Weights(String modelName, String fingerprint, Dtype dtype, List<Parameter> parameters, Preprocessing preprocessing, Map<String, String> metadata) {

  public Weights {
    parameters = List.copyOf(parameters);
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** The parameters of a program as they are in {@code arena}, as a weights file records them. */
  public static List<Parameter> parametersOf(CompiledProgram program, Arena arena) {
    List<Parameter> out = new java.util.ArrayList<>();
    for (ArenaLayout.Entry e : program.layout().withRole(ArenaLayout.Role.PARAM)) {
      double[] values = new double[e.length()];
      for (int i = 0; i < values.length; i++) values[i] = arena.get(e.offset() + i);
      out.add(new Parameter(e.name(), e.shape(), values));
    }
    return out;
  }

  /** Puts these parameters into {@code arena} (the file was checked against the program's signature). */
  public void applyTo(CompiledProgram program, Arena arena) {
    for (Parameter p : parameters) {
      ArenaLayout.Entry e = program.layout().find(p.name(), ArenaLayout.Role.PARAM);
      arena.copyIn(p.values(), 0, e.offset(), e.length());
    }
  }

  /** One trained tensor, its values flat in row-major order. */
  public record Parameter(String name, int[] shape, double[] values) {
    public Parameter {
      shape = shape.clone();
      long count = 1;
      for (int d : shape) count *= d;
      if (count != values.length) throw new IllegalArgumentException("parameter '" + name + "' of shape " + Arrays.toString(shape) + " needs " + count + " values, not " + values.length);
    }

    /** From single-precision values (each converts to double exactly). */
    public static Parameter ofFloats(String name, int[] shape, float[] values) {
      double[] wide = new double[values.length];
      for (int i = 0; i < values.length; i++) wide[i] = values[i];
      return new Parameter(name, shape, wide);
    }

    /** The values rounded to float (exact for a parameter read from an f32 file). */
    public float[] floats() {
      float[] narrow = new float[values.length];
      for (int i = 0; i < values.length; i++) narrow[i] = (float) values[i];
      return narrow;
    }
  }
}
