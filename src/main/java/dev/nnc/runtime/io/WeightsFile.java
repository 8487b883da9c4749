package dev.nnc.runtime.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes weights files, the format of docs/weights-format.md: the frame of
 * {@link ChecksummedFile} (header, body, CRC-32) around a {@link WeightsBody}. Reading checks the
 * frame, then that the weights were saved for the model at hand.
 */
public final class WeightsFile {
  /** PNG's trick: a high byte, the name, CR LF and Ctrl-Z, so a text-mode transfer is caught. */
  static final byte[] MAGIC = {(byte) 0x89, 'N', 'N', 'C', 'W', '\r', '\n', 0x1a};

  static final int VERSION = 1;
  static final ChecksummedFile.Kind KIND = new ChecksummedFile.Kind(MAGIC, VERSION, "weights", "`nnc train --save`");

  private WeightsFile() {}

  public static void write(Path file, Weights weights) throws IOException {
    ChecksummedFile.write(file, KIND, out -> WeightsBody.encode(weights, out));
  }

  /**
   * The weights in {@code file}, checked against the model they are to be applied to.
   *
   * @throws WeightsFileException if the file is unusable, naming the file and the reason
   */
  public static Weights read(Path file, ModelSignature model) throws IOException {
    Weights weights = ChecksummedFile.read(file, KIND, WeightsBody::decode);
    checkModel(file, weights, model);
    return weights;
  }

  /** Refuses weights saved for another model, or another version of it, naming what differs. */
  static void checkModel(Path file, Weights weights, ModelSignature model) throws WeightsFileException {
    Optional<String> shapeProblem = shapeProblem(weights, model);
    if (!weights.fingerprint().equals(model.fingerprint())) {
      String savedFor = weights.modelName().equals(model.name()) ? "an earlier version of model '" + model.name() + "'" : "model '" + weights.modelName() + "', not '" + model.name() + "'";
      throw new WeightsFileException(file, "these weights were saved for " + savedFor + ": the program changed since they were trained"
          + shapeProblem.map(p -> " (" + p + ")").orElse("") + ". Train again, or use the program they were trained with");
    }
    if (shapeProblem.isPresent()) throw new WeightsFileException(file, "does not fit model '" + model.name() + "': " + shapeProblem.get());
  }

  /** The first parameter that is missing, extra or of another shape, if any. */
  private static Optional<String> shapeProblem(Weights weights, ModelSignature model) {
    Map<String, Weights.Parameter> saved = new LinkedHashMap<>();
    for (Weights.Parameter p : weights.parameters()) saved.put(p.name(), p);
    for (Map.Entry<String, int[]> e : model.shapes().entrySet()) {
      Weights.Parameter p = saved.remove(e.getKey());
      if (p == null) return Optional.of("the file has no parameter '" + e.getKey() + "'");
      if (!Arrays.equals(p.shape(), e.getValue())) {
        return Optional.of("parameter '" + e.getKey() + "' is " + Arrays.toString(p.shape()) + " in the file but " + Arrays.toString(e.getValue()) + " in the model");
      }
    }
    return saved.keySet().stream().findFirst().map(extra -> "the file has a parameter '" + extra + "' the model does not");
  }
}
