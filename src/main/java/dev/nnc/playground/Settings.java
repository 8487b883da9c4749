package dev.nnc.playground;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the page's controls choose: the data, the features, the network and the training flags.
 * Any change starts training afresh, so a run is always what one {@code nnc train} command
 * reproduces. Built from the page's JSON and checked here: a bad value is the user's request at
 * fault, reported as a {@link BadRequest}.
 */
public record Settings(DataSet dataSet, int noisePercent, int trainPercent, long dataSeed, List<Feature> features,
    List<Integer> layers, String activation, double learningRate, String regularization, double regularizationRate,
    int batch, String optimizer, long seed) {

  /** nnc's activations that make sense for a hidden layer: Playground's four and nnc's others. */
  public static final List<String> ACTIVATIONS = List.of("tanh", "relu", "sigmoid", "identity", "leaky_relu", "elu",
      "gelu", "swish", "mish", "softplus", "softsign", "sinc", "log_sigmoid", "step");
  public static final int MAX_LAYERS = 6;
  public static final int MAX_NEURONS = 8;

  private static final Set<String> REGULARIZATIONS = Set.of("none", "l1", "l2");
  private static final Set<String> OPTIMIZERS = Set.of("sgd", "momentum", "adam");

  /** Playground's start: circle data, x1 and x2, two tanh layers of 4 and 2, rate 0.03, batch 10. */
  public static final Settings DEFAULT = new Settings(DataSet.CIRCLE, 0, 50, 1, List.of(Feature.X1, Feature.X2),
      List.of(4, 2), "tanh", 0.03, "none", 0, 10, "sgd", 0);

  public Settings {
    features = List.copyOf(features);
    layers = List.copyOf(layers);
    require(noisePercent >= 0 && noisePercent <= 50, "noise is a percent from 0 to 50, not " + noisePercent);
    require(trainPercent >= 10 && trainPercent <= 90, "the training share is a percent from 10 to 90, not " + trainPercent);
    require(!features.isEmpty(), "choose at least one feature");
    require(Set.copyOf(features).size() == features.size(), "a feature is chosen twice");
    require(layers.size() <= MAX_LAYERS, "at most " + MAX_LAYERS + " hidden layers, not " + layers.size());
    for (int n : layers) require(n >= 1 && n <= MAX_NEURONS, "a hidden layer has 1 to " + MAX_NEURONS + " neurons, not " + n);
    require(ACTIVATIONS.contains(activation), "unknown activation '" + activation + "': use one of " + String.join(", ", ACTIVATIONS));
    require(learningRate > 0 && learningRate <= 10, "the learning rate is a number in (0, 10], not " + learningRate);
    require(REGULARIZATIONS.contains(regularization), "regularization is none, l1 or l2, not '" + regularization + "'");
    require(regularizationRate >= 0 && regularizationRate <= 10, "the regularization rate is a number in [0, 10], not " + regularizationRate);
    require(batch >= 1 && batch <= 100, "the batch size is 1 to 100, not " + batch);
    require(OPTIMIZERS.contains(optimizer), "the optimizer is sgd, momentum or adam, not '" + optimizer + "'");
    require(dataSeed >= 0 && seed >= 0, "seeds are non-negative integers");
  }

  /** The settings a JSON object gives; names it leaves out keep their {@link #DEFAULT}. */
  public static Settings fromJson(Map<String, Object> json) {
    Settings d = DEFAULT;
    try {
      for (String key : json.keySet()) {
        if (!KEYS.contains(key)) throw new BadRequest("unknown setting '" + key + "'; settings are " + String.join(", ", KEYS));
      }
      return new Settings(
          json.containsKey("dataset") ? DataSet.named(text(json, "dataset")) : d.dataSet,
          integer(json, "noise", d.noisePercent),
          integer(json, "trainPercent", d.trainPercent),
          integer(json, "dataSeed", d.dataSeed),
          json.containsKey("features") ? features(json.get("features")) : d.features,
          json.containsKey("layers") ? layers(json.get("layers")) : d.layers,
          json.containsKey("activation") ? text(json, "activation") : d.activation,
          number(json, "learningRate", d.learningRate),
          json.containsKey("regularization") ? text(json, "regularization") : d.regularization,
          number(json, "regularizationRate", d.regularizationRate),
          integer(json, "batch", d.batch),
          json.containsKey("optimizer") ? text(json, "optimizer") : d.optimizer,
          integer(json, "seed", d.seed));
    } catch (IllegalArgumentException e) {
      throw new BadRequest(e.getMessage());
    }
  }

  private static final List<String> KEYS = List.of("dataset", "noise", "trainPercent", "dataSeed", "features", "layers",
      "activation", "learningRate", "regularization", "regularizationRate", "batch", "optimizer", "seed");

  /** The settings as the page reads them back. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("dataset", dataSet.id());
    m.put("noise", noisePercent);
    m.put("trainPercent", trainPercent);
    m.put("dataSeed", dataSeed);
    m.put("features", features.stream().map(Feature::column).toList());
    m.put("layers", layers);
    m.put("activation", activation);
    m.put("learningRate", learningRate);
    m.put("regularization", regularization);
    m.put("regularizationRate", regularizationRate);
    m.put("batch", batch);
    m.put("optimizer", optimizer);
    m.put("seed", seed);
    return m;
  }

  /** The share of rows that trains, as {@code nnc train --split} takes it. */
  public double split() {
    return trainPercent / 100.0;
  }

  public double l1() {
    return regularization.equals("l1") ? regularizationRate : 0;
  }

  public double l2() {
    return regularization.equals("l2") ? regularizationRate : 0;
  }

  private static void require(boolean ok, String message) {
    if (!ok) throw new BadRequest(message);
  }

  private static String text(Map<String, Object> json, String key) {
    if (json.get(key) instanceof String s) return s;
    throw new BadRequest("'" + key + "' must be a string");
  }

  private static double number(Map<String, Object> json, String key, double fallback) {
    if (!json.containsKey(key)) return fallback;
    if (json.get(key) instanceof Double v && Double.isFinite(v)) return v;
    throw new BadRequest("'" + key + "' must be a number");
  }

  private static int integer(Map<String, Object> json, String key, long fallback) {
    double v = number(json, key, fallback);
    if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) throw new BadRequest("'" + key + "' must be an integer, not " + v);
    return (int) v;
  }

  private static List<Feature> features(Object value) {
    if (!(value instanceof List<?> list)) throw new BadRequest("'features' must be a list of names");
    List<Feature> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof String s)) throw new BadRequest("'features' must be a list of names");
      out.add(Feature.named(s));
    }
    return out;
  }

  private static List<Integer> layers(Object value) {
    if (!(value instanceof List<?> list)) throw new BadRequest("'layers' must be a list of neuron counts");
    List<Integer> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof Double d) || d != Math.rint(d) || Math.abs(d) > 1000) throw new BadRequest("'layers' must be a list of neuron counts");
      out.add(d.intValue());
    }
    return out;
  }
}
