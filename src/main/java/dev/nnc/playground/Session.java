package dev.nnc.playground;

import dev.nnc.Compilation;
import dev.nnc.Nnc;
import dev.nnc.autodiff.GradPrinter;
import dev.nnc.runtime.ArenaLayout;
import dev.nnc.runtime.ArenaLayout.Role;
import dev.nnc.runtime.CompiledProgram;
import dev.nnc.runtime.Dtype;
import dev.nnc.runtime.data.Dataset;
import dev.nnc.runtime.data.Split;
import dev.nnc.runtime.train.BatchRunner;
import dev.nnc.runtime.train.Evaluation;
import dev.nnc.runtime.train.Optimizer;
import dev.nnc.runtime.train.Penalty;
import dev.nnc.runtime.train.Trainer;
import dev.nnc.syntax.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One network in training: the program written from the page's settings, compiled by nnc, and a
 * training run that is step for step {@code nnc train}'s with the flags {@link ProgramWriter#command}
 * shows: the same split and initial weights from the seed, the same batches, single precision,
 * the same optimizer. After each epoch the test rows' mean loss is computed with the weights of
 * the moment. Not thread-safe: the server calls it from one thread.
 */
public final class Session {
  private final Settings settings;
  private final String program;
  private final String gradText;
  private final List<Point> points;
  private final Dataset train;
  private final Dataset test;
  private final int[] trainRows;
  private final BatchRunner full;
  private final BatchRunner testRunner;
  private final Trainer.Run run;
  private final HeatMaps heatMaps;
  private Trainer.Epoch lastEpoch;
  private String diverged;

  public Session(Settings settings) {
    this.settings = settings;
    this.program = ProgramWriter.program(settings);
    SourceFile source = new SourceFile(ProgramWriter.PROGRAM_FILE, program);
    Compilation shown = Nnc.compile(source, Nnc.Options.DEFAULT);
    this.gradText = GradPrinter.print(shown.program(), shown.backward());
    this.points = settings.dataSet().generate(settings.noisePercent() / 100.0, settings.dataSeed());

    Dataset all = dataset(settings, points);
    Split split = Split.of(all.rows(), settings.split(), settings.seed());
    this.trainRows = split.train();
    this.train = all.select(split.train());
    this.test = all.select(split.test());

    // As nnc train makes them: the full batch's runner initialised from the seed, the last
    // batch's runner (its parameters are copied in before use), the optimizer over the blocks.
    this.full = runner(source, settings.batch());
    int rest = train.rows() % settings.batch();
    BatchRunner tail = rest == 0 ? null : runner(source, rest);
    Optimizer optimizer = Optimizer.named(settings.optimizer(), settings.learningRate(),
        new Penalty(settings.l1(), settings.l2()), full.parameterBlocks());
    this.run = new Trainer(full, tail, optimizer, 0).start(train, settings.seed());
    this.testRunner = runner(source, test.rows());
    this.heatMaps = new HeatMaps(settings, runner(source, HeatMaps.POINTS));
  }

  private BatchRunner runner(SourceFile source, int batch) {
    CompiledProgram p = Nnc.compile(source, Nnc.Options.DEFAULT.withBatch(batch).withDtype(Dtype.F32).withParametersOnly()).compiled();
    return new BatchRunner(p, p.newWorkspace(settings.seed()).arena());
  }

  /** The points as the program reads them: the chosen features of each, and its label. */
  static Dataset dataset(Settings s, List<Point> points) {
    int columns = s.features().size();
    double[] x = new double[points.size() * columns];
    double[] y = new double[points.size()];
    int[] lines = new int[points.size()];
    for (int r = 0; r < points.size(); r++) {
      Point p = points.get(r);
      for (int c = 0; c < columns; c++) x[r * columns + c] = s.features().get(c).of(p.x1(), p.x2());
      y[r] = p.label();
      lines[r] = r + 2;   // the CSV's line: the header is line 1
    }
    return new Dataset(ProgramWriter.DATA_FILE, points.size(), columns, x, y, lines);
  }

  public Settings settings() {
    return settings;
  }

  /** The {@code .nn} program. */
  public String program() {
    return program;
  }

  /** What {@code nnc show --grad} prints for the program. */
  public String gradText() {
    return gradText;
  }

  /** Every point, in the CSV's order. */
  public List<Point> points() {
    return points;
  }

  public String csv() {
    return ProgramWriter.csv(settings, points);
  }

  public int epochs() {
    return run.epochs();
  }

  /** The training loss of the last epoch, as nnc train reports it (null before training). */
  public Double trainLoss() {
    return lastEpoch == null ? null : lastEpoch.loss();
  }

  /** Why training stopped (the loss turned NaN), or null. */
  public String diverged() {
    return diverged;
  }

  /**
   * Trains until {@code epochs} more epochs are done or {@code budgetNanos} has passed, whichever
   * comes first (at least one epoch). Returns each epoch's number, training loss (as nnc train
   * reports it) and test loss; the page keeps the chart, so a session that plays for hours
   * holds no history.
   */
  public List<double[]> train(int epochs, long budgetNanos) {
    if (diverged != null) throw new BadRequest(409, diverged + "; press reset to start again");
    long start = System.nanoTime();
    List<double[]> done = new ArrayList<>();
    try {
      while (done.size() < epochs && (done.isEmpty() || System.nanoTime() - start < budgetNanos)) {
        lastEpoch = run.epoch(Trainer.Progress.SILENT);
        done.add(new double[] {lastEpoch.epoch(), lastEpoch.loss(), testLoss()});
      }
    } catch (Trainer.DivergedException e) {
      diverged = e.getMessage();
    }
    return done;
  }

  /** The mean loss over the test rows with the weights of the moment. */
  public double testLoss() {
    testRunner.copyParameters(full);
    testRunner.load(test, null, 0);
    testRunner.arena().forward();
    return testRunner.meanLoss();
  }

  /** The training rows' accuracy in the last epoch, as nnc train reports it (null for a regression or before training). */
  public Double trainAccuracy() {
    return lastEpoch == null ? null : lastEpoch.accuracy();
  }

  /** The share of test rows classified right with the weights of the moment (null for a regression). */
  public Double testAccuracy() {
    testRunner.copyParameters(full);
    return Evaluation.of(testRunner, null, test).accuracy();
  }

  /** Which of the points train (the rest test): the split nnc train --split makes. */
  public boolean[] trains() {
    boolean[] trains = new boolean[points.size()];
    for (int r : trainRows) trains[r] = true;
    return trains;
  }

  /** The heat maps of the weights of the moment. */
  public HeatMaps.Maps maps() {
    return heatMaps.compute(full);
  }

  /**
   * The weight matrices of the hidden layers and the output, in order, each row-major [out, in]:
   * what the page draws as the links between neurons.
   */
  public List<double[]> weightMatrices() {
    Map<String, double[]> all = parameters();
    List<double[]> out = new ArrayList<>();
    for (int l = 0; l < settings.layers().size(); l++) out.add(all.get(ProgramWriter.layerVariable(l) + ".W"));
    out.add(all.get(ProgramWriter.OUTPUT + ".W"));
    return out;
  }

  /** Every parameter's values, by its full name (h1.W, ...), as nnc train saves them. */
  public Map<String, double[]> parameters() {
    Map<String, double[]> out = new LinkedHashMap<>();
    for (ArenaLayout.Entry e : full.program().layout().withRole(Role.PARAM)) {
      double[] values = new double[e.length()];
      for (int i = 0; i < values.length; i++) values[i] = full.arena().get(e.offset() + i);
      out.put(e.name(), values);
    }
    return out;
  }
}
