package dev.nnc.cli;

import dev.nnc.runtime.io.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Renders Graphviz text to SVG with the {@code dot} program, when it is installed. */
final class Graphviz {
  private Graphviz() {}

  static void render(String dotText, Path svg) {
    Process process;
    try {
      process = new ProcessBuilder("dot", "-Tsvg").redirectErrorStream(false).start();
    } catch (IOException e) {
      throw new UsageException("--svg needs Graphviz's dot, which is not installed (Debian/Ubuntu: apt-get install graphviz; "
          + "macOS: brew install graphviz); nnc show --dot prints the graph's text without it");
    }
    try {
      process.getOutputStream().write(dotText.getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) throw new UsageException("dot failed: " + err.strip());
      AtomicFile.writeText(svg, new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UsageException("--svg: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UsageException("--svg: interrupted");
    }
  }
}
