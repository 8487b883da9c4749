package dev.nnc.cli;

import dev.nnc.runtime.CompiledProgram;
import dev.nnc.runtime.Variant;
import dev.nnc.runtime.io.ModelSignature;
import dev.nnc.runtime.io.Weights;
import dev.nnc.runtime.io.WeightsFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Where grad, run and train get their compiled program: compiled from a .nn file by nnc
 * ({@link ProgramOptions}), or loaded from the classes built into a jar by {@code nnc compile}
 * (issue 6). The commands themselves are the same code in both.
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
