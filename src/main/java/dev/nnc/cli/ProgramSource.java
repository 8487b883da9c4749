package dev.nnc.cli;

import dev.nnc.runtime.ArenaLayout;
import dev.nnc.runtime.CompiledProgram;
import dev.nnc.runtime.DeclaredShape;
import dev.nnc.runtime.Variant;
import dev.nnc.runtime.io.ModelSignature;
import dev.nnc.runtime.io.Weights;
import dev.nnc.runtime.io.WeightsFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where grad, run and train get their compiled program: compiled from a .nn file by nnc
 * ({@link ProgramOptions}), or loaded from the classes built into a jar by {@code nnc compile}
 * ({@link BuiltInProgram}). The commands themselves are the same code in both.
 */
interface ProgramSource {
  /** What error messages call the program: its file, or the model built into a jar. */
  String name();

  /**
   * The program specialised for {@code variant}.
   *
   * @param warnings where the program's warnings go (null: nowhere)
   */
  CompiledProgram compile(Variant variant, PrintWriter warnings);

  /**
   * The shapes the inputs declare, with the dimensions the data binds by name
   * ({@code input img[3, H, W]}). A program compiled ahead of time has its shapes fixed: they are
   * those of its compiled inputs.
   */
  default List<DeclaredShape> declaredInputs() {
    CompiledProgram p = compile(Variant.forward(dev.nnc.runtime.Dtype.F64, 1, java.util.Map.of()), null);
    List<DeclaredShape> out = new ArrayList<>();
    for (ArenaLayout.Entry e : p.layout().withRole(ArenaLayout.Role.INPUT)) {
      out.add(new DeclaredShape(e.name(), e.dims().stream().map(d -> new DeclaredShape.Axis(null, d)).toList()));
    }
    return out;
  }

  /** What identifies the model in a weights file: its name, canonical text and parameter shapes. */
  ModelSignature signature();

  /**
   * Weights saved by nnc train, checked against this program (its name, canonical text and
   * parameter shapes), so another model's weights are refused with a clear message.
   */
  default Weights readWeights(Path weights) throws IOException {
    return WeightsFile.read(weights, signature());
  }
}
