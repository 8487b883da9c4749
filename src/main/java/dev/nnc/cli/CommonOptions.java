package dev.nnc.cli;

import picocli.CommandLine.Option;

/** The options every command takes (SPEC.md §2). */
final class CommonOptions {
  @Option(names = "--json", description = "Print exactly one JSON document on stdout; everything else goes to stderr.")
  boolean json;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of every random draw (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--debug", description = "Show stack traces of internal errors.")
  boolean debug;
}
