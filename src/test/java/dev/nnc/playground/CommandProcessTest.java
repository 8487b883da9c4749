package dev.nnc.playground;

import static com.google.common.truth.Truth.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nnc playground} as a process: it prints its URL, serves, and stops cleanly on a signal. */
class CommandProcessTest {
  @TempDir Path dir;

  @Test
  void printsItsUrlServesAndStopsOnSigterm() throws Exception {
    Path errFile = dir.resolve("stderr.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(List.of(java, "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
        "dev.nnc.cli.Main", "playground", "--port", "0")).redirectError(errFile.toFile()).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      Matcher m = Pattern.compile("nnc playground: open http://127\\.0\\.0\\.1:(\\d+)/ \\(Ctrl-C stops it\\)").matcher(line);
      assertThat(m.matches()).isTrue();
      int port = Integer.parseInt(m.group(1));
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).startsWith("HTTP/1.1 200 OK");
      }
      p.destroy();   // SIGTERM, which runs the shutdown hook as Ctrl-C's SIGINT does
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
      String err = Files.readString(errFile);
      assertThat(err).doesNotContain("Exception");
      org.junit.jupiter.api.Assertions.assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
    } finally {
      p.destroyForcibly();
    }
  }
}
