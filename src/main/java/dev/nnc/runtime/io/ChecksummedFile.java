package dev.nnc.runtime.io;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The frame of nnc's binary files (docs/weights-format.md, docs/checkpoint-format.md): a header
 * (magic, version, body length), the body, and a CRC-32 of everything before it. Writing is atomic
 * ({@link AtomicFile}); reading checks, in this order, that the file is of the kind expected, of a
 * version this nnc reads, whole and undamaged, before the body is decoded.
 */
final class ChecksummedFile {
  private ChecksummedFile() {}

  /**
   * A kind of file.
   *
   * @param noun what messages call it ("weights", "checkpoint")
   * @param writer what writes it, for the message about a file of another kind
   */
  record Kind(byte[] magic, int version, String noun, String writer) {
    int headerBytes() {
      return magic.length + 4 + 8;
    }
  }

  static final int TRAILER_BYTES = 4;

  @FunctionalInterface
  interface Encoder {
    void encode(DataOutputStream out) throws IOException;
  }

  @FunctionalInterface
  interface Decoder<T> {
    /** Reads a body of {@code length} bytes; {@code damaged} reports a field no writer produces. */
    T decode(DataInputStream in, long length, WeightsBody.Damage damaged) throws IOException;
  }

  static void write(Path file, Kind kind, Encoder body) throws IOException {
    long bodyLength = bodyLength(body);
    AtomicFile.write(file, out -> {
      CheckedOutputStream checked = new CheckedOutputStream(out, new CRC32());
      DataOutputStream data = new DataOutputStream(checked);
      data.write(kind.magic());
      data.writeInt(kind.version());
      data.writeLong(bodyLength);
      body.encode(data);
      data.flush();
      new DataOutputStream(out).writeInt((int) checked.getChecksum().getValue());
    });
  }

  /**
   * The decoded body of {@code file}.
   *
   * @throws WeightsFileException if the file is unusable, naming the file and the reason
   */
  static <T> T read(Path file, Kind kind, Decoder<T> body) throws IOException {
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new WeightsFileException(file, "no such " + kind.noun() + " file");
    }
    long bodyLength = verify(file, kind, size);
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      in.skipNBytes(kind.headerBytes());
      return body.decode(in, bodyLength, what -> new WeightsFileException(file, "damaged: it holds " + what + " though its checksum is right"));
    } catch (EOFException e) {
      throw new WeightsFileException(file, "damaged: a field runs past the end of its body though its checksum is right");
    }
  }

  /** Checks magic, version, length and checksum; returns the body length. */
  private static long verify(Path file, Kind kind, long size) throws IOException {
    CRC32 crc = new CRC32();
    try (DataInputStream in = new DataInputStream(new CheckedInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), crc))) {
      byte[] magic = in.readNBytes(kind.magic().length);
      boolean prefix = magic.length > 0 && Arrays.equals(magic, Arrays.copyOf(kind.magic(), magic.length));
      if (!prefix) {
        throw new WeightsFileException(file, "not an nnc " + kind.noun() + " file (it does not start with the " + kind.noun()
            + " magic bytes); give the file " + kind.writer() + " wrote");
      }
      if (size < kind.headerBytes()) throw truncated(file, size, kind.headerBytes());
      int version = in.readInt();
      if (version != kind.version()) {
        throw new WeightsFileException(file, kind.noun() + " format version " + Integer.toUnsignedString(version) + ", but this nnc reads version "
            + kind.version() + (Integer.compareUnsigned(version, kind.version()) > 0 ? "; use a newer nnc" : ""));
      }
      long bodyLength = in.readLong();
      long expected = kind.headerBytes() + bodyLength + TRAILER_BYTES;
      if (bodyLength < 0 || size > expected) throw new WeightsFileException(file, "damaged: its header records " + bodyLength + " bytes of body, which does not fit its " + size + " bytes");
      if (size < expected) throw truncated(file, size, expected);
      in.skipNBytes(bodyLength);
      long computed = crc.getValue();
      long recorded = Integer.toUnsignedLong(new DataInputStream(in).readInt());
      if (computed != recorded) {
        throw new WeightsFileException(file, "damaged: checksum mismatch (recorded CRC-32 " + Long.toHexString(recorded) + ", computed "
            + Long.toHexString(computed) + "); train again or restore the file");
      }
      return bodyLength;
    }
  }

  private static WeightsFileException truncated(Path file, long size, long expected) {
    return new WeightsFileException(file, "truncated: " + size + " bytes of the " + expected + " it should have (an interrupted copy?)");
  }

  /** The body's size, from a dry run of the encoder, so the header can precede the body in one pass. */
  private static long bodyLength(Encoder body) throws IOException {
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
    body.encode(new DataOutputStream(counter));
    return count[0];
  }
}
