package dev.nnc.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every nnc command has: the common options (SPEC.md §2: --json, --seed, --debug) and the
 * streams picocli gives it, so tests can run commands in-process.
 */
abstract class NncCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  /** Results: stdout (with --json, exactly one JSON document). */
  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** Warnings, progress and diagnostics: stderr. */
  PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
