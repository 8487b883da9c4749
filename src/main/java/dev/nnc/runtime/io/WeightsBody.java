package dev.nnc.runtime.io;

import dev.nnc.runtime.Dtype;
import dev.nnc.runtime.data.Preprocessing;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of a weights file, field by field as docs/weights-format.md lists them, big-endian.
 * The checksum has been verified before {@link #decode} runs, so a bad field here means a writer
 * bug; the limits still keep a bad count from allocating gigabytes.
 */
final class WeightsBody {
  private WeightsBody() {}

  static void encode(Weights w, DataOutput out) throws IOException {
    writeString(out, w.modelName());
    writeString(out, w.fingerprint());
    out.writeByte(w.dtype().bytes());
    out.writeInt(w.metadata().size());
    for (Map.Entry<String, String> e : w.metadata().entrySet()) {
      writeString(out, e.getKey());
      writeString(out, e.getValue());
    }
    Preprocessing p = w.preprocessing();
    writeString(out, p.mode().flag());
    out.writeInt(p.columns());
    for (double v : p.shift()) out.writeDouble(v);
    for (double v : p.divisor()) out.writeDouble(v);
    out.writeInt(w.parameters().size());
    for (Weights.Parameter param : w.parameters()) {
      writeString(out, param.name());
      out.writeInt(param.shape().length);
      for (int d : param.shape()) out.writeInt(d);
      for (double v : param.values()) {
        if (w.dtype() == Dtype.F32) out.writeFloat((float) v);
        else out.writeDouble(v);
      }
    }
  }

  /** Reads a body of {@code length} bytes; {@code damaged} reports a field that cannot be. */
  static Weights decode(DataInput in, long length, Damage damaged) throws IOException {
    String modelName = readString(in, length, damaged);
    String fingerprint = readString(in, length, damaged);
    int valueBytes = in.readUnsignedByte();
    Dtype dtype = valueBytes == 4 ? Dtype.F32 : valueBytes == 8 ? Dtype.F64 : null;
    if (dtype == null) throw damaged.at("a value size of " + valueBytes + " bytes");
    Map<String, String> metadata = new LinkedHashMap<>();
    for (int i = count(in, length, damaged); i > 0; i--) metadata.put(readString(in, length, damaged), readString(in, length, damaged));
    Preprocessing.Mode mode;
    try {
      mode = Preprocessing.Mode.named(readString(in, length, damaged));
    } catch (IllegalArgumentException e) {
      throw damaged.at("a preprocessing mode nnc does not know");
    }
    int columns = count(in, length / 16, damaged);
    double[] shift = readDoubles(in, columns);
    double[] divisor = readDoubles(in, columns);
    List<Weights.Parameter> parameters = new ArrayList<>();
    for (int i = count(in, length, damaged); i > 0; i--) {
      String name = readString(in, length, damaged);
      int[] shape = new int[count(in, length, damaged)];
      long values = 1;
      for (int d = 0; d < shape.length; d++) values *= shape[d] = count(in, length, damaged);
      if (values > length / dtype.bytes() || values > Integer.MAX_VALUE) throw damaged.at("parameter '" + name + "' larger than the file");
      double[] flat = new double[(int) values];
      for (int v = 0; v < flat.length; v++) flat[v] = dtype == Dtype.F32 ? in.readFloat() : in.readDouble();
      parameters.add(new Weights.Parameter(name, shape, flat));
    }
    return new Weights(modelName, fingerprint, dtype, parameters, new Preprocessing(mode, shift, divisor), metadata);
  }

  /** Makes the exception for a field no writer produces. */
  @FunctionalInterface
  interface Damage {
    WeightsFileException at(String what);
  }

  private static void writeString(DataOutput out, String s) throws IOException {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String readString(DataInput in, long limit, Damage damaged) throws IOException {
    byte[] utf8 = new byte[count(in, limit, damaged)];
    in.readFully(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  /** A u32 count or length, which cannot exceed {@code limit}. */
  static int count(DataInput in, long limit, Damage damaged) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > limit) throw damaged.at("a count of " + Integer.toUnsignedString(n));
    return n;
  }

  private static double[] readDoubles(DataInput in, int n) throws IOException {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) values[i] = in.readDouble();
    return values;
  }
}
