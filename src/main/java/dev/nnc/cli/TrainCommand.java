package dev.nnc.cli;

import dev.nnc.runtime.Dtype;
import dev.nnc.runtime.data.Dataset;
import dev.nnc.runtime.data.Preprocessing;
import dev.nnc.runtime.io.Checkpoint;
import dev.nnc.runtime.io.Json;
import dev.nnc.runtime.io.Weights;
import dev.nnc.runtime.io.WeightsFile;
import dev.nnc.runtime.train.BatchRunner;
import dev.nnc.runtime.train.Evaluation;
import dev.nnc.runtime.train.Optimizer;
import dev.nnc.runtime.train.Penalty;
import dev.nnc.runtime.kernels.WorkerTeam;
import dev.nnc.runtime.train.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Trains a model on CSV rows with mini-batch gradient descent and saves its weights.",
        "Preprocessing statistics come from the training rows only and are saved with the weights."})
final class TrainCommand extends NncCommand {
  @Mixin ProgramSource program;
  @Mixin DataOptions data;

  @Option(names = "--test", paramLabel = "CSV", description = "Test rows from another file (instead of --split).")
  Path test;

  @Option(names = "--epochs", defaultValue = "10", description = "Passes over the training rows (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--batch", defaultValue = "32", description = "Rows per step (default: ${DEFAULT-VALUE}); the last batch may be smaller.")
  int batch;

  @Option(names = "--lr", defaultValue = "0.01", description = "Learning rate (default: ${DEFAULT-VALUE}).")
  double lr;

  @Option(names = "--optimizer", defaultValue = "sgd", paramLabel = "sgd|momentum|adam", description = "Optimizer (default: ${DEFAULT-VALUE}; momentum is 0.9, adam has PyTorch's defaults).")
  String optimizer;

  @Option(names = "--l1", defaultValue = "0", description = "L1 penalty λ (adds λ·sign(w) to each gradient).")
  double l1;

  @Option(names = "--l2", defaultValue = "0", description = "L2 penalty λ (adds λ·w to each gradient, as PyTorch's weight_decay).")
  double l2;

  @Option(names = "--clip", defaultValue = "0", description = "Largest gradient norm, over all parameters (0: no clipping).")
  double clip;

  @Option(names = "--normalize", defaultValue = "none", paramLabel = "none|center|standard|minmax", description = "Feature preprocessing (default: ${DEFAULT-VALUE}).")
  String normalize;

  @Option(names = "--dtype", defaultValue = "f32", paramLabel = "f32|f64", description = "Precision (default: ${DEFAULT-VALUE}).")
  String dtype;

  @Mixin ThreadsOption threads;

  @Option(names = "--plot", paramLabel = "OUT.svg", description = "Draw the loss and accuracy per epoch.")
  Path plot;

  @Option(names = "--resume", description = "Continue from the checkpoint next to --save (WEIGHTS.ckpt, written after each epoch) with the same settings.")
  boolean resume;

  @Option(names = "--save", required = true, paramLabel = "WEIGHTS", description = "Where to save the weights (written atomically).")
  Path save;

  private static String curves(List<Trainer.Epoch> history) {
    double[] epochs = history.stream().mapToDouble(Trainer.Epoch::epoch).toArray();
    double[] loss = history.stream().mapToDouble(Trainer.Epoch::loss).toArray();
    boolean classifies = history.get(0).accuracy() != null;
    double[] accuracy = classifies ? history.stream().mapToDouble(e -> e.accuracy()).toArray() : null;
    return dev.nnc.plot.TrainingPlots.curves(epochs, loss, accuracy);
  }

