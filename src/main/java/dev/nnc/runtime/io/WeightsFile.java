package dev.nnc.runtime.io;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * Reads and writes weights files, the format of docs/weights-format.md: a header (magic, version,
 * body length), the body ({@link WeightsBody}), and a CRC-32 of everything before it. Writing is
 * atomic ({@link AtomicFile}); reading checks, in this order, that the file is a weights file, of
 * a version this nnc reads, whole, undamaged, and saved for the model at hand.
 */
public final class WeightsFile {
  /** PNG's trick: a high byte, the name, CR LF and Ctrl-Z, so a text-mode transfer is caught. */
  static final byte[] MAGIC = {(byte) 0x89, 'N', 'N', 'C', 'W', '\r', '\n', 0x1a};

  static final int VERSION = 1;
  static final int HEADER_BYTES = MAGIC.length + 4 + 8;
  static final int TRAILER_BYTES = 4;

  private WeightsFile() {}

  public static void write(Path file, Weights weights) throws IOException {
    long bodyLength = bodyLength(weights);
    AtomicFile.write(file, out -> {
      CheckedOutputStream checked = new CheckedOutputStream(out, new CRC32());
      DataOutputStream data = new DataOutputStream(checked);
      data.write(MAGIC);
      data.writeInt(VERSION);
      data.writeLong(bodyLength);
      WeightsBody.encode(weights, data);
      data.flush();
      new DataOutputStream(out).writeInt((int) checked.getChecksum().getValue());
    });
  }

  /**
   * The weights in {@code file}, checked against the model they are to be applied to.
   *
   * @throws WeightsFileException if the file is unusable, naming the file and the reason
   */
  public static Weights read(Path file, ModelSignature model) throws IOException {
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new WeightsFileException(file, "no such weights file");
    }
    long bodyLength = verify(file, size);
    Weights weights;
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      in.skipNBytes(HEADER_BYTES);
      weights = WeightsBody.decode(in, bodyLength, what -> new WeightsFileException(file, "damaged: it holds " + what + " though its checksum is right"));
    } catch (EOFException e) {
      throw new WeightsFileException(file, "damaged: a field runs past the end of its body though its checksum is right");
    }
    checkModel(file, weights, model);
    return weights;
  }

  /** Checks magic, version, length and checksum; returns the body length. */
  private static long verify(Path file, long size) throws IOException {
    CRC32 crc = new CRC32();
    try (DataInputStream in = new DataInputStream(new CheckedInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), crc))) {
      byte[] magic = in.readNBytes(MAGIC.length);
      boolean prefix = magic.length > 0 && Arrays.equals(magic, Arrays.copyOf(MAGIC, magic.length));
      if (!prefix) throw new WeightsFileException(file, "not an nnc weights file (it does not start with the weights magic bytes); give the file `nnc train --save` wrote");
      if (size < HEADER_BYTES) throw truncated(file, size, HEADER_BYTES);
      int version = in.readInt();
      if (version != VERSION) {
        throw new WeightsFileException(file, "weights format version " + Integer.toUnsignedString(version) + ", but this nnc reads version " + VERSION + (version > VERSION ? "; use a newer nnc" : ""));
      }
      long bodyLength = in.readLong();
      long expected = HEADER_BYTES + bodyLength + TRAILER_BYTES;
      if (bodyLength < 0 || size > expected) throw new WeightsFileException(file, "damaged: its header records " + bodyLength + " bytes of body, which does not fit its " + size + " bytes");
      if (size < expected) throw truncated(file, size, expected);
      in.skipNBytes(bodyLength);
      long computed = crc.getValue();
      long recorded = Integer.toUnsignedLong(new DataInputStream(in).readInt());
      if (computed != recorded) {
        throw new WeightsFileException(file, "damaged: checksum mismatch (recorded CRC-32 " + Long.toHexString(recorded) + ", computed " + Long.toHexString(computed) + "); train again or restore the file");
      }
      return bodyLength;
    }
  }

  private static WeightsFileException truncated(Path file, long size, long expected) {
    return new WeightsFileException(file, "truncated: " + size + " bytes of the " + expected + " it should have (an interrupted copy?)");
  }

  private static void checkModel(Path file, Weights weights, ModelSignature model) throws WeightsFileException {
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

  /** The body's size, from a dry run of the encoder, so the header can precede the body in one pass. */
  private static long bodyLength(Weights weights) throws IOException {
    long[] count = {0};
    OutputStream counter = new OutputStream() {
      @Override
      public void write(int b) {
        count[0]++;
      }

      @Override
      public void write(byte[] b, int off, int len) {
        count[0] += len;
      }
    };
    WeightsBody.encode(weights, new DataOutputStream(counter));
    return count[0];
  }
}
