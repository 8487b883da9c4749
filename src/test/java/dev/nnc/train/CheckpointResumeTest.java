package dev.nnc.train;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.nnc.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, acceptance 4: a training killed mid-epoch in another JVM leaves its last checkpoint,
 * and {@code --resume} from it ends with the weights of an uninterrupted run, bit for bit
 * (docs/checkpoint-format.md). Bad checkpoints are refused with exit status 2.
 */
class CheckpointResumeTest {
  @TempDir Path dir;

  /** Wide enough that an epoch of the digits takes a good fraction of a second. */
  private static final String WIDE = """
      model wide {
        input x[64]
        label digit
        h1 = dense(x, 256, act = relu)
        h2 = dense(h1, 256, act = relu)
        logits = dense(h2, 10, act = identity)
        loss = cross_entropy(logits, digit)
      }
      """;

  private static final int EPOCHS = 8;

  private List<String> trainArgs(Path program, Path weights, String... more) {
    List<String> args = new ArrayList<>(List.of("train", program.toString(), "--data", "examples/data/digits.csv", "--split", "0.8",
        "--normalize", "standard", "--epochs", Integer.toString(EPOCHS), "--batch", "4", "--lr", "0.0005", "--optimizer", "adam",
        "--seed", "3", "--save", weights.toString()));
    args.addAll(List.of(more));
    return args;
  }

  private static Cli.Result run(List<String> args) {
    Cli.Result r = Cli.run(args.toArray(String[]::new));
    assertWithMessage("nnc %s\nstderr: %s", String.join(" ", args), r.err()).that(r.status()).isEqualTo(0);
    return r;
  }

