package dev.nnc.runtime.io;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes training checkpoints (docs/checkpoint-format.md): the frame of
 * {@link ChecksummedFile} around a weights body followed by the training state. Written
 * atomically after every epoch, so that a training killed at any moment, even by SIGKILL, leaves
 * the last complete one.
 */
public final class CheckpointFile {
  static final byte[] MAGIC = {(byte) 0x89, 'N', 'N', 'C', 'K', '\r', '\n', 0x1a};
  static final int VERSION = 1;
  static final ChecksummedFile.Kind KIND = new ChecksummedFile.Kind(MAGIC, VERSION, "checkpoint", "`nnc train` (next to --save)");

  private CheckpointFile() {}

  /** Where training keeps the checkpoint of the weights it saves to {@code weights}. */
  public static Path besides(Path weights) {
    return weights.resolveSibling(weights.getFileName() + ".ckpt");
  }

  public static void write(Path file, Checkpoint c) throws IOException {
    ChecksummedFile.write(file, KIND, out -> {
      WeightsBody.encode(c.weights(), out);
      encodeState(c, out);
    });
  }

  /**
   * The checkpoint in {@code file}, checked against the model training resumes.
   *
   * @throws WeightsFileException if the file is unusable or of another model, naming the reason
   */
  public static Checkpoint read(Path file, ModelSignature model) throws IOException {
    Checkpoint c = ChecksummedFile.read(file, KIND, (in, length, damaged) -> {
      Weights weights = WeightsBody.decode(in, length, damaged);
      return decodeState(weights, in, length, damaged);
    });
    WeightsFile.checkModel(file, c.weights(), model);
    return c;
  }

  private static void encodeState(Checkpoint c, DataOutput out) throws IOException {
    out.writeInt(c.epochs());
    for (int e = 0; e < c.epochs(); e++) {
      out.writeDouble(c.losses()[e]);
      out.writeDouble(c.accuracies()[e]);
    }
    out.writeLong(c.optimizerSteps());
    out.writeInt(c.optimizerVectors().size());
    for (double[] v : c.optimizerVectors()) {
      out.writeInt(v.length);
      for (double x : v) out.writeDouble(x);
    }
  }

  private static Checkpoint decodeState(Weights weights, DataInput in, long length, WeightsBody.Damage damaged) throws IOException {
    int epochs = WeightsBody.count(in, length / 16, damaged);
    double[] losses = new double[epochs];
    double[] accuracies = new double[epochs];
    for (int e = 0; e < epochs; e++) {
      losses[e] = in.readDouble();
      accuracies[e] = in.readDouble();
    }
    long steps = in.readLong();
    if (steps < 0) throw damaged.at("a step count of " + steps);
    List<double[]> vectors = new ArrayList<>();
    for (int k = WeightsBody.count(in, 16, damaged); k > 0; k--) {
      double[] v = new double[WeightsBody.count(in, length / 8, damaged)];
      for (int i = 0; i < v.length; i++) v[i] = in.readDouble();
      vectors.add(v);
    }
    return new Checkpoint(weights, epochs, losses, accuracies, steps, vectors);
  }
}
