package dev.nnc.cli;

import dev.nnc.runtime.kernels.WorkerTeam;
import picocli.CommandLine.Option;

/** {@code --threads T}: how many threads the matrix products of a step are split over. */
final class ThreadsOption {
  @Option(names = "--threads", paramLabel = "T",
      description = "Threads the matrix products are split over (default: all ${sys:nnc.cores} cores). Results do not depend on it.")
  Integer threads;

  static {
    System.setProperty("nnc.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
  }

  int count() {
    int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (t < 1 || t > 256) throw new UsageException("--threads must be between 1 and 256, got " + t);
    return t;
  }

  /** A team of {@link #count()} threads, installed on the calling thread until it is closed. */
  WorkerTeam install() {
    WorkerTeam team = new WorkerTeam(count());
    team.install();
    return team;
  }
}