  /** nnc in a JVM of its own, as a user runs it, so it can be killed. */
  private static Process start(List<String> args, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // A checkpoint after every epoch: however fast the machine, the first comes long before the last.
    List<String> command = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-XX:+UseSerialGC",
        "-Dnnc.checkpoint.interval.ms=0", "-cp", System.getProperty("java.class.path"), "dev.nnc.cli.Main"));
    command.addAll(args);
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Waits until the training has written its first checkpoint, then a little longer: into the next epoch. */
  private static void awaitCheckpoint(Process p, Path checkpoint, long afterMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (!Files.exists(checkpoint)) {
      assertWithMessage("the training ended before its first checkpoint").that(p.isAlive()).isTrue();
      assertWithMessage("no checkpoint within 5 minutes").that(System.nanoTime() < deadline).isTrue();
      Thread.sleep(20);
    }
    Thread.sleep(afterMillis);
  }

  @Test
  void aTrainingKilledMidEpochResumesToTheWeightsOfAnUninterruptedOne() throws Exception {
    Path program = Files.writeString(dir.resolve("wide.nn"), WIDE);
    Path whole = dir.resolve("whole.w");
    run(trainArgs(program, whole));

    // SIGTERM (what Ctrl-C and kill do): the JVM says where the checkpoint is.
    Path terminated = dir.resolve("terminated.w");
    Path log = dir.resolve("terminated.log");
    Process p = start(trainArgs(program, terminated), log);
    awaitCheckpoint(p, Path.of(terminated + ".ckpt"), 200);
    p.destroy();
    assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
    String said = Files.readString(log);
    assertWithMessage("the interrupted run's output").that(said).containsMatch("nnc: interrupted; the checkpoint .*terminated\\.w\\.ckpt holds \\d+ epochs: continue with --resume");
    assertWithMessage("weights of an interrupted run").that(Files.exists(terminated)).isFalse();
    run(trainArgs(program, terminated, "--resume"));
    assertWithMessage("weights resumed after SIGTERM differ from the uninterrupted run's").that(Files.mismatch(whole, terminated)).isEqualTo(-1L);

    // SIGKILL: no chance to say anything, and the checkpoint must still be whole.
    Path killed = dir.resolve("killed.w");
    p = start(trainArgs(program, killed), dir.resolve("killed.log"));
    awaitCheckpoint(p, Path.of(killed + ".ckpt"), 0);
    p.destroyForcibly();
    assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertWithMessage("weights of a killed run").that(Files.exists(killed)).isFalse();
    run(trainArgs(program, killed, "--resume"));
    assertWithMessage("weights resumed after SIGKILL differ from the uninterrupted run's").that(Files.mismatch(whole, killed)).isEqualTo(-1L);
  }

  // ---- refused checkpoints, on the quick XOR model

  private List<String> xor(Path weights, String... more) {
    return xor(weights, 20, "0.5", more);
  }

  private List<String> xor(Path weights, int epochs, String lr, String... more) {
    List<String> args = new ArrayList<>(List.of("train", "examples/mlp/xor.nn", "--data", "examples/data/xor.csv", "--epochs", Integer.toString(epochs),
        "--batch", "4", "--lr", lr, "--optimizer", "momentum", "--save", weights.toString()));
    args.addAll(List.of(more));
    return args;
  }

  private static Cli.Result refused(List<String> args) {
    Cli.Result r = Cli.run(args.toArray(String[]::new));
    assertWithMessage("nnc %s\nstderr: %s", String.join(" ", args), r.err()).that(r.status()).isEqualTo(2);
    assertThat(r.err()).doesNotContain("Exception");
    return r;
  }

  @Test
  void resumingAFinishedTrainingWithMoreEpochsEqualsTrainingThemAtOnce() throws IOException {
    Path once = dir.resolve("once.w");
    run(xor(once, 30, "0.5"));
    Path twice = dir.resolve("twice.w");
    run(xor(twice));
    run(xor(twice, 30, "0.5", "--resume"));
    // The weights files record --epochs (30 in both) and the same settings: equal bytes.
    assertThat(Files.mismatch(once, twice)).isEqualTo(-1L);
  }

  @Test
  void withoutACheckpointResumeIsBadUsage() {
    Path w = dir.resolve("w");
    assertThat(refused(xor(w, "--resume")).err()).contains("--resume: there is no checkpoint " + w + ".ckpt");
  }

  @Test
  void aDamagedCheckpointIsRefused() throws IOException {
    Path w = dir.resolve("w");
    run(xor(w));
    Path checkpoint = Path.of(w + ".ckpt");
    byte[] bytes = Files.readAllBytes(checkpoint);
    bytes[bytes.length / 2] ^= 1;
    Files.write(checkpoint, bytes);
    assertThat(refused(xor(w, "--resume")).err()).contains(checkpoint + ": damaged: checksum mismatch");
  }

  @Test
  void aCheckpointOfAnotherModelIsRefused() throws IOException {
    Path w = dir.resolve("w");
    run(xor(w));
    Path other = Files.writeString(dir.resolve("other.nn"), """
        model other {
          input x[2]
          label y
          h = dense(x, 3, act = tanh)
          z = dense(h, 1, act = identity)
          loss = bce_logits(z, y)
        }
        """);
    Cli.Result r = Cli.run("train", other.toString(), "--data", "examples/data/xor.csv", "--epochs", "20", "--batch", "4", "--lr", "0.5",
        "--optimizer", "momentum", "--save", w.toString(), "--resume");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("these weights were saved for model");
  }

  @Test
  void otherSettingsAreRefusedNamingTheSetting() throws IOException {
    Path w = dir.resolve("w");
    run(xor(w));
    assertThat(refused(xor(w, 20, "0.1", "--resume")).err()).contains("was made with lr 0.5, this training has 0.1; resume with the same settings");
  }

  @Test
  void aWeightsFileIsNotACheckpoint() throws IOException {
    Path w = dir.resolve("w");
    run(xor(w));
    Path checkpoint = Path.of(w + ".ckpt");
    Files.copy(w, checkpoint, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThat(refused(xor(w, "--resume")).err()).contains("not an nnc checkpoint file");
  }
}