  /** The flags that decide a training's course: a resumed training must repeat them (TrainingCheckpoints). */
  private Map<String, String> settings(int trainRows) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("seed", Long.toString(common.seed));
    s.put("batch", Integer.toString(batch));
    s.put("lr", Double.toString(lr));
    s.put("optimizer", optimizer);
    s.put("l1", Double.toString(l1));
    s.put("l2", Double.toString(l2));
    s.put("clip", Double.toString(clip));
    s.put("normalize", normalize);
    s.put("dtype", dtype);
    s.put("split", String.valueOf(data.split));
    s.put("label", String.valueOf(data.label));
    s.put("training rows", Integer.toString(trainRows));
    return s;
  }

  TrainCommand(ProgramSource program) {
    this.program = program;
  }

  @Override
  public Integer call() throws IOException {
    if (epochs < 1 || batch < 1) throw new UsageException("--epochs and --batch must be at least 1");
    OutputFiles.requireDirectory(save);
    OutputFiles.requireDirectory(plot);
    ModelSession session = new ModelSession(program, FlagValues.dtype(dtype), err());
    BatchRunner full = session.runner(batch, common.seed);
    if (full.program().objective() == null) throw new UsageException("train needs an objective: assign loss = ... in the model");
    Dataset[] sets = data.trainAndTest(full.program(), test, common.seed);
    Dataset train = sets[0];
    Dataset testRows = sets[1];
    Map<String, String> settings = settings(train.rows());
    Checkpoint resumed = resume ? TrainingCheckpoints.read(save, program.signature(), settings, epochs) : null;
    Preprocessing prep = resumed != null ? resumed.weights().preprocessing()
        : Preprocessing.fit(FlagValues.normalization(normalize), train.features(), train.rows(), train.featureColumns());
    prep.applyInPlace(train.features());
    if (testRows != null) prep.applyInPlace(testRows.features());

    BatchRunner tail = session.tail(train.rows(), batch, common.seed);
    Optimizer opt = FlagValues.optimizer(optimizer, lr, new Penalty(l1, l2), full.parameterBlocks());
    List<Trainer.Epoch> done = resumed == null ? List.of() : TrainingCheckpoints.restore(resumed, full, opt);
    PrintWriter err = err();
    TrainingCheckpoints checkpoints = new TrainingCheckpoints(save, ProgressBar.create(err, common.json), full, opt, program.signature(),
        FlagValues.dtype(dtype), prep, settings, done);
    List<Trainer.Epoch> history;
    Thread interrupted = new Thread(() -> err.println("nnc: interrupted; " + (checkpoints.written() == 0 ? "no epoch was finished"
        : "the checkpoint " + checkpoints.file() + " holds " + checkpoints.written() + " epochs: continue with --resume")));
    Runtime.getRuntime().addShutdownHook(interrupted);
    try {
      try (WorkerTeam team = threads.install()) {
        history = new Trainer(full, tail, opt, clip).train(train, done, epochs, common.seed, checkpoints);
      }
    } catch (Trainer.DivergedException e) {
      err.println("nnc: " + e.getMessage() + "; no weights were written");
      return Commands.FAILED;
    } finally {
      Runtime.getRuntime().removeShutdownHook(interrupted);
    }

    Map<String, Object> trainMetrics = Evaluation.of(full, tail, train).metrics(0.5);
    Map<String, Object> testMetrics = testRows == null ? null
        : Evaluation.of(full, session.tail(testRows.rows(), batch, common.seed), testRows).metrics(0.5);
    if (plot != null) BinaryOptions.write(Map.of(plot, curves(history)));
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("seed", Long.toString(common.seed));
    metadata.put("epochs", Integer.toString(epochs));
    metadata.put("optimizer", optimizer);
    metadata.put("lr", Double.toString(lr));
    if (data.split != null) metadata.put("split", Double.toString(data.split));
    WeightsFile.write(save, new Weights(full.program().info().name(), program.signature().fingerprint(),
        FlagValues.dtype(dtype), ModelSession.parameters(full), prep, metadata));

    PrintWriter out = out();
    if (common.json) {
      List<Object> epochsDoc = new ArrayList<>();
      for (Trainer.Epoch e : history) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("epoch", e.epoch());
        row.put("loss", e.loss());
        row.put("accuracy", e.accuracy());
        epochsDoc.add(row);
      }
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("history", epochsDoc);
      doc.put("train", trainMetrics);
      doc.put("test", testMetrics);
      out.println(Json.write(doc));
    } else {
      Trainer.Epoch last = history.get(history.size() - 1);
      out.println("epoch " + last.epoch() + ": loss " + Numbers.format(last.loss()) + (last.accuracy() == null ? "" : ", accuracy " + Numbers.format(last.accuracy())));
      out.println("train (" + train.rows() + " rows): " + FlagValues.summary(trainMetrics));
      if (testMetrics != null) out.println("test (" + testRows.rows() + " rows): " + FlagValues.summary(testMetrics));
      out.println("weights saved to " + save);
    }
    return 0;
  }
}
