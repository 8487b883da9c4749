package dev.nnc.runtime.io;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nnc.runtime.Dtype;
import dev.nnc.runtime.data.Preprocessing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightsFileTest {
  @TempDir Path dir;

  private static final double[] AWKWARD = {0.1, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.NEGATIVE_INFINITY, Math.PI, 1e-310};

  private static Map<String, int[]> shapes() {
    Map<String, int[]> shapes = new LinkedHashMap<>();
    shapes.put("h1.W", new int[] {2, 3});
    shapes.put("h1.b", new int[] {2});
    shapes.put("w0", new int[] {});
    return shapes;
  }

  private static final ModelSignature MLP = ModelSignature.of("mlp", "model mlp { ... }", shapes());

  private static Weights weights(Dtype dtype) {
    double[] w = {0.5, -1.25, 3e-8, 7, -0.0, 1.0 / 3};
    if (dtype == Dtype.F64) System.arraycopy(AWKWARD, 0, w, 0, w.length);
    List<Weights.Parameter> params = List.of(
        new Weights.Parameter("h1.W", new int[] {2, 3}, w),
        Weights.Parameter.ofFloats("h1.b", new int[] {2}, new float[] {Float.MIN_VALUE, 0.1f}),
        new Weights.Parameter("w0", new int[] {}, new double[] {2}));
    Preprocessing stats = Preprocessing.fit(Preprocessing.Mode.STANDARD, new double[] {1, 5, 2, 5, 4, 5}, 3, 2);
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("seed", "42");
    metadata.put("epochs", "10");
    metadata.put("data", "tumours ü.csv");
    return new Weights("mlp", MLP.fingerprint(), dtype, params, stats, metadata);
  }

  @Test
  void roundTripIsBitForBitInBothDtypes() throws IOException {
    for (Dtype dtype : Dtype.values()) {
      Path file = dir.resolve("w-" + dtype.flag() + ".nnw");
      Weights saved = weights(dtype);
      WeightsFile.write(file, saved);
      Weights read = WeightsFile.read(file, MLP);
      assertThat(read.modelName()).isEqualTo("mlp");
      assertThat(read.fingerprint()).isEqualTo(MLP.fingerprint());
      assertThat(read.dtype()).isEqualTo(dtype);
      assertThat(read.metadata()).containsExactlyEntriesIn(saved.metadata()).inOrder();
      assertThat(read.preprocessing().mode()).isEqualTo(Preprocessing.Mode.STANDARD);
      assertThat(bits(read.preprocessing().shift())).isEqualTo(bits(saved.preprocessing().shift()));
      assertThat(bits(read.preprocessing().divisor())).isEqualTo(bits(saved.preprocessing().divisor()));
      assertThat(read.parameters()).hasSize(3);
      for (int i = 0; i < 3; i++) {
        Weights.Parameter expected = saved.parameters().get(i), actual = read.parameters().get(i);
        assertThat(actual.name()).isEqualTo(expected.name());
        assertThat(actual.shape()).isEqualTo(expected.shape());
        double[] want = expected.values().clone();
        if (dtype == Dtype.F32) for (int v = 0; v < want.length; v++) want[v] = (float) want[v];
        assertThat(bits(actual.values())).isEqualTo(bits(want));
      }
      assertThat(read.parameters().get(1).floats()).isEqualTo(new float[] {Float.MIN_VALUE, 0.1f});
    }
  }

  @Test
  void aFileOfAnotherModelIsRefusedNamingFileAndModel() throws IOException {
    Path file = dir.resolve("mlp.nnw");
    WeightsFile.write(file, weights(Dtype.F32));
    Map<String, int[]> wider = shapes();
    wider.put("h1.W", new int[] {4, 3});
    WeightsFileException e = assertThrows(WeightsFileException.class, () -> WeightsFile.read(file, ModelSignature.of("mlp", "model mlp { wider }", wider)));
    assertThat(e.file()).isEqualTo(file);
    assertThat(e).hasMessageThat().startsWith(file + ": these weights were saved for an earlier version of model 'mlp': the program changed");
    assertThat(e).hasMessageThat().contains("parameter 'h1.W' is [2, 3] in the file but [4, 3] in the model");
    e = assertThrows(WeightsFileException.class, () -> WeightsFile.read(file, ModelSignature.of("cnn", "model cnn {}", Map.of())));
    assertThat(e).hasMessageThat().contains("saved for model 'mlp', not 'cnn'");
  }

  @Test
  void missingOrResizedParametersAreNamedEvenWhenTheFingerprintAgrees() throws IOException {
    Path file = dir.resolve("mlp.nnw");
    WeightsFile.write(file, weights(Dtype.F64));
    Map<String, int[]> more = shapes();
    more.put("h2.W", new int[] {1, 2});
    assertThat(assertThrows(WeightsFileException.class, () -> WeightsFile.read(file, new ModelSignature("mlp", MLP.fingerprint(), more))))
        .hasMessageThat().isEqualTo(file + ": does not fit model 'mlp': the file has no parameter 'h2.W'");
    Map<String, int[]> resized = shapes();
    resized.put("h1.b", new int[] {3});
    assertThat(assertThrows(WeightsFileException.class, () -> WeightsFile.read(file, new ModelSignature("mlp", MLP.fingerprint(), resized))))
        .hasMessageThat().contains("parameter 'h1.b' is [2] in the file but [3] in the model");
    Map<String, int[]> fewer = shapes();
    fewer.remove("w0");
    assertThat(assertThrows(WeightsFileException.class, () -> WeightsFile.read(file, new ModelSignature("mlp", MLP.fingerprint(), fewer))))
        .hasMessageThat().contains("the file has a parameter 'w0' the model does not");
  }

  @Test
  void everyFlippedByteIsCaught() throws IOException {
    Path file = dir.resolve("w.nnw");
    WeightsFile.write(file, weights(Dtype.F32));
    byte[] good = Files.readAllBytes(file);
    for (int at = 0; at < good.length; at++) {
      byte[] bad = good.clone();
      bad[at] ^= 0x10;
      Files.write(file, bad);
      assertThrows(WeightsFileException.class, () -> WeightsFile.read(file, MLP), "flipped byte " + at);
    }
    byte[] bad = good.clone();
    bad[40] ^= 1;
    Files.write(file, bad);
    assertThat(assertThrows(WeightsFileException.class, () -> WeightsFile.read(file, MLP))).hasMessageThat().contains("checksum mismatch");
  }

  @Test
  void truncationAtAnyPointSaysTruncated() throws IOException {
    Path file = dir.resolve("w.nnw");
    WeightsFile.write(file, weights(Dtype.F64));
    byte[] good = Files.readAllBytes(file);
    for (int length = 1; length < good.length; length++) {
      Files.write(file, java.util.Arrays.copyOf(good, length));
      WeightsFileException e = assertThrows(WeightsFileException.class, () -> WeightsFile.read(file, MLP));
      assertThat(e).hasMessageThat().contains("truncated: " + length + " bytes");
    }
  }

  @Test
  void notAWeightsFileAnotherVersionOrNoFile() throws IOException {
    Path csv = dir.resolve("data.csv");
    Files.writeString(csv, "x,y\n1,0\n");
    assertThat(assertThrows(WeightsFileException.class, () -> WeightsFile.read(csv, MLP))).hasMessageThat().contains("data.csv: not an nnc weights file");
    Path empty = Files.createFile(dir.resolve("empty.nnw"));
    assertThat(assertThrows(WeightsFileException.class, () -> WeightsFile.read(empty, MLP))).hasMessageThat().contains("not an nnc weights file");
    Path future = dir.resolve("future.nnw");
    WeightsFile.write(future, weights(Dtype.F32));
    byte[] bytes = Files.readAllBytes(future);
    bytes[WeightsFile.MAGIC.length + 3] = 2;
    Files.write(future, bytes);
    assertThat(assertThrows(WeightsFileException.class, () -> WeightsFile.read(future, MLP))).hasMessageThat()
        .isEqualTo(future + ": weights format version 2, but this nnc reads version 1; use a newer nnc");
    assertThat(assertThrows(WeightsFileException.class, () -> WeightsFile.read(dir.resolve("none.nnw"), MLP))).hasMessageThat().contains("no such weights file");
  }

  @Test
  void aWriteThatFailsMidwayLeavesTheOldFileAndNoTemporaryFile() throws IOException {
    Path file = dir.resolve("w.nnw");
    WeightsFile.write(file, weights(Dtype.F32));
    byte[] old = Files.readAllBytes(file);
    IOException failure = assertThrows(IOException.class, () -> AtomicFile.write(file, out -> {
      out.write(new byte[100_000]); // past the buffer: bytes reach the temporary file
      throw new IOException("disk full");
    }));
    assertThat(failure).hasMessageThat().isEqualTo("disk full");
    assertThat(Files.readAllBytes(file)).isEqualTo(old);
    assertThat(listing()).containsExactly("w.nnw");
  }

  @Test
  void aSuccessfulWriteReplacesTheFileAndLeavesNothingElse() throws IOException {
    Path file = dir.resolve("w.nnw");
    Files.writeString(file, "old");
    WeightsFile.write(file, weights(Dtype.F64));
    assertThat(WeightsFile.read(file, MLP).dtype()).isEqualTo(Dtype.F64);
    assertThat(listing()).containsExactly("w.nnw");
  }

  @Test
  void theFingerprintCoversTextNamesAndShapes() {
    assertThat(MLP.fingerprint()).matches("sha256:[0-9a-f]{64}");
    assertThat(ModelSignature.of("mlp", "model mlp { ... }", shapes()).fingerprint()).isEqualTo(MLP.fingerprint());
    assertThat(ModelSignature.of("mlp", "model mlp { .. }", shapes()).fingerprint()).isNotEqualTo(MLP.fingerprint());
    Map<String, int[]> renamed = new LinkedHashMap<>(shapes());
    renamed.put("h1.c", renamed.remove("h1.b"));
    assertThat(ModelSignature.of("mlp", "model mlp { ... }", renamed).fingerprint()).isNotEqualTo(MLP.fingerprint());
  }

  private List<String> listing() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }

  private static long[] bits(double[] values) {
    long[] bits = new long[values.length];
    for (int i = 0; i < values.length; i++) bits[i] = Double.doubleToRawLongBits(values[i]);
    return bits;
  }
}
