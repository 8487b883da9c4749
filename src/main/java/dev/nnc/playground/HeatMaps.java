package dev.nnc.playground;

import dev.nnc.runtime.ArenaLayout;
import dev.nnc.runtime.ArenaLayout.Role;
import dev.nnc.runtime.data.Dataset;
import dev.nnc.runtime.train.BatchRunner;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every neuron computes over the plane, as Playground draws it: the network runs once on a
 * {@value #SIDE}×{@value #SIDE} grid over [−6, 6]² (one batch, compiled for it), and each hidden
 * neuron and the output (and, once, each input feature) becomes a map of bytes, 0 for −1 (orange) to 255 for +1
 * (blue), rows from the top (x2 = 6) down, sent as base64.
 */
public final class HeatMaps {
  public static final int SIDE = 50;
  public static final int POINTS = SIDE * SIDE;
  public static final double EXTENT = 6;

  private final Settings settings;
  private final BatchRunner grid;
  private final Dataset plane;

  /** The maps of one moment of training; {@code layers.get(l).get(j)} is neuron j of hidden layer l. */
  public record Maps(String output, List<List<String>> layers) {
    public Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("side", SIDE);
      m.put("output", output);
      m.put("layers", layers);
      return m;
    }
  }

  HeatMaps(Settings settings, BatchRunner grid) {
    this.settings = settings;
    this.grid = grid;
    List<Point> cells = new ArrayList<>(POINTS);
    for (int row = 0; row < SIDE; row++) {
      for (int col = 0; col < SIDE; col++) cells.add(new Point(coordinate(col), -coordinate(row), 0));
    }
    this.plane = Session.dataset(settings, cells);
  }

  /**
   * Every feature of {@link Feature} over the plane, whether chosen or not, as Playground shows
   * them, each stretched from its range on the plane to [−1, 1]: x1² reaches 36, and on the ±1
   * scale it would be one colour. (Features symmetric about 0 keep 0 at 0.)
   */
  public static List<String> features() {
    List<String> maps = new ArrayList<>();
    for (Feature f : Feature.values()) {
      double[] values = new double[POINTS];
      double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < POINTS; i++) {
        values[i] = f.of(coordinate(i % SIDE), -coordinate(i / SIDE));
        min = Math.min(min, values[i]);
        max = Math.max(max, values[i]);
      }
      for (int i = 0; i < POINTS; i++) values[i] = max == min ? 0 : (values[i] - min) / (max - min) * 2 - 1;
      maps.add(encode(values, 0, 1));
    }
    return maps;
  }

  /** The grid's i-th coordinate, from −6 to 6 inclusive. */
  public static double coordinate(int i) {
    return -EXTENT + 2 * EXTENT * i / (SIDE - 1);
  }

  Maps compute(BatchRunner trained) {
    grid.copyParameters(trained);
    grid.load(plane, null, 0);
    grid.arena().forward();
    List<List<String>> layers = new ArrayList<>();
    for (int l = 0; l < settings.layers().size(); l++) {
      double[] values = values(ProgramWriter.layerVariable(l));
      int width = settings.layers().get(l);
      List<String> neurons = new ArrayList<>();
      for (int j = 0; j < width; j++) neurons.add(encode(values, j, width));
      layers.add(neurons);
    }
    double[] out = values(ProgramWriter.OUTPUT);
    if (settings.dataSet().classification()) {
      // The logit as a probability, then on Playground's −1..1 scale: 2σ(z) − 1 = tanh(z / 2).
      for (int i = 0; i < out.length; i++) out[i] = Math.tanh(out[i] / 2);
    }
    return new Maps(encode(out, 0, 1), layers);
  }

  private double[] values(String variable) {
    ArenaLayout.Entry e = grid.program().layout().find(variable, Role.VALUE);
    double[] values = new double[e.length()];
    for (int i = 0; i < values.length; i++) values[i] = grid.arena().get(e.offset() + i);
    return values;
  }

  /** Every {@code stride}-th value from {@code first}, clamped to [−1, 1], as bytes in base64. */
  private static String encode(double[] values, int first, int stride) {
    byte[] bytes = new byte[POINTS];
    for (int i = 0; i < POINTS; i++) {
      double v = Math.max(-1, Math.min(1, values[first + i * stride]));
      bytes[i] = (byte) Math.round((v + 1) * 127.5);
    }
    return Base64.getEncoder().encodeToString(bytes);
  }
}
