package dev.nnc.cli;

import dev.nnc.runtime.CompiledProgram;
import dev.nnc.runtime.data.Dataset;
import dev.nnc.runtime.data.Split;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a command's rows come from (SPEC.md §2): a CSV file, its label column, a split. */
final class DataOptions {
  @Option(names = "--data", required = true, paramLabel = "CSV", description = "The rows: a CSV file with a header row.")
  Path data;

  @Option(names = "--label", paramLabel = "COL", description = "The label column: a name or 0-based index (default: the last).")
  String label;

  @Option(names = "--split", paramLabel = "F", description = "Shuffle the rows with --seed; the first fraction F trains, the rest tests.")
  Double split;

  /** The training and test rows: a split of --data, or --data and {@code testFile}. */
  Dataset[] trainAndTest(CompiledProgram program, Path testFile, long seed) {
    Dataset all = Dataset.read(data, label, program);
    if (split != null && testFile != null) throw new UsageException("give --split or --test, not both");
    if (testFile != null) return new Dataset[] {all, Dataset.read(testFile, label, program)};
    if (split == null) return new Dataset[] {all, null};
    if (!(split > 0 && split < 1)) throw new UsageException("--split takes a fraction between 0 and 1, got " + split);
    Split s = Split.of(all.rows(), split, seed);
    if (s.train().length == 0 || s.test().length == 0) throw new UsageException("--split " + split + " leaves no rows on one side of " + all.rows());
    return new Dataset[] {all.select(s.train()), all.select(s.test())};
  }
}
